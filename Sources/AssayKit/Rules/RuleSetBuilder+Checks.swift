import Yams

extension RuleSetBuilder {
    /// Compiles the `checks:` sections into `ruleSet.checks`. (Placeholder: filled in by the validation work.)
    mutating func compileChecks() {}
}
