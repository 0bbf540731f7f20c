import ArgumentParser
import AssayKit
import Foundation

/// `assay build`: the main job, Corpus/ in, Output/ out.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract facts from every document of a corpus and write the dataset.",
        discussion: """
            Writes facts.jsonl, text/<doc_id>.txt, errors.jsonl, validation/report.json, validation/results.csv and \
            manifest.json. The previous output is replaced only when the new one is complete. Prints a summary of the \
            checks and every check that failed or could not be evaluated.
            Exit codes: 0 success; 1 a document could not be processed, or a check of error severity failed or could \
            not be evaluated (with --strict, any warning too); 2 bad usage or unusable input.
            """)

    @Option(name: .long, help: "The folder of documents.")
    var corpus: String = "Corpus"

    @OptionGroup var rulesOption: RulesOption

    @Option(name: .long, help: "The folder the dataset is written to.")
    var output: String = "Output"

    @Option(name: .long, help: "Documents processed at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Exit with 1 when any document has a warning or any check of warning severity fails, not only on errors.")
    var strict = false

    func run() throws {
        let ruleSet = try rulesOption.load()
        let corpusFolder = URL(fileURLWithPath: corpus)
        let loaded: Corpus
        do {
            loaded = try CorpusLoader().load(from: corpusFolder)
        } catch let error as AssayError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let dataset = Pipeline(ruleSet: ruleSet, jobs: jobs).run(loaded)
        do {
            try DatasetWriter().write(dataset, to: URL(fileURLWithPath: output))
        } catch let error as AssayError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        Terminal.report(dataset.diagnostics)
        let facts = dataset.facts
        var byType: [String: Int] = [:]
        for fact in facts { byType[fact.type, default: 0] += 1 }
        let types = byType.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let errors = dataset.diagnostics.filter { $0.severity == .error }.count
        let warnings = dataset.diagnostics.filter { $0.severity == .warning }.count
        print("assay: \(dataset.extractions.count) documents, \(facts.count) facts (\(types)), \(errors) errors, \(warnings) warnings → \(output)/")
        let validation = dataset.validation
        for line in CheckReport.lines(validation, statuses: [.fail, .error]) { Terminal.info(line) }
        print(validation.summary + " → \(output)/validation/")
        if errors > 0 || (strict && warnings > 0) || validation.failsGate(strict: strict) { throw ExitCode(1) }
    }
}
