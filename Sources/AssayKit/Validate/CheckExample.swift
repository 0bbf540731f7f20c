/// An example a check carries: a few facts written inline in the rule file, and the outcome the check must give on
/// them, so that a check is tested where it is written (as rules are, with their `match` examples).
///
/// The facts are made whole at load time: ids `example-1`, `example-2` …, document `example.txt` unless given,
/// offsets in list order, so "document order" is the order they are written in.
public struct CheckExample: Sendable, Hashable {
    public var facts: [Fact]
    /// The check's overall status on these facts (see `ValidationReport.status(of:)`).
    public var expect: CheckResult.Status
    /// When given, one of the results must have exactly this message.
    public var message: String?
    /// Where the example is in its rule file.
    public var location: SourceLocation

    public init(facts: [Fact], expect: CheckResult.Status, message: String? = nil, location: SourceLocation) {
        self.facts = facts
        self.expect = expect
        self.message = message
        self.location = location
    }
}
