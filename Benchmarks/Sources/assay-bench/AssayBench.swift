import ArgumentParser
import Foundation

/// `assay-bench`: measures assay against the parse-only floor and the Python peer (issue #8), and prints figures.
///
/// `assay-bench [run] …` is the benchmark; `assay-bench floor DIR` is the floor alone, which the benchmark starts
/// as a child process of its own so that its peak RSS is not the benchmark's.
@main
struct AssayBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay-bench",
        abstract: "Measure assay end to end against a libxml2 parse-only floor and the Python peer.",
        subcommands: [Run.self, Floor.self],
        defaultSubcommand: Run.self
    )
}

/// `assay-bench floor DIR`: parse every document with libxml2 and walk its text; print the counts as JSON.
struct Floor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The parse-only floor: libxml2 parse and text walk of every document, no rules (prints JSON).")

    @Argument(help: "The folder of documents (.html, .htm, .txt).")
    var folder: String

    @Option(name: .long, help: "Threads (documents are dealt out round robin).")
    var threads: Int = 1

    func run() throws {
        let paths = try ParseFloor.documents(in: URL(fileURLWithPath: folder))
        let result = ParseFloor(paths: paths).run(threads: threads)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }
}

/// The benchmark proper.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate corpora (or take --corpus), measure every subject, print the table.",
        discussion: """
            Subjects, each run --runs times in turn (medians reported): the parse-only floor (this executable's \
            'floor' subcommand, 1 and 2 threads), 'assay build --no-cache' with --jobs 1 and 2, 'assay extract' \
            (JSON lines), and Benchmarks/python_peer.py. Wall time and peak RSS are taken from the outside with \
            wait4, for each child alone. 'assay extract' output is scored against truth.jsonl with score.py.
            """)

    @Option(name: .long, help: "Generated corpus sizes, comma-separated (ignored with --corpus).")
    var sizes: String = "1000,10000"

    @Option(name: .long, help: "Seed of the generated corpora.")
    var seed: Int = 1

    @Option(name: .long, help: "A corpus folder to measure instead (DIR/docs and DIR/truth.jsonl, or DIR of documents); repeatable.")
    var corpus: [String] = []

    @Option(name: .long, help: "Runs of each subject; the median is reported.")
    var runs: Int = 3

    @Option(name: .long, help: "The release assay executable (swift build -c release --product assay).")
    var assay: String = Paths.repository.appendingPathComponent(".build/release/assay").path

    @Option(name: .long, help: "What the assay measured was built from (a commit, say), printed with the figures.")
    var assaySource: String?

    @Option(name: .long, help: "The rule folder.")
    var rules: String = Paths.repository.appendingPathComponent("Rules").path

    @Option(name: .long, help: "Python with lxml and PyYAML for the peer (default: Benchmarks/.venv, created when missing).")
    var python: String?

    @Option(name: .long, help: "Scratch folder for corpora, outputs and logs.")
    var scratch: String = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench").path

    @Option(name: .long, help: "assay build --jobs values, comma-separated.")
    var jobs: String = "1,2"

    @Option(name: .long, help: "Floor thread counts, comma-separated.")
    var floorThreads: String = "1,2"

    @Option(name: .long, help: "Leave out a subject: floor, build, extract, peer or score (repeatable).")
    var skip: [Subject.Kind] = []

    @Option(name: .long, help: "Resident memory (GiB) at which a measured program is killed and reported as failed.")
    var memoryLimit: Double = 12

    @Option(name: .long, help: "Seconds after which a measured program is stopped and reported as failed (default: none).")
    var timeLimit: Double?

    @Option(name: .long, help: "Also write every run and figure as JSON to this file.")
    var json: String?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard (try? Self.integers(jobs, "--jobs")) != nil, (try? Self.integers(floorThreads, "--floor-threads")) != nil,
            corpus.isEmpty ? (try? Self.integers(sizes, "--sizes")) != nil : true
        else { throw ValidationError("--sizes, --jobs and --floor-threads take positive integers separated by commas") }
    }

    static func integers(_ text: String, _ name: String) throws -> [Int] {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else { throw ValidationError("bad \(name)") }
        return values.map { $0! }
    }

    func run() throws {
        let scratchURL = URL(fileURLWithPath: scratch).standardizedFileURL
        try FileManager.default.createDirectory(at: scratchURL, withIntermediateDirectories: true)
        let needsAssay = !(skip.contains(.build) && skip.contains(.extract))
        var subjects: [Subject] = []
        if !skip.contains(.floor) {
            subjects += try Self.integers(floorThreads, "--floor-threads").map { Subject(kind: .floor, threads: $0) }
        }
        if !skip.contains(.build) {
            subjects += try Self.integers(jobs, "--jobs").map { Subject(kind: .build, threads: $0) }
        }
        if !skip.contains(.extract) { subjects.append(Subject(kind: .extract, threads: 1)) }

        var environment = Environment.describe(assay: needsAssay ? assay : nil)
        environment.assaySource = assaySource
        if needsAssay {
            guard FileManager.default.isExecutableFile(atPath: assay) else {
                throw BenchError("no assay executable at \(assay): build it with 'swift build -c release --product assay' in \(Paths.repository.path), or pass --assay")
            }
        }
        var peerPython: String?
        if !skip.contains(.peer) {
            let python = try PythonPeer.prepare(python: python)
            environment.python = try PythonPeer.describe(python: python)
            subjects.append(Subject(kind: .peer, threads: 1))
            peerPython = python
        }
        let corpora: [Corpus]
        if corpus.isEmpty {
            let python3 = try Environment.python3()
            corpora = try Self.integers(sizes, "--sizes").map { count in
                try Corpus.generated(count: count, seed: seed, python: python3, scratch: scratchURL)
            }
        } else {
            corpora = try corpus.map(Corpus.existing)
        }

        let runner = Runner(
            assay: assay, rules: rules, python: peerPython, runs: runs, scratch: scratchURL,
            score: !skip.contains(.score) && !skip.contains(.extract), memoryLimit: Int(memoryLimit * 1_073_741_824),
            timeLimit: timeLimit)
        var reports: [CorpusReport] = []
        for corpus in corpora {
            reports.append(try runner.measure(corpus, subjects: subjects))
        }
        log("removing the builds' outputs")
        Runner.removeDiscarded(in: scratchURL, corpora: corpora)
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        environment.benchmarkRSS = Int(usage.ru_maxrss) * 1024
        let report = Report(environment: environment, runs: runs, corpora: reports)
        print(report.render())
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json))
            log("wrote \(json)")
        }
    }
}

/// What is measured: a kind of program and its thread count (the floor's threads, assay build's --jobs).
struct Subject: Codable, Hashable {
    enum Kind: String, Codable, ExpressibleByArgument, CaseIterable {
        case floor, build, extract, peer, score
    }

    var kind: Kind
    var threads: Int

    var id: String { "\(kind.rawValue)-\(threads)" }

    var label: String {
        switch kind {
        case .floor: "floor: libxml2 parse + text walk, \(threads) thread\(threads == 1 ? "" : "s")"
        case .build: "assay build --no-cache --jobs \(threads)"
        case .extract: "assay extract (JSON lines)"
        case .peer: "Python peer (lxml + re)"
        case .score: "score"
        }
    }
}
