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

    @Option(name: .long, help: "Process only shard K of N (0 ≤ K < N), the documents whose SHA-256 falls to it; needs --partial.")
    var shard: String?

    @Option(name: .long, help: "With --shard: the folder the shard's partial output goes to, for 'assay merge'.")
    var partial: String?

    @Flag(name: .long, help: "No progress line on stderr (there is none when stderr is not a terminal).")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !(noCache && cache != nil) else { throw ValidationError("--no-cache and --cache exclude each other") }
        guard (shard == nil) == (partial == nil) else { throw ValidationError("--shard and --partial go together") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 0 ≤ K < N, such as 0/3, not '\(shard)'") }
        guard !(check && shard != nil) else { throw ValidationError("--check compares a whole output; it does not take --shard") }
    }

    func run() throws {
        Interruption.install()
        let ruleSet = try rulesOption.load()
        let loader = CorpusLoader(maxDocumentBytes: ruleSet.limits.documentBytes)
        let index = try scanCorpus(corpus, loader: loader, jobs: jobs)
        if let shard = shard.flatMap(Shard.init), let partial { try runShard(shard, index: index, loader: loader, ruleSet: ruleSet, into: partial) }
        let outputFolder = URL(fileURLWithPath: output)
        let cacheFolder = noCache ? nil : cache.map { URL(fileURLWithPath: $0) } ?? ExtractionCache.folder(besideOutput: outputFolder)
        // Nothing changed since the last build wrote the output, and the output is as it left it: nothing to do.
        let key = BuildRecord.key(ruleSet: ruleSet, corpus: index)
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
        let dataset = try withProgress { try pipeline.run(index, loader: loader, progress: $0) }
        if check { try checkUpToDate(dataset, folder: outputFolder) }
        if let cacheFolder { BuildRecord.remove(for: outputFolder, in: cacheFolder) }
        try publish(dataset, to: outputFolder, named: output, strict: strict, jobs: jobs) { summary in
            if let cacheFolder, let files = BuildRecord.stamps(of: outputFolder), let data = try? JSONEncoder().encode(summary) {
                try? BuildRecord(key: key, files: files, summary: data).save(for: outputFolder, in: cacheFolder)
            }
        }
    }

    /// `--shard K/N --partial DIR`: extracts the shard's documents and leaves them for `assay merge`; no checks
    /// (they compare documents across shards), no cache (shards on one machine would prune each other's entries).
    private func runShard(_ shard: Shard, index: CorpusIndex, loader: CorpusLoader, ruleSet: RuleSet, into folder: String) throws -> Never {
        let share = shard.share(of: index)
        let pipeline = Pipeline(ruleSet: ruleSet, jobs: jobs)
        let dataset = try withProgress { try pipeline.run(share, loader: loader, validate: false, progress: $0) }
        do {
            try PartialOutput(shard: shard, index: index, dataset: dataset).write(to: URL(fileURLWithPath: folder))
        } catch let error as AssayError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        print("assay: shard \(shard): \(dataset.documents.count) of \(index.entries.count) documents, \(dataset.overview.facts) facts → \(folder)/ (combine the shards with 'assay merge')")
        throw ExitCode.success
    }

    /// Runs `work` with a progress line on stderr when there is a terminal to show it on.
    /// An error of the run itself (a temporary file that cannot be written) ends the command with exit 2.
    private func withProgress<Result>(_ work: (_ progress: (@Sendable (Int, Int) -> Void)?) throws -> Result) throws -> Result {
        let line = ProgressLine.make(quiet: quiet)
        defer { line?.finish() }
        var report: (@Sendable (Int, Int) -> Void)?
        if let line { report = { done, total in line.update(done: done, total: total) } }
        do {
            return try work(report)
        } catch let error as AssayError {
            line?.finish()
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }

    /// `--check`: compares what a build would write with the folder, prints the verdict and ends the command.
    private func checkUpToDate(_ dataset: Dataset, folder: URL) throws -> Never {
        var writer = DatasetWriter()
        writer.jobs = jobs
        let comparison = try writer.compare(dataset, with: folder)
        let cached = dataset.cache.map { " (\($0.restored) of \(dataset.documents.count) documents from the cache)" } ?? ""
        guard !comparison.isUpToDate else {
            print("assay: \(output)/ is up to date: \(dataset.documents.count) documents, \(dataset.overview.facts) facts\(cached)")
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
