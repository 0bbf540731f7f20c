import ArgumentParser
import AssayKit
import Foundation

/// `assay validate`: re-run the checks on an existing dataset, so users can gate their own pipelines on it.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-run the checks in the rule files on an existing dataset and print every result; writes nothing.",
        discussion: """
            Reads <output>/facts.jsonl (and <output>/text/ for quotes), runs every check of the rule files and prints \
            one line per result, then a summary.
            Exit codes: 0 no check of error severity failed; 1 a check of error severity failed or could not be \
            evaluated (with --strict, of warning severity too); 2 bad usage or unusable input (a rule set with errors, \
            no dataset, a malformed line in facts.jsonl).
            """)

    @Option(name: .long, help: "The dataset folder written by 'assay build'.")
    var output: String = "Output"

    @OptionGroup var rulesOption: RulesOption

    @Flag(name: .long, help: "Exit with 1 when a check of warning severity fails too.")
    var strict = false

    func run() throws {
        let ruleSet = try rulesOption.load()
        let dataset: (facts: [Fact], texts: DocumentTexts)
        do {
            dataset = try FactReader(subjectField: ruleSet.attribution?.field ?? "subject")
                .readDataset(at: URL(fileURLWithPath: output), named: output)
        } catch let error as AssayError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let report = Validator(ruleSet: ruleSet).validate(dataset.facts, texts: dataset.texts)
        for line in CheckReport.lines(report) { print(line) }
        print(report.summary)
        if report.failsGate(strict: strict) { throw ExitCode(1) }
    }
}

/// How check results are shown in a terminal: one line each, status first.
enum CheckReport {
    /// "pass  sites.waves-add-up-to-total  integrated-care-pioneers  Corpus/x.txt: message"; a warning-severity
    /// result says so after its status.
    static func lines(_ report: ValidationReport, statuses: Set<CheckResult.Status> = Set(CheckResult.Status.allCases)) -> [String] {
        report.results(withStatus: statuses).map { result in
            let status = result.status.rawValue + (result.severity == .warning && result.status != .pass ? " (warning)" : "")
            let place = [result.subject, result.document].compactMap { $0 }.joined(separator: "  ")
            return "\(status)  \(result.checkID)\(place.isEmpty ? "" : "  " + place): \(result.message)"
        }
    }
}
