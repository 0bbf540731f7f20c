@testable import AssayKit
import Testing
import TestSupport

/// Lint flags the pattern shapes that backtrack catastrophically, and the shipped rules lint clean.
@Suite struct RuleLinterTests {
    @Test(arguments: ["(a+)+$", "(\\w+\\s?)+$", "(?:x+x+)+y", "(a|ab)*c", ".*foo.*bar"])
    func dangerousShapesAreFlagged(_ pattern: String) {
        #expect(!PatternShape.problems(in: pattern).isEmpty)
    }

    @Test(arguments: ["(?<count>\\d+)\\s+sites", "(?:a++)+", "(?:(?:\\s+and\\s+|[\\s-]+)(?:one|two))*", "\\d{1,3}(?:,\\d{3})+", "x.{0,80}?y"])
    func safeShapesAreNot(_ pattern: String) {
        #expect(PatternShape.problems(in: pattern).isEmpty)
    }

    @Test func shippedRulesLintClean() throws {
        let (ruleSet, diagnostics) = try RuleSetLoader(base: Repository.root).load(from: Repository.rules)
        #expect(RuleLinter(ruleSet: ruleSet).lint(loadDiagnostics: diagnostics).map(\.rendered) == [])
    }

    @Test func aRuleWithANestedQuantifierIsReportedAtItsPlace() throws {
        let types = "types:\n  count: {value: integer}\n"
        let rules = """
            rules:
              - id: bad
                pattern: '(?<count>(\\d+)+)$'
                fields: {count: {type: count}}
                examples: [{match: '[[12]]'}, {no_match: 'x'}]
            """
        let (ruleSet, diagnostics) = RuleSetLoader().compile([("Rules/types.yaml", types), ("Rules/bad.yaml", rules)])
        let findings = RuleLinter(ruleSet: ruleSet).lint(loadDiagnostics: diagnostics)
        #expect(findings.map(\.location?.description) == ["Rules/bad.yaml:2:9"])
        #expect(findings.first?.message.hasPrefix("pattern may backtrack catastrophically: '(\\d+)' repeats a group") == true)
    }
}
