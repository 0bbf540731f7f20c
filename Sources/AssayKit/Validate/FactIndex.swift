/// The facts a validation runs on, sorted once and indexed by document and record for the checks that look up a
/// fact's neighbours (the facts inside a list's items, the other facts of a count's record).
struct FactIndex {
    /// In document order: document path, then start, end and id.
    let facts: [Fact]
    let byDocument: [String: [Fact]]
    let byRecord: [String: [Fact]]

    init(_ facts: [Fact]) {
        self.facts = facts.sorted(by: CheckEvaluation.documentOrder)
        byDocument = Dictionary(grouping: self.facts, by: \.evidence.document)
        byRecord = Dictionary(grouping: self.facts, by: { $0.evidence.document + "\u{0}" + $0.recordID })
    }

    /// The other facts of a fact's record (record ids are unique within a document).
    func recordmates(of fact: Fact) -> [Fact] {
        (byRecord[fact.evidence.document + "\u{0}" + fact.recordID] ?? []).filter { $0.id != fact.id }
    }
}
