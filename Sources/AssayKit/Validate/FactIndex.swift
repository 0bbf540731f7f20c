/// The facts a validation runs on, sorted once and indexed by document and record for the checks that look up a
/// fact's neighbours (the facts inside a list's items, the other facts of a count's record). The indexes hold
/// positions, not copies: a corpus's facts are held once.
struct FactIndex {
    /// In document order: document path, then start, end and id.
    let facts: [Fact]
    private let byDocument: [String: Range<Int>]
    private let byRecord: [String: [Int]]

    /// Sorts `facts` in place when the caller hands them over, so they are not held twice.
    init(_ facts: consuming [Fact]) {
        facts.sort(by: CheckEvaluation.documentOrder)
        self.facts = facts
        var byDocument: [String: Range<Int>] = [:]
        var byRecord: [String: [Int]] = [:]
        for (position, fact) in self.facts.enumerated() {
            // Sorted by document first, so each document's facts are one run.
            let document = fact.evidence.document
            byDocument[document] = (byDocument[document]?.lowerBound ?? position)..<(position + 1)
            byRecord[document + "\u{0}" + fact.recordID, default: []].append(position)
        }
        self.byDocument = byDocument
        self.byRecord = byRecord
    }

    /// The facts of one document, in document order.
    func facts(in document: String) -> ArraySlice<Fact> {
        byDocument[document].map { facts[$0] } ?? []
    }

    /// The other facts of a fact's record (record ids are unique within a document).
    func recordmates(of fact: Fact) -> [Fact] {
        (byRecord[fact.evidence.document + "\u{0}" + fact.recordID] ?? []).map { facts[$0] }.filter { $0.id != fact.id }
    }
}
