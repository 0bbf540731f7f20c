/// The JSON form of a fact, one line of `facts.jsonl`, shared by `assay build` and `assay extract`.
public enum FactJSON {
    /// `subjectField` is the key the attributed subject is written under (`programme` for this corpus).
    public static func json(_ fact: Fact, subjectField: String) -> JSON {
        var pairs = base(fact, subjectField: subjectField)
        if let items = fact.items { pairs.append(("items", .array(items.map(json)))) }
        return .object(pairs)
    }

    /// The evidence object: where a span is, in the normalised text and in the source.
    public static func json(_ evidence: Evidence) -> JSON {
        .object([
            ("document", .string(evidence.document)),
            ("doc_id", .string(evidence.docID)),
            ("sha256", .string(evidence.sha256)),
            ("start", .int(evidence.start)),
            ("end", .int(evidence.end)),
            ("exact", .string(evidence.exact)),
            ("prefix", .string(evidence.prefix)),
            ("suffix", .string(evidence.suffix)),
            ("line", JSON(evidence.line)),
            ("source_start", JSON(evidence.sourceStart)),
            ("source_end", JSON(evidence.sourceEnd)),
            ("link", JSON(evidence.link)),
            ("xpath", JSON(evidence.xpath)),
        ])
    }

    private static func base(_ fact: Fact, subjectField: String) -> [(String, JSON)] {
        [
            ("fact_id", .string(fact.id)),
            ("type", .string(fact.type)),
            ("value", JSON(fact.value)),
            (subjectField, JSON(fact.subject)),
            ("attribute", .string(fact.attribute)),
            ("qualifiers", .object(fact.qualifiers.sorted { $0.key < $1.key }.map { ($0.key, JSON($0.value)) })),
            ("record_id", .string(fact.recordID)),
            ("rule", .string(fact.ruleID)),
            ("rule_file", .string(fact.ruleFile)),
            ("rule_line", .int(fact.ruleLine)),
            ("evidence", json(fact.evidence)),
        ]
    }
}
