@testable import AssayKit
import Testing
import TestSupport

/// Runs every example of every shipped rule (each match example also behind a multi-byte prefix and wrapped in
/// HTML), reporting a failure at the example's own line in the rule file.
@Suite struct RuleExampleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: Rule
        var example: RuleExample
        var testDescription: String { "\(rule.id) @ \(example.location)" }
    }

    static let cases: [Case] = Repository.ruleSet.rules.flatMap { rule in rule.examples.map { Case(rule: rule, example: $0) } }

    @Test func thereAreExamples() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) {
        for result in ExampleVerifier(ruleSet: Repository.ruleSet).verify(testCase.rule, testCase.example) where !result.passed {
            let location = result.example.location
            Issue.record(
                Comment(rawValue: result.diagnostic.rendered),
                sourceLocation: SourceLocation(
                    fileID: "assay/\(location.file)", filePath: Repository.root.appendingPathComponent(location.file).path,
                    line: location.line ?? 1, column: location.column ?? 1))
        }
    }

    /// Conventions made executable: every rule has a matching and a non-matching example; the shipped rules load
    /// without a single warning.
    @Test func everyRuleHasBothKindsOfExample() {
        for rule in Repository.ruleSet.rules {
            #expect(rule.examples.contains { $0.kind == .match }, "\(rule.id) has no match example")
            #expect(rule.examples.contains { $0.kind == .noMatch }, "\(rule.id) has no no_match example")
        }
    }

    @Test func shippedRulesLoadCleanly() throws {
        let (_, diagnostics) = try RuleSetLoader(base: Repository.root).load(from: Repository.rules)
        #expect(diagnostics.map(\.rendered) == [])
    }

    /// The verifier itself can fail: a wrong value and a wrong span are both caught.
    @Test func verifierCatchesWrongExamples() throws {
        let rule = try #require(Repository.ruleSet.rules.first { $0.id == "count.population" })
        let wrongValue = RuleExample(kind: .match, markedText: "a population of [[6300]]", values: [.integer(6301)], location: rule.location)
        let wrongSpan = RuleExample(kind: .match, markedText: "a [[population of 6300]]", values: [.integer(6300)], location: rule.location)
        let verifier = ExampleVerifier(ruleSet: Repository.ruleSet)
        #expect(verifier.verify(rule, wrongValue).allSatisfy { !$0.passed })
        #expect(verifier.verify(rule, wrongSpan).allSatisfy { !$0.passed })
    }
}
