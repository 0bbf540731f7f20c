/// The facts a validation runs on, sorted once and indexed by document for the checks that look up a fact's
/// neighbours (the facts inside a list's items, the other facts of a count's record). Facts are shared objects
/// (`CheckedFact`), so the index, each check's selections and the results' links hold references, not copies.
///
/// A build's index holds only the facts some check can look at (`Validator.validate(_:)`); what `required` asks of
/// every fact, which subjects are stated where, is kept apart in `subjects`.
struct FactIndex {
    /// In document order: document path, then start, end and id.
    let facts: [CheckedFact]
    private let byDocument: [String: Range<Int>]
    /// The documents (paths) with a fact about each subject, for every fact with a subject, whether held or not.
    let subjects: [String: Set<String>]

    /// Sorts `facts` in place when the caller hands them over, so they are not held twice. Without `subjects`, they
    /// are taken from `facts`.
    init(_ facts: consuming [CheckedFact], subjects: [String: Set<String>]? = nil) {
        facts.sort(by: CheckEvaluation.documentOrder)
        self.facts = facts
        var byDocument: [String: Range<Int>] = [:]
        for (position, fact) in self.facts.enumerated() {
            // Sorted by document first, so each document's facts are one run.
            let document = fact.document
            byDocument[document] = (byDocument[document]?.lowerBound ?? position)..<(position + 1)
        }
        self.byDocument = byDocument
        self.subjects = subjects ?? self.facts.reduce(into: [:]) { subjects, fact in
            if let subject = fact.subject { subjects[subject, default: []].insert(fact.document) }
        }
    }

    /// The facts of one document, in document order.
    func facts(in document: String) -> ArraySlice<CheckedFact> {
        byDocument[document].map { facts[$0] } ?? []
    }

    /// The other facts of a fact's record (record ids are unique within a document), in document order. Found among
    /// the document's facts rather than kept in a table: few checks ask, and a table keyed by document and record
    /// would hold a key for every fact of the corpus.
    func recordmates(of fact: CheckedFact) -> [CheckedFact] {
        facts(in: fact.document).filter { $0.recordID == fact.recordID && $0.key != fact.key }
    }
}
