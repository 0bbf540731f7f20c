/// Which facts one side of a check takes: by type, attribute, subject and qualifiers; an empty list means any.
///
/// There is deliberately no way to select by document: a check says what the numbers mean, so the same check runs
/// on a new corpus.
public struct FactSelector: Sendable, Hashable {
    public var types: [String] = []
    public var attributes: [String] = []
    /// Subject ids (programme ids, for this corpus).
    public var subjects: [String] = []
    /// Each must be present on the fact with this value (compared as text, so `1` matches `"1"`).
    public var qualifiers: [String: FactValue] = [:]

    public init(types: [String] = [], attributes: [String] = [], subjects: [String] = [], qualifiers: [String: FactValue] = [:]) {
        self.types = types
        self.attributes = attributes
        self.subjects = subjects
        self.qualifiers = qualifiers
    }

    public func matches(_ fact: Fact) -> Bool {
        matches(type: fact.type, attribute: fact.attribute, subject: fact.subject, qualifiers: fact.qualifiers)
    }

    func matches(_ fact: CheckedFact) -> Bool {
        matches(type: fact.type, attribute: fact.attribute, subject: fact.subject, qualifiers: fact.qualifiers)
    }

    private func matches(type: String, attribute: String, subject: String?, qualifiers given: [String: FactValue]) -> Bool {
        (types.isEmpty || types.contains(type))
            && (attributes.isEmpty || attributes.contains(attribute))
            && (subjects.isEmpty || subject.map(subjects.contains) == true)
            && qualifiers.allSatisfy { given[$0.key]?.description == $0.value.description }
    }

    /// This selector with the check-wide `select:` filled in where this one says nothing.
    func merged(with common: FactSelector) -> FactSelector {
        var merged = self
        if merged.types.isEmpty { merged.types = common.types }
        if merged.attributes.isEmpty { merged.attributes = common.attributes }
        if merged.subjects.isEmpty { merged.subjects = common.subjects }
        merged.qualifiers.merge(common.qualifiers) { own, _ in own }
        return merged
    }

    /// What the selector takes, for messages: "wave_sites", "total_sites or sites_appointed", "count".
    public var summary: String {
        var text = !attributes.isEmpty ? attributes.joined(separator: " or ") : !types.isEmpty ? types.joined(separator: " or ") : "any"
        let qualified = qualifiers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        if !qualified.isEmpty { text += " (" + qualified.joined(separator: ", ") + ")" }
        return text
    }
}
