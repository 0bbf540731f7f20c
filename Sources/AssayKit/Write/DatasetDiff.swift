/// The fact-level difference between two versions of a dataset: documents added, removed and changed (same path,
/// other bytes), and facts added, removed and changed.
///
/// A fact's identity is its document's path, its type, attribute and span (start and end in the normalised text),
/// so "the same statement" is followed across versions even though its id (a hash that includes the value and the
/// document's bytes) changes. A fact is changed when its identity is kept but its value, subject, qualifiers or rule
/// differ. An edit early in a document moves the spans after it, so their facts show as removed and added: the
/// difference is exact, if not minimal.
public struct DatasetDiff: Sendable {
    public struct DocumentChange: Sendable, Hashable {
        public var old: DatasetSnapshot.Document
        public var new: DatasetSnapshot.Document
    }

    public struct FactChange: Sendable, Hashable {
        public var old: Fact
        public var new: Fact
        /// What differs: `value`, the subject field's name, `qualifiers`, `rule`.
        public var fields: [String]
    }

    public var addedDocuments: [DatasetSnapshot.Document] = []
    public var removedDocuments: [DatasetSnapshot.Document] = []
    public var changedDocuments: [DocumentChange] = []
    public var addedFacts: [Fact] = []
    public var removedFacts: [Fact] = []
    public var changedFacts: [FactChange] = []
    /// The name the subject is shown under (`programme`).
    public var subjectField: String

    public var isEmpty: Bool {
        addedDocuments.isEmpty && removedDocuments.isEmpty && changedDocuments.isEmpty && addedFacts.isEmpty
            && removedFacts.isEmpty && changedFacts.isEmpty
    }

    private struct Identity: Hashable {
        var document: String
        var type: String
        var attribute: String
        var start: Int
        var end: Int

        init(_ fact: Fact) {
            document = fact.evidence.document
            type = fact.type
            attribute = fact.attribute
            start = fact.evidence.start
            end = fact.evidence.end
        }
    }

    public init(old: DatasetSnapshot, new: DatasetSnapshot) {
        let subjectField = new.subjectField
        self.subjectField = subjectField
        let oldDocuments = Dictionary(old.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let newPaths = Set(new.documents.map(\.path))
        for document in new.documents {
            if let before = oldDocuments[document.path] {
                if before.sha256 != document.sha256 { changedDocuments.append(DocumentChange(old: before, new: document)) }
            } else {
                addedDocuments.append(document)
            }
        }
        removedDocuments = old.documents.filter { !newPaths.contains($0.path) }
        // Facts sharing an identity (rare: two rules, one span) are paired in order.
        var oldByIdentity: [Identity: [Fact]] = [:]
        for fact in old.facts { oldByIdentity[Identity(fact), default: []].append(fact) }
        for fact in new.facts {
            let identity = Identity(fact)
            guard var candidates = oldByIdentity[identity], !candidates.isEmpty else {
                addedFacts.append(fact)
                continue
            }
            let before = candidates.firstIndex { Self.changedFields($0, fact, subjectField: subjectField).isEmpty } ?? 0
            let previous = candidates.remove(at: before)
            oldByIdentity[identity] = candidates
            let fields = Self.changedFields(previous, fact, subjectField: subjectField)
            if !fields.isEmpty { changedFacts.append(FactChange(old: previous, new: fact, fields: fields)) }
        }
        for fact in old.facts {
            let identity = Identity(fact)
            guard var left = oldByIdentity[identity], let index = left.firstIndex(of: fact) else { continue }
            left.remove(at: index)
            oldByIdentity[identity] = left
            removedFacts.append(fact)
        }
    }

    private static func changedFields(_ a: Fact, _ b: Fact, subjectField: String) -> [String] {
        var fields: [String] = []
        if a.value != b.value { fields.append("value") }
        if a.subject != b.subject { fields.append(subjectField) }
        if a.qualifiers != b.qualifiers { fields.append("qualifiers") }
        if a.ruleID != b.ruleID { fields.append("rule") }
        return fields
    }

    /// "documents: 0 added, 0 removed, 1 changed; facts: 2 added, 1 removed, 1 changed".
    public var summary: String {
        "documents: \(addedDocuments.count) added, \(removedDocuments.count) removed, \(changedDocuments.count) changed; "
            + "facts: \(addedFacts.count) added, \(removedFacts.count) removed, \(changedFacts.count) changed"
    }

    /// One line per difference: documents first, then facts by document and position. `+` added, `-` removed,
    /// `~` changed.
    public var lines: [String] {
        var out: [String] = []
        out += addedDocuments.map { "+ document \($0.path)" }
        out += removedDocuments.map { "- document \($0.path)" }
        out += changedDocuments.map { "~ document \($0.new.path) (sha256 \($0.old.sha256.prefix(12)) → \($0.new.sha256.prefix(12)))" }
        var facts: [(key: (String, Int, Int), line: String)] = []
        for fact in addedFacts { facts.append((Self.order(fact), "+ " + describe(fact))) }
        for fact in removedFacts { facts.append((Self.order(fact), "- " + describe(fact))) }
        for change in changedFacts {
            let what = change.fields.map { field -> String in
                switch field {
                case "value": "value \(change.old.value) → \(change.new.value)"
                case "qualifiers": "qualifiers \(Self.text(change.old.qualifiers)) → \(Self.text(change.new.qualifiers))"
                case "rule": "rule \(change.old.ruleID) → \(change.new.ruleID)"
                default: "\(field) \(change.old.subject ?? "null") → \(change.new.subject ?? "null")"
                }
            }
            facts.append((Self.order(change.new), "~ \(Self.place(change.new)) \(change.new.type) \(change.new.attribute) '\(change.new.evidence.exact)': " + what.joined(separator: "; ")))
        }
        facts.sort { a, b in
            if a.key.0 != b.key.0 { return DatasetWriter.pathOrder(a.key.0, b.key.0) }
            return (a.key.1, a.key.2, a.line) < (b.key.1, b.key.2, b.line)
        }
        return out + facts.map(\.line)
    }

    private func describe(_ fact: Fact) -> String {
        var text = "\(Self.place(fact)) \(fact.type) \(fact.attribute) = \(fact.value)"
        if let subject = fact.subject { text += " [\(subjectField) \(subject)]" }
        if !fact.qualifiers.isEmpty { text += " " + Self.text(fact.qualifiers) }
        return text + " '\(fact.evidence.exact)'"
    }

    private static func place(_ fact: Fact) -> String {
        fact.evidence.document + (fact.evidence.line.map { ":\($0)" } ?? "")
    }

    private static func order(_ fact: Fact) -> (String, Int, Int) {
        (fact.evidence.document, fact.evidence.start, fact.evidence.end)
    }

    private static func text(_ qualifiers: [String: FactValue]) -> String {
        "{" + qualifiers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }
}
