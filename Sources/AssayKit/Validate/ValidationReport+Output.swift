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

    /// The same JSON, pretty-printed with two spaces, handed to `write` a result at a time: a corpus-wide report
    /// has results by the ten thousand, and their JSON tree is several times their text's size.
    func writeJSON(subjectField: String, to write: (String) throws -> Void) throws {
        try write("{")
        for (key, value) in header {
            try write("\n  " + JSON.string(key).serialized() + ": " + value.serialized(indent: 2, level: 1) + ",")
        }
        try write("\n  \"results\": ")
        guard !results.isEmpty else { return try write("[]\n}\n") }
        try write("[")
        var first = true
        try results.forEachWithID { result, id in
            try write(first ? "" : ",")
            first = false
            try Self.writeJSON(result, id: id, subjectField: subjectField, to: write)
        }
        try write("\n  ]\n}\n")
    }

    /// One result as `json` serializes it at its place in the report, with its evidence written a batch of links at
    /// a time: a corpus-wide result links thousands of facts, and its JSON tree would be tens of times its text.
    private static func writeJSON(_ result: CheckResult, id: String, subjectField: String, to write: (String) throws -> Void) throws {
        var bare = result
        bare.links = []
        let object = json(bare, id: id, subjectField: subjectField).serialized(indent: 2, level: 2)
        guard !result.links.isEmpty else { return try write("\n    " + object) }
        // The object ends with `"evidence": []` and its closing brace; the links go between the brackets.
        let closing = "[]\n    }"
        precondition(object.hasSuffix(closing))
        var out = "\n    " + object.dropLast(closing.count) + "["
        for (index, link) in result.links.enumerated() {
            out += (index > 0 ? "," : "") + "\n        " + json(link).serialized(indent: 2, level: 4)
            if out.utf8.count >= 1 << 16 {
                try write(out)
                out = ""
            }
        }
        try write(out + "\n      ]\n    }")
    }

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
