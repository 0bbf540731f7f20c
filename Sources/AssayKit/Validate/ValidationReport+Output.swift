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
        var path: (source: DocumentSource, encoded: [UInt8])?
        for (index, link) in result.links.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += linkIndent
            writeJSON(link, path: &path, into: &out)
            if out.count >= 1 << 16 {
                try write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out += "\n      ]\n    }".utf8
    }

    private static let closingBytes = Array("[]\n    }".utf8), linkIndent = Array("\n        ".utf8)

    /// One link as `json(link)` writes it at its place in the report (indent 2, level 4), its members written
    /// straight from the checked fact: a tree of 13 values for each of a corpus's links, and the link's `Evidence`
    /// made again for each of its 8 members read from it, were most of writing the report. `path` is the
    /// percent-encoded path of the document of the previous link (a result's links come a document at a time).
    private static func writeJSON(_ link: CheckResult.Link, path: inout (source: DocumentSource, encoded: [UInt8])?, into out: inout [UInt8]) {
        let fact = link.fact
        let span = link.item.map { fact.items![$0 - 1] } ?? fact.span
        let keys = linkKeys
        out += keys[0]
        JSON.string(link.role).write(into: &out)
        out += keys[1]
        JSON.string(fact.id).write(into: &out)
        out += keys[2]
        writeJSON(link.item, into: &out)
        out += keys[3]
        JSON.string(fact.attribute).write(into: &out)
        out += keys[4]
        switch link.value {
        case .integer(let number)?: out += String(number).utf8
        case .string(let text)?: JSON.string(text).write(into: &out)
        case nil: out += nullBytes
        }
        out += keys[5]
        JSON.string(fact.source.path).write(into: &out)
        out += keys[6]
        writeJSON(CheckedFact.expand(span.line), into: &out)
        out += keys[7]
        out += String(span.start).utf8
        out += keys[8]
        out += String(span.end).utf8
        let sourceStart = CheckedFact.expand(span.sourceStart), sourceEnd = CheckedFact.expand(span.sourceEnd)
        out += keys[9]
        writeJSON(sourceStart, into: &out)
        out += keys[10]
        writeJSON(sourceEnd, into: &out)
        out += keys[11]
        JSON.string(span.exact).write(into: &out)
        out += keys[12]
        if let sourceStart, let sourceEnd {
            // `Evidence.link`: the percent-encoded path and the offsets are ASCII letters, digits and `%-._~/#=,`,
            // none of which JSON escapes, so the string's bytes go between the quotes as they are.
            if path?.source !== fact.source { path = (fact.source, Array(Evidence.percentEncodedPath(fact.source.path).utf8)) }
            out.append(UInt8(ascii: "\""))
            out += path!.encoded
            out += "#char=".utf8
            out += String(sourceStart).utf8
            out.append(UInt8(ascii: ","))
            out += String(sourceEnd).utf8
            out.append(UInt8(ascii: "\""))
        } else {
            out += nullBytes
        }
        out += linkEnd
    }

    private static func writeJSON(_ number: Int?, into out: inout [UInt8]) {
        if let number { out += String(number).utf8 } else { out += nullBytes }
    }

    /// What comes before each member's value in a link's object, in `json(link)`'s order, and what ends it.
    private static let linkKeys: [[UInt8]] = [
        "role", "fact_id", "item", "attribute", "value", "document", "line", "start", "end", "source_start", "source_end", "exact", "link",
    ].enumerated().map { position, key in Array(((position == 0 ? "{" : ",") + "\n          \"" + key + "\": ").utf8) }
    private static let linkEnd = Array("\n        }".utf8), nullBytes = Array("null".utf8)

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
