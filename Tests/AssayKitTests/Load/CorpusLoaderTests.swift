@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// Loading: deterministic order, hashes, decoding, and a finding for every file that is not a document.
@Suite struct CorpusLoaderTests {
    @Test func corpusLoadsInPathOrderWithTheAcceptanceHashes() throws {
        let corpus = try CorpusLoader(base: Repository.root).load(from: Repository.corpus)
        #expect(corpus.documents.map(\.path) == [
            "Corpus/ijic-2021-table-1-integration-pilot-programmes.html", "Corpus/ijic-2021-table-1-integration-pilot-programmes.txt",
            "Corpus/integrated-care-pioneers-east-midlands.html", "Corpus/integrated-care-pioneers-east-midlands.txt",
        ])
        #expect(corpus.documents.map(\.mediaType) == [.html, .text, .html, .text])
        #expect(corpus.documents.filter { $0.mediaType == .text }.map(\.sha256) == [
            "76f0b459a66dba2864414f972351588ba2270a03f0e3d8c1abc85a9148ffb81b",
            "10d81263877c380e00f66c11876fd83e818028b4e386414fa3b2c7efc78ba263",
        ])
        #expect(corpus.diagnostics.isEmpty)
    }

    @Test func everyFileEndsAsADocumentOrAFinding() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files: [(String, [UInt8])] = [
            ("b/page.htm", Array("<p>x</p>".utf8)),
            ("a.txt", [0xEF, 0xBB, 0xBF] + Array("caf\u{E9}".utf8)),
            ("latin.txt", [0x63, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x71, 0x94]),
            ("image.html", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]),
            ("notes.csv", Array("a,b".utf8)),
            ("sniffed.txt", Array("<!DOCTYPE html><p>y</p>".utf8)),
            ("utf16.txt", [0xFF, 0xFE, 0x68, 0x00, 0x69, 0x00]),
        ]
        for (name, bytes) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let corpus = try CorpusLoader(base: folder).load(from: folder)
        #expect(corpus.documents.map(\.path) == ["a.txt", "b/page.htm", "latin.txt", "sniffed.txt", "utf16.txt"])
        #expect(corpus.documents[0].text == "caf\u{E9}")
        #expect(corpus.documents[2].text == "caf\u{E9} \u{201C}q\u{201D}")
        #expect(corpus.documents[2].encoding == .windows1252)
        #expect(corpus.documents[2].diagnostics.map(\.rendered) == ["latin.txt: warning: not valid UTF-8 at byte 3; decoded as windows-1252"])
        #expect(corpus.documents[2].diagnostics.first?.location?.byteOffset == 3)
        #expect(corpus.documents[3].mediaType == .html)
        #expect(corpus.documents[4].text == "hi")
        #expect(corpus.diagnostics.map(\.rendered) == [
            "image.html: error: the file holds a PNG image, not text or HTML\n    remove it from the corpus, or convert it to text first",
            "notes.csv: warning: skipped: '.csv' is not a document type assay reads\n    assay reads .txt, .text, .md, .html, .htm and .xhtml",
        ])
    }

    @Test func aMissingCorpusIsAnError() {
        #expect(throws: AssayError.self) { try CorpusLoader().load(from: URL(fileURLWithPath: "/nonexistent/corpus")) }
    }

    @Test func aFileOverTheSizeLimitIsNotReadAndSaysSo() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(repeating: 0x61, count: 2_000).write(to: folder.appendingPathComponent("big.txt"))
        try Data("small".utf8).write(to: folder.appendingPathComponent("small.txt"))
        let corpus = try CorpusLoader(base: folder, maxDocumentBytes: 1_000).load(from: folder)
        #expect(corpus.documents.map(\.path) == ["small.txt"])
        #expect(corpus.diagnostics.map(\.message) == ["the file is 2000 bytes, more than the limit of 1000 (limits.document_bytes); not read"])
    }
}
