import Foundation

/// The report as a file: `validation/report.json`. (The same results as tables, with their evidence, are
/// `data/check_results.csv` and `data/check_evidence.csv`.)
///
/// One CSV, one row per result and linked fact (a result without facts still gets one row), rather than a results
/// table and an evidence table to join: the question people bring is "why did this fail?", and each row answers it
/// whole (status, message, and one side's words, line and link), filterable on any column. The repeated result
/// columns are the price, and the `result_id` column groups a result's rows.
extension ValidationReport {
    /// `subjectField` is the key subjects are written under (`programme` for this corpus), as in `facts.jsonl`.
    public func json(subjectField: String) -> JSON {
        .object(header + [("results", .array(results.indices.map { results.withID(at: $0) }.map { Self.json($0, id: $1, subjectField: subjectField) }))])
    }

    /// The same JSON, pretty-printed with two spaces, handed to `write` a piece at a time: a corpus-wide report
    /// has results by the ten thousand, and their JSON tree is several times their text's size. Made as bytes
    /// throughout (107 MB at 10,000 documents): through Strings, every piece was checked as UTF-8 and copied again.
    func writeJSON(subjectField: String, to write: ([UInt8]) throws -> Void) throws {
        var out = Array("{".utf8)
        for (key, value) in header {
            out += "\n  ".utf8
            JSON.string(key).write(into: &out)
            out += ": ".utf8
            value.write(into: &out, indent: 2, level: 1)
            out.append(UInt8(ascii: ","))
        }
        out += "\n  \"results\": ".utf8
        guard !results.isEmpty else { return try write(out + "[]\n}\n".utf8) }
        out.append(UInt8(ascii: "["))
        var first = true
        try results.forEachWithID { result, id in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            try Self.writeJSON(result, id: id, subjectField: subjectField, into: &out, write: write)
        }
        try write(out + "\n  ]\n}\n".utf8)
    }

    /// What starts a result at its place in the report.
    private static let newlineAndResult = Array("\n    ".utf8)

    /// One result as `json` serializes it at its place in the report, appended to `out`, with its evidence written a
    /// batch of links at a time: a corpus-wide result links thousands of facts, and its JSON tree would be tens of
    /// times its text. `out` goes to `write` whenever it passes 64 KB.
    private static func writeJSON(
        _ result: CheckResult, id: String, subjectField: String, into out: inout [UInt8], write: ([UInt8]) throws -> Void
    ) throws {
        var bare = result
        bare.links = []
        out += newlineAndResult
        json(bare, id: id, subjectField: subjectField).write(into: &out, indent: 2, level: 2)
        guard !result.links.isEmpty else { return }
        // The object ends with `"evidence": []` and its closing brace; the links go between the brackets.
        precondition(out.suffix(closingBytes.count).elementsEqual(closingBytes))
        out.removeLast(closingBytes.count)
        out.append(UInt8(ascii: "["))
        for (index, link) in result.links.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += linkIndent
            json(link).write(into: &out, indent: 2, level: 4)
            if out.count >= 1 << 16 {
                try write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out += "\n      ]\n    }".utf8
    }

    private static let closingBytes = Array("[]\n    }".utf8), linkIndent = Array("\n        ".utf8)

    private var header: [(String, JSON)] {
        [
            ("summary", .object([
                ("checks", .int(checks.count)),
                ("results", .int(results.count)),
                ("pass", .int(count(.pass))),
                ("fail", .int(count(.fail))),
                ("error", .int(count(.error))),
                ("skipped", .int(count(.skipped))),
            ])),
            ("checks", .array(checks.map { check in
                .object([
                    ("id", .string(check.id)),
                    ("kind", .string(check.kind.rawValue)),
                    ("severity", .string(check.severity.rawValue)),
                    ("scope", .string(check.scope.rawValue)),
                    ("status", .string(status(of: check.id).rawValue)),
                    ("description", JSON(check.description)),
                    ("rule_file", .string(check.location.file)),
                    ("rule_line", JSON(check.location.line)),
                ])
            })),
        ]
    }

    private static func json(_ result: CheckResult, id: String, subjectField: String) -> JSON {
                .object([
                    ("result_id", .string(id)),
                    ("check", .string(result.checkID)),
                    ("kind", .string(result.kind.rawValue)),
                    ("severity", .string(result.severity.rawValue)),
                    ("status", .string(result.status.rawValue)),
                    (subjectField, JSON(result.subject)),
                    ("document", JSON(result.document)),
                    ("key", JSON(result.key)),
                    ("expected", result.expected.map(JSON.init) ?? .null),
                    ("observed", result.observed.map(JSON.init) ?? .null),
                    ("message", .string(result.message)),
                    ("evidence", .array(result.links.map(Self.json))),
                ])
    }

    private static func json(_ link: CheckResult.Link) -> JSON {
        .object([
            ("role", .string(link.role)),
            ("fact_id", .string(link.factID)),
            ("item", JSON(link.item)),
            ("attribute", .string(link.attribute)),
            ("value", link.value.map(JSON.init) ?? .null),
            ("document", .string(link.evidence.document)),
            ("line", JSON(link.evidence.line)),
            ("start", .int(link.evidence.start)),
            ("end", .int(link.evidence.end)),
            ("source_start", JSON(link.evidence.sourceStart)),
            ("source_end", JSON(link.evidence.sourceEnd)),
            ("exact", .string(link.evidence.exact)),
            ("link", JSON(link.evidence.link)),
        ])
    }
}
