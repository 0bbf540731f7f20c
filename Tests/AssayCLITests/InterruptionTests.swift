import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Killing `assay build` midway leaves `Output/` byte for byte as it was: SIGTERM and SIGINT while it extracts or
/// just before it swaps the new output in (the staging folder complete), and SIGKILL, after which the next build
/// clears the litter. The cache stays consistent: a build after all this writes what an uncached build writes.
@Suite(.serialized) struct InterruptionTests {
    /// A build started in the background, its standard error going to a file that can be watched.
    final class Running {
        let process = Process()
        let log: URL

        init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
            log = folder.appendingPathComponent("stderr-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = Executable.assay
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
        }

        var stderr: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// Waits until standard error holds `text`; false on timeout or when the process ends first.
        func wait(for text: String, timeout: TimeInterval = 120) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if stderr.contains(text) { return true }
                if !process.isRunning { return stderr.contains(text) }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return false
        }

        func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

        func finish() -> (reason: Process.TerminationReason, status: Int32) {
            process.waitUntilExit()
            return (process.terminationReason, process.terminationStatus)
        }
    }

    /// Every file of a folder, `dataset.sqlite` included, by relative path.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Names in `folder` that start with `prefix`.
    static func litter(_ folder: URL, _ prefix: String = ".Output.") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Temporary cache files anywhere in the cache.
    static func cacheTemporaries(_ folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.appendingPathComponent(".assay-cache").path)
        var found: [String] = []
        while let path = walker?.nextObject() as? String {
            if path.contains(".tmp-") { found.append(path) }
        }
        return found
    }

    /// A corpus of distinct documents from the benchmark generator (`Benchmarks/generate_corpus.py`), large enough
    /// that a build can be stopped midway.
    static func corpus(in folder: URL, count: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Repository.root.appendingPathComponent("Benchmarks/generate_corpus.py").path, "--count", "\(count)", "--seed", "5",
            "--out", folder.appendingPathComponent("generated").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 Benchmarks/generate_corpus.py failed")
        try FileManager.default.moveItem(at: folder.appendingPathComponent("generated/docs"), to: folder.appendingPathComponent("Corpus"))
    }

    @Test func anInterruptedBuildLeavesTheOutputAsItWas() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.corpus(in: folder, count: 100)
        let build = ["build", "--rules", Repository.rules.path]
        let started = Date()
        let first = try Executable.run(build + ["--no-cache"], in: folder)
        let duration = Date().timeIntervalSince(started)
        try #require(first.status != 2, "\(first.stderr)")
        try #require(duration > 0.5, "the build took \(duration) s: make the corpus larger")
        let output = folder.appendingPathComponent("Output")
        let before = try Self.snapshot(output)
        try #require(before.keys.contains("/dataset.sqlite"))
        // What the next build would write differs: one document more.
        try Data("The 25 Integrated Care Pioneers were launched in 2013.\n".utf8).write(to: folder.appendingPathComponent("Corpus/zz-new.txt"))

        // SIGTERM while documents are being extracted (the cache on, so it holds whatever was finished).
        let extracting = try Running(build, in: folder)
        Thread.sleep(forTimeInterval: duration / 3)
        #expect(extracting.process.isRunning, "the build ended before it was stopped: make the corpus larger")
        extracting.send(SIGTERM)
        let stopped = extracting.finish()
        #expect(stopped.reason == .exit && stopped.status == 143, "\(stopped) \(extracting.stderr)")
        #expect(try Self.snapshot(output) == before)
        #expect(try Self.litter(folder).isEmpty)

        // Fill the cache for the new corpus (--check writes nothing), so the next runs reach the swap quickly.
        #expect(try Executable.run(build + ["--check"], in: folder).status == 1)
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
            let publishing = try Running(build, in: folder, environment: ["ASSAY_TEST_PAUSE_BEFORE_PUBLISH": "60"])
            try #require(publishing.wait(for: "pausing"), "\(publishing.stderr)")
            let staging = ".Output.tmp-\(publishing.process.processIdentifier)"
            #expect(try Self.litter(folder) == [staging], "the staging folder is complete beside Output/")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(staging + "/SHA256SUMS").path))
            publishing.send(signal)
            let result = publishing.finish()
            #expect(result.reason == .exit && result.status == status, "\(result) \(publishing.stderr)")
            #expect(try Self.snapshot(output) == before, "signal \(signal)")
            #expect(try Self.litter(folder).isEmpty, "signal \(signal): the staging folder is removed")
            #expect(Self.cacheTemporaries(folder).isEmpty)
        }

        // SIGKILL cannot be caught: the staging folder stays, the output is intact, the next build clears up.
        let killed = try Running(build, in: folder, environment: ["ASSAY_TEST_PAUSE_BEFORE_PUBLISH": "60"])
        try #require(killed.wait(for: "pausing"), "\(killed.stderr)")
        killed.send(SIGKILL)
        let result = killed.finish()
        #expect(result.reason == .uncaughtSignal && result.status == SIGKILL)
        #expect(try Self.snapshot(output) == before)
        #expect(try Self.litter(folder) == [".Output.tmp-\(killed.process.processIdentifier)"])

        let next = try Executable.run(build, in: folder)
        #expect(next.status != 2, "\(next.stderr)")
        #expect(next.stdout.contains("from the cache"))
        #expect(try Self.litter(folder).isEmpty, "the next build removes a killed run's staging folder")
        #expect(try Self.snapshot(output) != before)
        #expect(try Executable.run(build + ["--no-cache", "--output", "Uncached"], in: folder).status != 2)
        var rebuilt = try Self.snapshot(output), uncached = try Self.snapshot(folder.appendingPathComponent("Uncached"))
        rebuilt["/dataset.sqlite"] = nil
        uncached["/dataset.sqlite"] = nil
        #expect(rebuilt == uncached, "the cache left by interrupted runs gives what an uncached build gives")
    }
}
