/// Runs each check's examples through `Validator` and reports those whose outcome (or message) differs from what
/// the example expects, at the example's place in the rule file.
///
/// The same verifier serves the test suite and `assay rules test`, as `ExampleVerifier` does for rules.
public struct CheckExampleVerifier: Sendable {
    public var ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// One example's run.
    public struct Result: Sendable, Hashable {
        public var checkID: String
        public var example: CheckExample
        /// The check's overall status on the example's facts.
        public var status: CheckResult.Status
        public var failures: [String]
        public var passed: Bool { failures.isEmpty }

        /// A compiler-style line at the example's place in the rule file.
        public var diagnostic: Diagnostic {
            Diagnostic(.error, stage: .rules, "check example fails: " + failures.joined(separator: "; "), at: example.location, ruleID: checkID)
        }
    }

    public func verifyAll() -> [Result] {
        ruleSet.checks.flatMap { check in check.examples.map { verify(check, $0) } }
    }

    public func verify(_ check: Check, _ example: CheckExample) -> Result {
        let report = Validator(ruleSet: ruleSet).validate(example.facts, checks: [check])
        let status = report.status(of: check.id)
        let said = report.results.map { "\($0.status.rawValue): \($0.message)" }.joined(separator: " | ")
        var failures: [String] = []
        if status != example.expect {
            failures.append("expected \(example.expect.rawValue), got \(status.rawValue) (\(said))")
        }
        if let message = example.message, !report.results.contains(where: { $0.message == message }) {
            failures.append("no result says '\(message)' (\(said))")
        }
        return Result(checkID: check.id, example: example, status: status, failures: failures)
    }
}
