import Foundation
import Testing
import TestSupport

/// `assay build --shard K/N --partial DIR` and `assay merge`: a corpus split across machines gives the very output
/// one build writes.
@Suite struct ShardCLITests {
    /// The repository's corpus, plus renamed copies with a changed line (so documents differ and the checks across
    /// documents have more to compare), a file that is no document, and one in a subfolder: enough documents that
    /// each of three shards gets some.
    static func project() throws -> URL {
        let folder = try DatasetCLITests.project()
        let corpus = folder.appendingPathComponent("Corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("more"), withIntermediateDirectories: true)
        for copy in 1...3 {
            for name in names {
                var text = try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
                text += name.hasSuffix(".html") ? "\n<!-- copy \(copy) -->\n" : "\nCopy \(copy).\n"
                try text.write(to: corpus.appendingPathComponent("more/\(copy)-\(name)"), atomically: true, encoding: .utf8)
            }
        }
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).write(to: corpus.appendingPathComponent("picture.html"))
        return folder
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Executable.Result {
        try Executable.run(arguments + ["--rules", Repository.rules.path], in: folder)
    }

    @Test func threeShardsMergedEqualOneBuild() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let single = try Self.run(["build", "--output", "Single", "--no-cache"], in: folder)
        #expect(single.status == 1, "the PNG is an error, so the build exits 1: \(single.stderr)")
        #expect(single.stdout.hasPrefix("assay: 16 documents, "), "\(single.stdout)")
        var shares: [Int] = []
        for shard in 0..<3 {
            let result = try Self.run(["build", "--shard", "\(shard)/3", "--partial", "partial-\(shard)", "--jobs", "2"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let documents = result.stdout.split(separator: " ").dropFirst(3).first.flatMap { Int($0) }
            shares.append(try #require(documents, "\(result.stdout)"))
        }
        #expect(shares.reduce(0, +) == 16)
        #expect(shares.allSatisfy { $0 > 0 }, "every shard has documents: \(shares)")
        // Partials in any order.
        let merged = try Self.run(["merge", "partial-2", "partial-0", "partial-1", "--output", "Merged"], in: folder)
        #expect(merged.status == single.status, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout.replacingOccurrences(of: "Single/", with: "Merged/"))
        let one = try Repository.datasetFiles(in: folder.appendingPathComponent("Single"))
        let three = try Repository.datasetFiles(in: folder.appendingPathComponent("Merged"))
        #expect(one.keys.sorted() == three.keys.sorted())
        for (path, bytes) in one.sorted(by: { $0.key < $1.key }) {
            #expect(three[path] == bytes, "\(path) differs")
        }
        // One job (review pages made in two batches, one by one) writes what the default number of jobs wrote.
        #expect(try Self.run(["build", "--output", "OneJob", "--no-cache", "--jobs", "1"], in: folder).status == single.status)
        #expect(try Repository.datasetFiles(in: folder.appendingPathComponent("OneJob")) == one)
        #expect(one["/errors.jsonl"].map { String(decoding: $0, as: UTF8.self) }?.contains("picture.html") == true)
    }

    @Test func mergeRefusesAnIncompleteOrMixedSetOfShards() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        for shard in 0..<2 {
            #expect(try Self.run(["build", "--shard", "\(shard)/2", "--partial", "p\(shard)"], in: folder).status == 0)
        }
        let missing = try Self.run(["merge", "p0", "--output", "Out"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("shard 1/2 missing"), "\(missing.stderr)")
        let twice = try Self.run(["merge", "p0", "p0", "p1", "--output", "Out"], in: folder)
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("shard 0/2 is given twice"), "\(twice.stderr)")
        // A document changed after one shard ran: the listings differ, and merging would mix two corpora.
        try "Changed.\n".write(to: folder.appendingPathComponent("Corpus/more/1-new.txt"), atomically: true, encoding: .utf8)
        #expect(try Self.run(["build", "--shard", "1/2", "--partial", "p1"], in: folder).status == 0)
        let mixed = try Self.run(["merge", "p0", "p1", "--output", "Out"], in: folder)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("another corpus"), "\(mixed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Out").path), "nothing written")
        // A partial cut short (a copy that did not finish) is refused, not half read.
        let file = folder.appendingPathComponent("p0/partial.assay")
        let whole = try Data(contentsOf: file)
        try whole.prefix(whole.count - 10).write(to: file)
        let truncated = try Self.run(["merge", "p0", "p1", "--output", "Out"], in: folder)
        #expect(truncated.status == 2)
        #expect(truncated.stderr.contains("not a partial output this version of assay can read"), "\(truncated.stderr)")
        let notPartial = try Self.run(["merge", "Corpus", "--output", "Out"], in: folder)
        #expect(notPartial.status == 2)
        #expect(notPartial.stderr.contains("no partial output there"), "\(notPartial.stderr)")
    }

    @Test func shardOptionsAreChecked() throws {
        for (arguments, message) in [
            (["--shard", "3/3", "--partial", "p"], "--shard takes K/N"),
            (["--shard", "0/3"], "--shard and --partial go together"),
            (["--partial", "p"], "--shard and --partial go together"),
            (["--shard", "x", "--partial", "p"], "--shard takes K/N"),
        ] {
            let result = try Self.run(["build"] + arguments, in: Repository.root)
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
