import Foundation

/// Runs every subject on one corpus, `runs` times in turn (floor, build, extract, peer; then again), so that a
/// drift in the machine's load spreads over all of them instead of landing on one.
struct Runner {
    let assay: String
    let rules: String
    let python: String?
    let runs: Int
    let scratch: URL
    let score: Bool
    /// Bytes of resident memory at which a measured program is killed (see `Watchdog`).
    let memoryLimit: Int
    /// Seconds after which a measured program is killed (nil: none).
    let timeLimit: Double?

    func measure(_ corpus: Corpus, subjects: [Subject]) throws -> CorpusReport {
        let work = scratch.appendingPathComponent("work-\(corpus.count)")
        let logs = work.appendingPathComponent("logs")
        // Nothing is deleted while measuring: on ext4 without a journal (these machines), creating files within
        // minutes of deleting thousands skips every recently freed inode one by one, and a build would pay for the
        // previous run's cleanup (0.6 s of a 1k build's 2.5 s, measured). Earlier work is moved aside and goes at the end.
        Self.moveAside(work, in: scratch)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        var report = CorpusReport(corpus: corpus)
        var quiet = Environment.assayAccepts("--quiet", command: "build", assay: assay)

        // Warm-up: one untimed floor run reads every file into the page cache and checks the floor reads them all.
        log("\(corpus.name): warm-up")
        let warm = try floor(corpus, threads: 1, logs: logs, name: "warm-up")
        guard warm.result.documents == corpus.count else {
            throw BenchError("the floor read \(warm.result.documents) of \(corpus.count) documents in \(corpus.documents)")
        }
        report.floorTextBytes = warm.result.textBytes

        var measurements = subjects.map { Measurement(subject: $0) }
        let facts = work.appendingPathComponent("facts.jsonl").path
        for run in 1...runs {
            for index in measurements.indices where measurements[index].failure == nil {
                let subject = measurements[index].subject
                log("\(corpus.name): run \(run)/\(runs): \(subject.label)")
                // The builds before this one left up to a gigabyte each of written pages that the system has not
                // yet put on disk; once they pass its threshold it writes them out while the next subject runs, on
                // the same two cores, and that subject pays for the earlier ones (10k --jobs 2 builds measured 8.5
                // to 10.5 s). Untimed, every subject starts with nothing waiting to be written, as a single run on
                // a quiet machine does. What a subject writes itself still counts as writing does for any program
                // that does not ask to wait for the disk: its time to the page cache.
                sync()
                let name = "\(subject.id)-run\(run)"
                let stderr = logs.appendingPathComponent("\(name).stderr").path
                let stdout = logs.appendingPathComponent("\(name).stdout").path
                var child: ChildRun
                switch subject.kind {
                case .floor:
                    child = try floor(corpus, threads: subject.threads, logs: logs, name: name).run
                case .build:
                    let output = work.appendingPathComponent("build-\(name)")
                    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
                    func arguments(_ quiet: Bool) -> [String] {
                        ["build", "--corpus", corpus.documents, "--rules", rules,
                         "--output", output.appendingPathComponent("Output").path, "--no-cache"]
                            + (quiet ? ["--quiet"] : []) + ["--jobs", "\(subject.threads)"]
                    }
                    child = try ChildProcess.run(assay, arguments(quiet), stdout: stdout, stderr: stderr, memoryLimit: memoryLimit, timeLimit: timeLimit)
                    if child.status == 2, quiet, Self.mentions(stderr, "quiet") {
                        log("assay build rejects --quiet; measuring without it")
                        quiet = false
                        Self.moveAside(output, in: scratch)
                        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
                        child = try ChildProcess.run(assay, arguments(false), stdout: stdout, stderr: stderr, memoryLimit: memoryLimit, timeLimit: timeLimit)
                    }
                case .extract:
                    // Every run writes its JSON lines to the same file (in the page cache); the last is scored.
                    child = try ChildProcess.run(
                        assay, ["extract", corpus.documents, "--rules", rules, "--format", "jsonl"], stdout: facts,
                        stderr: stderr, memoryLimit: memoryLimit, timeLimit: timeLimit)
                case .peer:
                    child = try ChildProcess.run(
                        python!, [Paths.benchmarks.appendingPathComponent("python_peer.py").path, corpus.documents,
                                  "/dev/null", "--rules", rules], stdout: stdout, stderr: stderr, memoryLimit: memoryLimit, timeLimit: timeLimit)
                case .score:
                    continue
                }
                // assay exits 1 when a check fails or a document has an error: the work was still done. Anything
                // else (2: unusable input or usage; a signal) means the figure would be meaningless.
                let accepted: Set<Int32> = subject.kind == .build || subject.kind == .extract ? [0, 1] : [0]
                // A failed subject is reported as such and not run again on this corpus; the others go on.
                guard accepted.contains(child.status) else {
                    let limit = String(format: "%g GiB", Double(memoryLimit) / 1_073_741_824)
                    let how = child.hitMemoryLimit ? "killed at the \(limit) memory limit"
                        : child.hitTimeLimit ? "stopped at the time limit"
                        : child.status == 137 ? "killed (SIGKILL: out of memory?)" : "exited with \(child.status)"
                    measurements[index].failure = "\(how) after \(String(format: "%.0f", child.seconds)) s, peak RSS \(mebibytes(Double(child.peakRSS)))"
                    log("\(subject.label) \(measurements[index].failure!); see \(stderr)")
                    continue
                }
                measurements[index].runs.append(child)
            }
        }
        report.measurements = measurements
        report.buildQuiet = quiet

        if score, let truth = corpus.truth, measurements.contains(where: { $0.subject.kind == .extract && !$0.runs.isEmpty }) {
            log("\(corpus.name): scoring assay extract against \(truth)")
            let python3 = try Environment.python3()
            let json = try ChildProcess.capture(
                python3, [Paths.benchmarks.appendingPathComponent("score.py").path, truth, facts, "--json"])
            report.score = try JSONDecoder().decode(Score.self, from: Data(json.utf8))
        }
        return report
    }

    /// One floor run in a child process: `assay-bench floor DIR --threads N`.
    private func floor(_ corpus: Corpus, threads: Int, logs: URL, name: String) throws -> (run: ChildRun, result: ParseFloor.Result) {
        let stdout = logs.appendingPathComponent("\(name).json").path
        let stderr = logs.appendingPathComponent("\(name).stderr").path
        let run = try ChildProcess.run(
            Paths.currentExecutable(), ["floor", corpus.documents, "--threads", "\(threads)"], stdout: stdout, stderr: stderr,
            memoryLimit: memoryLimit, timeLimit: timeLimit)
        guard run.status == 0 else { throw BenchError("the floor exited with \(run.status); see \(stderr)") }
        let result = try JSONDecoder().decode(ParseFloor.Result.self, from: Data(contentsOf: URL(fileURLWithPath: stdout)))
        return (run, result)
    }

    /// Moves `folder` (if any) into `scratch/discarded/`, which `removeDiscarded` empties once all is measured.
    static func moveAside(_ folder: URL, in scratch: URL) {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        let discarded = scratch.appendingPathComponent("discarded")
        try? FileManager.default.createDirectory(at: discarded, withIntermediateDirectories: true)
        try? FileManager.default.moveItem(at: folder, to: discarded.appendingPathComponent("\(folder.lastPathComponent)-\(UUID().uuidString)"))
    }

    /// Deletes what was moved aside, and every build's output: after the last measurement.
    static func removeDiscarded(in scratch: URL, corpora: [Corpus]) {
        try? FileManager.default.removeItem(at: scratch.appendingPathComponent("discarded"))
        for corpus in corpora {
            let work = scratch.appendingPathComponent("work-\(corpus.count)")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [] where name.hasPrefix("build-") {
                try? FileManager.default.removeItem(at: work.appendingPathComponent(name))
            }
        }
    }

    private static func mentions(_ path: String, _ word: String) -> Bool {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").contains(word)
    }
}

/// Precision and recall of `assay extract` against truth.jsonl, as score.py --json prints them.
struct Score: Codable {
    struct Line: Codable {
        var planted: Int
        var found: Int
        var extracted: Int
        var correct: Int
        var recall: Double?
        var precision: Double?
    }

    var overall: Line
    var types: [String: Line]
}
