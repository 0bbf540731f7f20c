import ArgumentParser
import AssayKit
import Foundation

/// `assay build`: the main job, Corpus/ in, Output/ out; with `--check`, whether Output/ is what it would write.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract facts from every document of a corpus and write the dataset.",
        discussion: """
            Writes data/*.csv with datapackage.json (a Frictionless Data Package), dataset.sqlite, facts.jsonl, \
            text/<doc_id>.txt, errors.jsonl, validation/, README.md, manifest.json and SHA256SUMS. The new output is \
            built beside the old one and swapped in whole; an interrupted build (Ctrl-C, SIGTERM) leaves the previous \
            output as it was. Documents whose bytes, path, rules and tool are unchanged come from the cache \
            (.assay-cache/ beside the output) instead of being normalised and extracted again. Prints a summary of the \
            checks and every check that failed or could not be evaluated.
            With --check, writes nothing: exits 0 when the output folder holds exactly what a build would write now, \
            and 1 with a summary of what would change otherwise.
            Exit codes: 0 success; 1 a document could not be processed, or a check of error severity failed or could \
            not be evaluated (with --strict, any warning too), or with --check the output is out of date; 2 bad usage \
            or unusable input.
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

    @Flag(name: .long, help: "Write nothing; exit 1 and say what would change when the output is not what a build would write now.")
    var check = false

    @Flag(name: .long, help: "Normalise and extract every document, neither reading nor writing the cache.")
    var noCache = false

    @Option(name: .long, help: "The cache folder (default: .assay-cache beside the output folder).")
    var cache: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !(noCache && cache != nil) else { throw ValidationError("--no-cache and --cache exclude each other") }
    }

    func run() throws {
        Interruption.install()
        let ruleSet = try rulesOption.load()
        let loaded = try loadCorpus(corpus, ruleSet: ruleSet)
        let outputFolder = URL(fileURLWithPath: output)
        let cacheFolder = noCache ? nil : cache.map { URL(fileURLWithPath: $0) } ?? ExtractionCache.folder(besideOutput: outputFolder)
        // Nothing changed since the last build wrote the output, and the output is as it left it: nothing to do.
        let key = BuildRecord.key(ruleSet: ruleSet, corpus: loaded)
        if let cacheFolder, let record = BuildRecord.load(for: outputFolder, in: cacheFolder), record.isCurrent(key: key, output: outputFolder),
            let summary = try? JSONDecoder().decode(BuildSummary.self, from: record.summary)
        {
            if check {
                print("assay: \(output)/ is up to date: \(summary.documents) documents, \(summary.facts) facts (unchanged since the last build)")
                throw ExitCode.success
            }
            summary.print(output: output, fromCache: summary.documents, note: " (up to date: nothing to do)")
            throw ExitCode(summary.exitCode(strict: strict))
        }
        let pipeline = Pipeline(ruleSet: ruleSet, jobs: jobs, cache: cacheFolder.map { ExtractionCache(folder: $0, ruleSet: ruleSet) })
        let dataset = pipeline.run(loaded)
        if check { try checkUpToDate(dataset, folder: outputFolder) }
        if let cacheFolder { BuildRecord.remove(for: outputFolder, in: cacheFolder) }
        do {
            var writer = DatasetWriter()
            if let pause = ProcessInfo.processInfo.environment["ASSAY_TEST_PAUSE_BEFORE_PUBLISH"].flatMap(Double.init) {
                writer.beforePublish = {
                    Terminal.info("assay: pausing \(pause) s before publishing (ASSAY_TEST_PAUSE_BEFORE_PUBLISH)")
                    Thread.sleep(forTimeInterval: pause)
                }
            }
            try writer.write(dataset, to: outputFolder)
        } catch is StagingArea.Interrupted {
            // The signal handler is exiting the process; wait for it rather than report a failure.
            Thread.sleep(forTimeInterval: 10)
            throw ExitCode(130)
        } catch let error as AssayError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let summary = BuildSummary(dataset)
        if let cacheFolder, let files = BuildRecord.stamps(of: outputFolder), let data = try? JSONEncoder().encode(summary) {
            try? BuildRecord(key: key, files: files, summary: data).save(for: outputFolder, in: cacheFolder)
        }
        summary.print(output: output, fromCache: dataset.cache?.restored)
        if let statistics = dataset.cache, statistics.notStored > 0 {
            Terminal.info("assay: \(statistics.notStored) extraction(s) not cached (a time limit was hit, or \(statistics.folder.path) is not writable)")
        }
        throw ExitCode(summary.exitCode(strict: strict))
    }

    /// `--check`: compares what a build would write with the folder, prints the verdict and ends the command.
    private func checkUpToDate(_ dataset: Dataset, folder: URL) throws -> Never {
        let comparison = OutputComparison(DatasetWriter().render(dataset), folder: folder)
        let cached = dataset.cache.map { " (\($0.restored) of \(dataset.extractions.count) documents from the cache)" } ?? ""
        guard !comparison.isUpToDate else {
            print("assay: \(output)/ is up to date: \(dataset.extractions.count) documents, \(dataset.facts.count) facts\(cached)")
            throw ExitCode.success
        }
        let old = (try? DatasetSnapshot.read(from: folder, named: output)) ?? DatasetSnapshot(documents: [], facts: [])
        let difference = DatasetDiff(old: old, new: DatasetSnapshot(dataset))
        let paths = comparison.paths
        let shown = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", …" : "")
        print("assay: \(output)/ is out of date: \(paths.count) file\(paths.count == 1 ? "" : "s") differ (\(shown))")
        print(difference.summary)
        print("run 'assay build' to update it")
        throw ExitCode(1)
    }
}
