@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// The same inputs and rules give byte-identical output, whatever the number of threads and whether documents come
/// from the cache; the committed `Output/` is what a build writes now. `dataset.sqlite` is compared by content (see
/// `SQLiteDatasetTests`): SQLite writes its library version into the file, so it is not committed.
@Suite struct DeterminismTests {
    static func build(jobs: Int, into folder: URL, cache: ExtractionCache? = nil) throws -> [String: Data] {
        let corpus = try CorpusLoader(base: Repository.root).load(from: Repository.corpus)
        let dataset = Pipeline(ruleSet: Repository.ruleSet, jobs: jobs, cache: cache).run(corpus)
        try DatasetWriter().write(dataset, to: folder)
        return try contents(of: folder)
    }

    static func contents(of folder: URL) throws -> [String: Data] {
        try Repository.datasetFiles(in: folder)
    }

    @Test func twoBuildsAreByteIdenticalWhateverTheJobs() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = try Self.build(jobs: 1, into: folder.appendingPathComponent("one"))
        let two = try Self.build(jobs: 2, into: folder.appendingPathComponent("two"))
        let four = try Self.build(jobs: 4, into: folder.appendingPathComponent("four"))
        #expect(one.count > 20)
        for other in [two, four] {
            #expect(one.keys.sorted() == other.keys.sorted())
            for (path, data) in one { #expect(other[path] == data, "\(path) differs") }
        }
    }

    @Test func aBuildFromTheCacheIsByteIdentical() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ExtractionCache(folder: folder.appendingPathComponent("cache"), ruleSet: Repository.ruleSet)
        let fresh = try Self.build(jobs: 2, into: folder.appendingPathComponent("fresh"), cache: cache)
        let cached = try Self.build(jobs: 2, into: folder.appendingPathComponent("cached"), cache: cache)
        #expect(fresh == cached)
    }

    /// `Output/` is part of the product: a stale copy fails here, with the command that regenerates it.
    @Test func committedOutputIsUpToDate() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = try Self.build(jobs: 2, into: folder.appendingPathComponent("Output"))
        let committed = try Self.contents(of: Repository.output)
        #expect(committed.keys.sorted() == fresh.keys.sorted(), "Output/ is stale: run `make run` and commit Output/")
        for (path, data) in fresh {
            #expect(committed[path] == data, "Output\(path) is stale: run `make run` and commit Output/")
        }
    }

    @Test func rebuildingReplacesTheOutputWhole() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: output.appendingPathComponent("stale.txt"))
        let files = try Self.build(jobs: 1, into: output)
        #expect(files["/stale.txt"] == nil)
        #expect(files["/facts.jsonl"] != nil)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("dataset.sqlite").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["Output"], "no staging or old folder is left behind")
    }
}
