@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// The writer's files: CSV as RFC 4180 with LF, a manifest and `SHA256SUMS` that cover every output, a generated
/// README with the field guide, and a swap that leaves either the old or the new output, never a mix.
@Suite struct DatasetWriterTests {
    @Test func csvQuotesWhatNeedsQuoting() {
        let schema = TableSchema(
            name: "t", description: "", fields: [.init("a", ""), .init("b", .integer, ""), .init("c", "")], primaryKey: ["a"])
        let table = DatasetTable(schema: schema, rows: [
            [.text("plain"), .integer(-3), .null],
            [.text("a,b"), .integer(0), .text("say \"hi\"")],
            [.text("two\nlines"), .null, .text("cr\rhere")],
        ])
        #expect(String(decoding: table.csv(), as: UTF8.self) == "a,b,c\nplain,-3,\n\"a,b\",0,\"say \"\"hi\"\"\"\n\"two\nlines\",,\"cr\rhere\"\n")
        #expect(CSVParser.parse(String(decoding: table.csv(), as: UTF8.self))[3] == ["two\nlines", "", "cr\rhere"])
    }

    /// The manifest and `SHA256SUMS` list paths in the order of their UTF-8 bytes, as `LC_ALL=C sort` does, not in
    /// Swift's order of strings (which takes a decomposed "é" to equal a composed one).
    @Test func pathsAreOrderedByTheirBytes() {
        let paths = ["text/é.txt", "text/e\u{301}.txt", "text/z.txt", "text/Z.txt", "text/a-b", "text/a/b", "text/a", "README.md", ""]
        let bytes = paths.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(paths.sorted(by: DatasetWriter.pathOrder).map { Array($0.utf8) } == bytes)
        #expect(paths.sorted(by: DatasetWriter.pathOrder) == ["", "README.md", "text/Z.txt", "text/a", "text/a-b", "text/a/b", "text/e\u{301}.txt", "text/z.txt", "text/é.txt"])
        #expect(!DatasetWriter.pathOrder("text/é.txt", "text/é.txt"))
    }

    @Test func theManifestAndChecksumsCoverEveryFile() throws {
        let files = OutputComparison.files(in: WrittenDataset.folder)
        let sums = try WrittenDataset.text("SHA256SUMS").split(separator: "\n").map { line in
            (path: String(line.dropFirst(66)), hash: String(line.prefix(64)), gap: line.dropFirst(64).prefix(2))
        }
        #expect(sums.allSatisfy { $0.gap == "  " })
        #expect(sums.map(\.path) == sums.map(\.path).sorted())
        #expect(Set(sums.map(\.path)) == files.subtracting(["SHA256SUMS", "dataset.sqlite"]))
        for sum in sums {
            let bytes = try Data(contentsOf: WrittenDataset.folder.appendingPathComponent(sum.path))
            #expect(SHA256Hex.digest(Array(bytes)) == sum.hash, "\(sum.path)")
        }
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(WrittenDataset.text("manifest.json").utf8)) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        #expect(Set(outputs.compactMap { $0["path"] as? String }) == files.subtracting(["SHA256SUMS", "dataset.sqlite", "manifest.json"]))
        let tool = try #require(manifest["tool"] as? [String: Any])
        #expect(tool["version"] as? String == AssayVersion.current)
        let inputs = try #require(manifest["inputs"] as? [String: Any])
        #expect((inputs["documents"] as? [Any])?.count == WrittenDataset.dataset.extractions.count)
        #expect((inputs["rules"] as? [Any])?.count == Repository.ruleSet.files.count)
    }

    /// `sha256sum -c` (coreutils) accepts the file, as the README promises.
    @Test func coreutilsAcceptsTheChecksums() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = ["-c", "--quiet", "SHA256SUMS"]
        process.currentDirectoryURL = WrittenDataset.folder
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func theReadmeHasTheFieldGuideOfEveryTable() throws {
        let readme = try WrittenDataset.text("README.md")
        for table in DatasetTables(WrittenDataset.dataset).tables {
            #expect(readme.contains("### `\(table.schema.name)` (`\(table.schema.path)`"), "\(table.schema.name)")
            for field in table.schema.fields { #expect(readme.contains("| `\(field.name)` |"), "\(table.schema.name).\(field.name)") }
        }
        for how in ["sqlite3", "datasette", "frictionless validate datapackage.json", "sha256sum -c SHA256SUMS"] {
            #expect(readme.contains(how), "\(how)")
        }
    }

    @Test func spanIDsAreUniqueAndFactSpansMatchTheText() throws {
        let spans = try WrittenDataset.csv("data/spans.csv")
        let header = try #require(spans.first)
        let column = { (name: String) in header.firstIndex(of: name)! }
        #expect(Set(spans.dropFirst().map { $0[0] }).count == spans.count - 1)
        for row in spans.dropFirst() {
            let text = Array(try WrittenDataset.text("text/\(row[column("doc_id")]).txt").unicodeScalars)
            let start = Int(row[column("start")])!, end = Int(row[column("end")])!
            #expect(String(String.UnicodeScalarView(text[start..<end])) == row[column("exact")])
        }
    }

    /// Litter of a killed run is cleared: its staging folder goes, and an old output it had moved aside comes back
    /// when the destination is missing.
    @Test func litterOfAKilledRunIsCleared() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        let dead: Int32 = 999_999_999
        let staging = DatasetWriter.sibling(of: output, "tmp", dead)
        let old = DatasetWriter.sibling(of: output, "old", dead)
        let mine = DatasetWriter.sibling(of: output, "tmp", ProcessInfo.processInfo.processIdentifier)
        for url in [staging, old, mine] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        try Data("previous".utf8).write(to: old.appendingPathComponent("facts.jsonl"))
        DatasetWriter.removeLitter(beside: output)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(try String(contentsOf: output.appendingPathComponent("facts.jsonl"), encoding: .utf8) == "previous")
        #expect(FileManager.default.fileExists(atPath: mine.path), "a running process's staging folder is left alone")
    }

    @Test func exchangeSwapsTwoFolders() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        for (url, text) in [(a, "A"), (b, "B")] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url.appendingPathComponent("x"))
        }
        #if os(Linux)
        #expect(FileSystem.exchange(a, b))
        #expect(try String(contentsOf: a.appendingPathComponent("x"), encoding: .utf8) == "B")
        #expect(try String(contentsOf: b.appendingPathComponent("x"), encoding: .utf8) == "A")
        #endif
    }

    /// After `abandon()`, nothing is staged or published and what was staged is gone.
    @Test func anAbandonedStagingAreaRefusesWork() throws {
        let area = StagingArea()
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let staged = folder.appendingPathComponent("staged")
        try area.begin(staged)
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: true)
        area.abandon()
        #expect(!FileManager.default.fileExists(atPath: staged.path))
        #expect(throws: StagingArea.Interrupted.self) { try area.begin(folder.appendingPathComponent("more")) }
        #expect(throws: StagingArea.Interrupted.self) { try area.publish {} }
    }
}
