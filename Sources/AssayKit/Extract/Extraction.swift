/// What `Extractor` found in one document: its facts, the candidates it set aside and why.
///
/// Output of `Extractor`, input of the writers. Suppressed candidates are kept so that nothing a rule matched is
/// lost without a trace.
public struct Extraction: Sendable {
    public var document: NormalizedDocument
    /// Sorted by start, end, type and rule.
    public var facts: [Fact]
    public var suppressed: [SuppressedCandidate]
    public var diagnostics: [Diagnostic]
}

/// A match that did not become a fact.
public struct SuppressedCandidate: Sendable, Hashable {
    public var ruleID: String
    public var type: String
    public var start: Int
    public var end: Int
    public var exact: String
    public var reason: String
    /// The rule whose candidate won the overlap, when that is why this one was set aside.
    public var winnerRuleID: String? = nil
}
