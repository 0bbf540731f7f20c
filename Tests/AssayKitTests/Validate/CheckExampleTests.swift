@testable import AssayKit
import Testing
import TestSupport

/// Runs every example of every shipped check, reporting a failure at the example's own line in the rule file.
@Suite struct CheckExampleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var check: Check
        var example: CheckExample
        var testDescription: String { "\(check.id) @ \(example.location)" }
    }

    static let cases: [Case] = Repository.ruleSet.checks.flatMap { check in check.examples.map { Case(check: check, example: $0) } }

    @Test func thereAreExamples() {
        #expect(Repository.ruleSet.checks.count >= 8)
        #expect(Self.cases.count >= 2 * Repository.ruleSet.checks.count)
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) {
        let result = CheckExampleVerifier(ruleSet: Repository.ruleSet).verify(testCase.check, testCase.example)
        guard !result.passed else { return }
        let location = result.example.location
        Issue.record(
            Comment(rawValue: result.diagnostic.rendered),
            sourceLocation: Testing.SourceLocation(
                fileID: "assay/\(location.file)", filePath: Repository.root.appendingPathComponent(location.file).path,
                line: location.line ?? 1, column: location.column ?? 1))
    }

    /// Conventions made executable: every check shows what passes and what fails, and every kind is used.
    @Test func everyCheckHasAPassingAndAFailingExample() {
        for check in Repository.ruleSet.checks {
            #expect(check.examples.contains { $0.expect == .pass }, "\(check.id) has no passing example")
            #expect(check.examples.contains { $0.expect == .fail }, "\(check.id) has no failing example")
        }
        #expect(Set(Repository.ruleSet.checks.map(\.kind)) == Set(Check.Kind.allCases))
    }

    /// The verifier itself can fail: a wrong expectation and a wrong message are both caught.
    @Test func verifierCatchesWrongExamples() throws {
        let check = try #require(Repository.ruleSet.checks.first { $0.kind == .sum })
        let passing = try #require(check.examples.first { $0.expect == .pass })
        var wrongStatus = passing
        wrongStatus.expect = .fail
        var wrongMessage = passing
        wrongMessage.message = "something else"
        let verifier = CheckExampleVerifier(ruleSet: Repository.ruleSet)
        #expect(verifier.verify(check, passing).passed)
        #expect(!verifier.verify(check, wrongStatus).passed)
        #expect(verifier.verify(check, wrongMessage).failures.first?.hasPrefix("no result says 'something else'") == true)
    }
}
