import ArgumentParser
import AssayKit
import Foundation

/// Writes a validated dataset to the output folder, prints the build summary and ends the command with its exit
/// status: what `assay build` and `assay merge` share, so a merged output is written exactly as a build's.
/// `written` runs once the output is in place, with the summary (the build record keeps it).
func publish(
    _ dataset: Dataset, to folder: URL, named name: String, strict: Bool, jobs: Int, written: (BuildSummary) -> Void = { _ in }
) throws -> Never {
    do {
        var writer = DatasetWriter()
        writer.jobs = jobs
        if let pause = ProcessInfo.processInfo.environment["ASSAY_TEST_PAUSE_BEFORE_PUBLISH"].flatMap(Double.init) {
            writer.beforePublish = {
                Terminal.info("assay: pausing \(pause) s before publishing (ASSAY_TEST_PAUSE_BEFORE_PUBLISH)")
                Thread.sleep(forTimeInterval: pause)
            }
        }
        try writer.write(dataset, to: folder)
    } catch is StagingArea.Interrupted {
        // The signal handler is exiting the process; wait for it rather than report a failure.
        Thread.sleep(forTimeInterval: 10)
        throw ExitCode(130)
    } catch let error as AssayError {
        Terminal.error(error.description)
        throw ExitCode(2)
    }
    let summary = BuildSummary(dataset)
    written(summary)
    summary.print(output: name, fromCache: dataset.cache?.restored)
    if let statistics = dataset.cache, statistics.notStored > 0 {
        Terminal.info("assay: \(statistics.notStored) extraction(s) not cached (a time limit was hit, or \(statistics.folder.path) is not writable)")
    }
    throw ExitCode(summary.exitCode(strict: strict))
}

/// Lists a corpus folder with the rule set's limits; a folder that cannot be used ends the command with exit 2.
func scanCorpus(_ path: String, loader: CorpusLoader, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> CorpusIndex {
    do {
        return try loader.scan(from: URL(fileURLWithPath: path), jobs: jobs)
    } catch let error as AssayError {
        Terminal.error(error.description)
        throw ExitCode(2)
    }
}
