import Foundation
import Testing
import TestSupport

/// `assay build` as users rerun it: the cache counter, `--check`, `--jobs`, and `assay diff`.
@Suite struct DatasetCLITests {
    /// A temporary folder holding a copy of the corpus as `Corpus/`, for builds run from inside it.
    static func project() throws -> URL {
        let folder = try Repository.temporaryFolder()
        try FileManager.default.copyItem(at: Repository.corpus, to: folder.appendingPathComponent("Corpus"))
        return folder
    }

    static func build(_ extra: [String] = [], in folder: URL, output: String = "Output") throws -> Executable.Result {
        try Executable.run(["build", "--rules", Repository.rules.path, "--output", output] + extra, in: folder)
    }

    static func files(_ folder: URL) throws -> [String: Data] {
        try Repository.datasetFiles(in: folder)
    }

    @Test func aNoChangeRebuildComesFromTheCache() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.build(in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("assay: 4 documents, 0 from the cache, "))
        let before = try Self.files(folder.appendingPathComponent("Output"))
        // Nothing changed: nothing to do, and the same report.
        let second = try Self.build(in: folder)
        #expect(second.status == 0)
        #expect(second.stdout.hasPrefix("assay: 4 documents, 4 from the cache, "), "\(second.stdout)")
        #expect(second.stdout.contains("(up to date: nothing to do)"))
        #expect(second.stdout.split(separator: "\n").last == first.stdout.split(separator: "\n").last)
        #expect(try Self.files(folder.appendingPathComponent("Output")) == before)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".assay-cache/CACHEDIR.TAG").path))
        // An output edited by hand is rebuilt, every document from the cache.
        try Data("edited".utf8).write(to: folder.appendingPathComponent("Output/README.md"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Output/data/facts.csv"))
        let repaired = try Self.build(in: folder)
        #expect(repaired.stdout.hasPrefix("assay: 4 documents, 4 from the cache, "), "\(repaired.stdout)")
        #expect(!repaired.stdout.contains("nothing to do"))
        #expect(try Self.files(folder.appendingPathComponent("Output")) == before)
        let uncached = try Self.build(["--no-cache"], in: folder)
        #expect(uncached.status == 0)
        #expect(!uncached.stdout.contains("from the cache"))
        #expect(try Self.files(folder.appendingPathComponent("Output")) == before)
    }

    @Test func checkSaysWhetherTheOutputIsCurrent() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try Self.build(["--check"], in: folder)
        #expect(missing.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output").path), "--check writes nothing")
        #expect(try Self.build(in: folder).status == 0)
        let current = try Self.build(["--check"], in: folder)
        #expect(current.status == 0, "\(current.stdout)\(current.stderr)")
        #expect(current.stdout.hasPrefix("assay: Output/ is up to date"))
        let before = try Self.files(folder.appendingPathComponent("Output"))
        let document = folder.appendingPathComponent("Corpus/integrated-care-pioneers-east-midlands.txt")
        let text = try String(contentsOf: document, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "14 Pioneer sites", with: "15 Pioneer sites").utf8).write(to: document)
        let stale = try Self.build(["--check"], in: folder)
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("assay: Output/ is out of date: "))
        #expect(stale.stdout.contains("documents: 0 added, 0 removed, 1 changed; facts: 0 added, 0 removed, 1 changed"), "\(stale.stdout)")
        #expect(try Self.files(folder.appendingPathComponent("Output")) == before, "--check writes nothing")
        // A file edited by hand is caught too.
        try Data(text.utf8).write(to: document)
        try Data("edited".utf8).write(to: folder.appendingPathComponent("Output/README.md"))
        let edited = try Self.build(["--check"], in: folder)
        #expect(edited.status == 1)
        #expect(edited.stdout.contains("(README.md)"))
    }

    @Test func oneJobAndTwoJobsWriteTheSameBytes() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.build(["--jobs", "1", "--no-cache"], in: folder, output: "one").status == 0)
        #expect(try Self.build(["--jobs", "2", "--no-cache"], in: folder, output: "two").status == 0)
        let one = try Self.files(folder.appendingPathComponent("one")), two = try Self.files(folder.appendingPathComponent("two"))
        #expect(one.count > 20)
        #expect(one == two)
    }

    @Test func diffShowsWhatChangedFactByFact() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.build(in: folder, output: "old").status == 0)
        let document = folder.appendingPathComponent("Corpus/integrated-care-pioneers-east-midlands.txt")
        let text = try String(contentsOf: document, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "14 Pioneer sites", with: "15 Pioneer sites").utf8).write(to: document)
        try Data("The 25 Integrated Care Pioneers were launched in 2013.\n".utf8).write(to: folder.appendingPathComponent("Corpus/new.txt"))
        _ = try Self.build(in: folder, output: "new")
        let diff = try Executable.run(["diff", "old", "new"], in: folder)
        #expect(diff.status == 0, "\(diff.stderr)")
        let lines = diff.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "documents: 1 added, 0 removed, 1 changed; facts: 3 added, 0 removed, 1 changed")
        #expect(lines.contains("+ document Corpus/new.txt"))
        #expect(lines.contains("~ Corpus/integrated-care-pioneers-east-midlands.txt:5 count wave_sites '15': value 14 → 15"), "\(lines)")
        #expect(lines.contains("+ Corpus/new.txt:1 count total_sites = 25 [programme integrated-care-pioneers] '25'"), "\(lines)")
        #expect(try Executable.run(["diff", "old", "new", "--exit-code"], in: folder).status == 1)
        let same = try Executable.run(["diff", "old", "old", "--exit-code"], in: folder)
        #expect(same.status == 0)
        #expect(same.stdout == "documents: 0 added, 0 removed, 0 changed; facts: 0 added, 0 removed, 0 changed\n")
        let nowhere = try Executable.run(["diff", "nowhere", "old"], in: folder)
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("no dataset at 'nowhere'"))
    }
}
