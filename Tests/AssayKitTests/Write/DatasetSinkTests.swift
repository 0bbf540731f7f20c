@testable import AssayKit
import Foundation
import GRDB
import Testing
import TestSupport

/// The writer makes groups of files on several threads, each into a part of one sink: whatever the number of jobs,
/// the files, their order, their digests and `dataset.sqlite` are the same, and `--check` finds the same differences.
@Suite struct DatasetSinkTests {
    static let dataset = WrittenDataset.dataset

    static func writer(jobs: Int) -> DatasetWriter {
        var writer = DatasetWriter()
        writer.jobs = jobs
        return writer
    }

    @Test(arguments: [2, 3, 8])
    func anyNumberOfJobsRendersTheSameFilesInTheSameOrder(jobs: Int) {
        let serial = Self.writer(jobs: 1).render(Self.dataset)
        #expect(serial.count > 20)
        #expect(Self.writer(jobs: jobs).render(Self.dataset) == serial)
    }

    /// Parts absorbed in a fixed order give the digests in that order, however the threads interleave.
    @Test func partsJoinInTheOrderTheyAreAbsorbedNotTheOrderTheyFinish() throws {
        let sink = DatasetSink(.memory)
        let parts = (0..<6).map { _ in sink.part() }
        try ConcurrentGroups.run(parts.indices.reversed().map { index in
            { @Sendable in
                for file in 0..<20 { try parts[index].file("p\(index)/\(file).txt", text: String(repeating: "\(index)", count: file)) }
            }
        }, jobs: 3)
        try sink.file("first.txt", text: "before the parts")
        parts.forEach(sink.absorb)
        let expected = ["first.txt"] + (0..<6).flatMap { index in (0..<20).map { "p\(index)/\($0).txt" } }
        #expect(sink.digests.map(\.path) == expected)
        #expect(sink.collected.map(\.path) == expected)
        #expect(sink.collected.map { FileDigest($0).sha256 } == sink.digests.map(\.sha256))
    }

    @Test func writingWithTwoJobsGivesTheSameFolderAndDatabaseAsOne() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
        try Self.writer(jobs: 1).write(Self.dataset, to: one)
        try Self.writer(jobs: 2).write(Self.dataset, to: two)
        let files = OutputComparison.files(in: one)
        #expect(files == OutputComparison.files(in: two))
        for path in files {
            #expect(FileManager.default.contentsEqual(atPath: one.appendingPathComponent(path).path, andPath: two.appendingPathComponent(path).path), "\(path)")
        }
        #expect(files.contains(SQLiteWriter.path))
    }

    /// `--check` with several jobs compares every file on the part's own thread, and says what `--check` with one does.
    @Test func aComparisonWithSeveralJobsFindsWhatOneFinds() throws {
        let folder = try Repository.temporaryFolder().appendingPathComponent("Output")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try Self.writer(jobs: 2).write(Self.dataset, to: folder)
        #expect(try Self.writer(jobs: 1).compare(Self.dataset, with: folder).isUpToDate)
        #expect(try Self.writer(jobs: 3).compare(Self.dataset, with: folder).isUpToDate)
        let text = try #require(OutputComparison.files(in: folder).sorted().first { $0.hasPrefix("text/") })
        try Data("edited".utf8).write(to: folder.appendingPathComponent("facts.jsonl"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(text))
        try Data("extra".utf8).write(to: folder.appendingPathComponent("review/extra.html"))
        let serial = try Self.writer(jobs: 1).compare(Self.dataset, with: folder)
        let concurrent = try Self.writer(jobs: 3).compare(Self.dataset, with: folder)
        #expect(serial.changed == ["facts.jsonl"])
        #expect(serial.missing == [text])
        #expect(serial.extra == ["review/extra.html"])
        #expect(concurrent.changed == serial.changed && concurrent.missing == serial.missing && concurrent.extra == serial.extra)
    }

    @Test func concurrentGroupsRunEachGroupOnceAndRethrowAFailure() throws {
        let ran = ResultSlots<Bool>(count: 10)
        try ConcurrentGroups.run((0..<10).map { index in { @Sendable in ran[index] = true } }, jobs: 3)
        #expect(ran.values == Array(repeating: true, count: 10))
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try ConcurrentGroups.run([{ @Sendable in }, { @Sendable in throw Failure() }, { @Sendable in }], jobs: 2)
        }
    }

    @Test func chunksCoverEveryDocumentOnce() {
        for count in [0, 1, 7, 1000] {
            for jobs in [1, 2, 3] {
                let chunks = DatasetWriter.chunks(count, jobs: jobs)
                #expect(chunks.flatMap { Array($0) } == Array(0..<count), "\(count) documents, \(jobs) jobs")
            }
        }
    }

    /// A file's buffer never grows past its flush size: pieces that would overflow it flush it first, and pieces as
    /// large as it pass straight through. Whatever the sizes, the file holds every byte in order and its digest is
    /// the digest of those bytes, in a folder as in memory.
    @Test func piecesOfAnySizeAroundTheFlushSizeKeepTheirOrder() throws {
        let flush = DatasetSink.FileStream.flushSize
        let sizes = [0, 1, flush - 1, 2, flush, 3, flush + 1, 0, flush / 2, flush / 2, flush / 2 + 1, 5, 3 * flush, 7]
        var expected: [UInt8] = []
        let pieces = sizes.enumerated().map { index, size in
            let piece = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            expected += piece
            return piece
        }
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for sink in [DatasetSink(.memory), DatasetSink(.folder(folder))] {
            let digest = try sink.file("pieces.bin") { out in try pieces.forEach(out.write) }
            #expect(digest.size == expected.count)
            #expect(digest.sha256 == FileDigest(DatasetFile(path: "pieces.bin", bytes: expected)).sha256)
            if case .folder = sink.target {
                #expect(try Data(contentsOf: folder.appendingPathComponent("pieces.bin")) == Data(expected))
            } else {
                #expect(sink.collected.first?.bytes == expected)
            }
        }
    }
}
