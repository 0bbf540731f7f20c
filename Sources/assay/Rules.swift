import ArgumentParser
import AssayKit
import Foundation

/// `assay rules …`: commands for rule authors.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with rule files.", subcommands: [Test.self, Lint.self, Coverage.self])

    /// `assay rules test`: run every rule's examples.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples (each match example also behind a multi-byte prefix and wrapped in HTML) and every check's examples.")

        @OptionGroup var rulesOption: RulesOption

        func run() throws {
            let ruleSet = try rulesOption.load()
            let results = ExampleVerifier(ruleSet: ruleSet).verifyAll()
            let failed = results.filter { !$0.passed }
            let checkResults = CheckExampleVerifier(ruleSet: ruleSet).verifyAll()
            let failedChecks = checkResults.filter { !$0.passed }
            Terminal.report(failed.map(\.diagnostic) + failedChecks.map(\.diagnostic))
            let examples = ruleSet.rules.reduce(0) { $0 + $1.examples.count }
            print("rules: \(results.count - failed.count) passed, \(failed.count) failed (\(examples) examples of \(ruleSet.rules.count) rules, with variants)")
            print("checks: \(checkResults.count - failedChecks.count) passed, \(failedChecks.count) failed (examples of \(ruleSet.checks.count) checks)")
            // The plain closing line CI reads.
            let passed = results.count - failed.count + checkResults.count - failedChecks.count
            print("\(passed) passed, \(failed.count + failedChecks.count) failed")
            if !failed.isEmpty || !failedChecks.isEmpty { throw ExitCode(1) }
        }
    }
}

extension Rules {
    /// `assay rules lint`: habits that cost later, as warnings at their place in the rule files.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Warn of patterns prone to catastrophic backtracking, unused lexicon entries, repeated aliases and rules without examples.")

        @OptionGroup var rulesOption: RulesOption

        func run() throws {
            let (ruleSet, diagnostics) = try rulesOption.loadWithDiagnostics()
            let findings = RuleLinter(ruleSet: ruleSet).lint(loadDiagnostics: diagnostics)
            Terminal.report(findings)
            print(findings.isEmpty ? "lint: clean (\(ruleSet.rules.count) rules)" : "lint: \(findings.count) warning(s)")
            if !findings.isEmpty { throw ExitCode(1) }
        }
    }
}

extension Rules {
    /// `assay rules coverage`: what each rule does on the corpus.
    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per rule: facts on the corpus, rules that never fire or are always shadowed, facts in failed checks.")

        @Option(name: .long, help: "The folder of documents.")
        var corpus: String = "Corpus"

        @OptionGroup var rulesOption: RulesOption

        func run() throws {
            let ruleSet = try rulesOption.load()
            let loaded = try loadCorpus(corpus, ruleSet: ruleSet)
            print(RuleCoverage(dataset: Pipeline(ruleSet: ruleSet).run(loaded)).rendered, terminator: "")
        }
    }
}
