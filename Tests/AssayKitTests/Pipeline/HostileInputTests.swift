@testable import AssayKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// Broken, huge, mislabelled and malicious files: no crash, no hang, the other documents still processed, and each
/// hostile document either yields correct facts or a finding that names it, its stage and the reason. Nothing outside
/// the corpus is ever read.
@Suite struct HostileInputTests {
    static let fact = "Sixteen pilots appointed in 2009."
    static let secret = "SECRET-\(UUID().uuidString)"

    /// Builds the hostile corpus once, with a secret file beside it that XXE payloads and links point at.
    static let run: (dataset: Dataset, output: String, folder: URL) = {
        let folder = try! Repository.temporaryFolder()
        let corpus = folder.appendingPathComponent("corpus")
        let secretFile = folder.appendingPathComponent("secret.txt")
        try! FileManager.default.createDirectory(at: corpus.appendingPathComponent("dir.html"), withIntermediateDirectories: true)
        try! Data("\(secret)\n".utf8).write(to: secretFile)
        let files: [(String, [UInt8])] = [
            ("empty.txt", []),
            ("whitespace.html", Array("  \n\t\n ".utf8)),
            ("nul.html", Array("<p>Sixteen\u{0} pilots appointed in 2009.</p>".utf8)),
            ("deep.html", Array(("<html><body>" + String(repeating: "<div>", count: 10_000) + fact + String(repeating: "</div>", count: 10_000)).utf8)),
            ("xxe.html", Array("<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file://\(secretFile.path)\">]><html><body><p>&xxe; \(fact)</p></body></html>".utf8)),
            ("xxe.xhtml", Array("<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY xxe SYSTEM \"file://\(secretFile.path)\">]><html><body><p>&xxe;</p></body></html>".utf8)),
            ("external-dtd.html", Array("<!DOCTYPE html SYSTEM \"file://\(secretFile.path)\"><html><body><p>\(fact)</p></body></html>".utf8)),
            ("laughs.html", Array(("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"" + String(repeating: "&lol;", count: 10) + "\"><!ENTITY lol3 \"" + String(repeating: "&lol2;", count: 10) + "\">]><html><body><p>&lol3;</p></body></html>").utf8)),
            ("image.html", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]),
            ("script.html", Array("<html><body><script>var s = \"</p>14 Pioneer sites were announced in May 2013\";</script><p>\(fact)</p></body></html>".utf8)),
            ("cdata.html", Array("<html><body><p>\(fact)<![CDATA[ 99 pilots appointed in 1999 ]]></p></body></html>".utf8)),
            ("unclosed.html", Array("<html><body><p><b><i>\(fact)</p><div><span>Twelve pilots appointed in 2010.".utf8)),
            ("soft-hyphen.txt", Array("Six\u{AD}teen pilots appoin\u{200B}ted in 2009.\n".utf8)),
            ("crlf.txt", Array("first line\r\nsecond line\rSixteen pilots appointed in 2009.\r\n".utf8)),
            ("invalid-utf8.txt", [0x53, 0x69, 0x78, 0x74, 0x65, 0x65, 0x6E, 0xFF] + Array(" pilots appointed in 2009.".utf8)),
            ("entities.html", Array(("<p>" + String(repeating: "&amp;&nbsp;&#8211;", count: 2000) + " Sixteen&nbsp;pilots appointed in&#x20;2009.</p>").utf8)),
            ("long-line.txt", Array((String(repeating: "word ", count: 1_000_000) + fact).utf8)),
            ("dir.html/inner.txt", Array(fact.utf8)),
            ("name with spaces é\nnewline.txt", Array(fact.utf8)),
            ("rtl-marks.txt", Array("\u{200F}Six\u{200E}teen pilots appointed in 2009.\u{200F}\n".utf8)),
            ("utf16-no-bom.txt", Array(fact.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("nbsp-runs.html", Array("<p>Sixteen&nbsp;&nbsp;&nbsp;&nbsp;pilots&#160;&#xA0; appointed in 2009.</p>".utf8)),
            ("misnested.html", Array("<p><b>Sixteen <i>pilots</b> appointed</i> in 2009.</p>".utf8)),
            ("copy-a.txt", Array(fact.utf8)),
            ("copy-b.txt", Array(fact.utf8)),
        ]
        for (name, bytes) in files { try! Data(bytes).write(to: corpus.appendingPathComponent(name)) }
        try! FileManager.default.createSymbolicLink(at: corpus.appendingPathComponent("outside.txt"), withDestinationURL: secretFile)
        // A FIFO named like a document: reading it would block the build forever.
        _ = mkfifo(corpus.appendingPathComponent("fifo.txt").path, 0o644)
        try! FileManager.default.createSymbolicLink(atPath: corpus.appendingPathComponent("loop.txt").path, withDestinationPath: "loop.txt")
        let loaded = try! CorpusLoader(base: folder).load(from: corpus)
        let dataset = Pipeline(ruleSet: Repository.ruleSet, jobs: 2).run(loaded)
        let output = folder.appendingPathComponent("Output")
        try! DatasetWriter().write(dataset, to: output)
        var everything = ""
        let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if let text = try? String(contentsOf: url, encoding: .utf8) { everything += text }
        }
        return (dataset, everything, folder)
    }()

    static func facts(_ name: String) -> [String] {
        run.dataset.facts.filter { $0.evidence.document == "corpus/" + name }.map { "\($0.type) \($0.value)" }
    }

    static func findings(_ name: String) -> [Diagnostic] {
        run.dataset.diagnostics.filter { $0.location?.file == "corpus/" + name }
    }

    @Test(arguments: [
        "nul.html", "deep.html", "xxe.html", "external-dtd.html", "script.html", "cdata.html", "unclosed.html",
        "soft-hyphen.txt", "crlf.txt", "entities.html", "long-line.txt", "dir.html/inner.txt",
        "name with spaces é\nnewline.txt", "copy-a.txt", "copy-b.txt", "rtl-marks.txt", "utf16-no-bom.txt",
        "nbsp-runs.html", "misnested.html",
    ])
    func theFactIsFoundWithExactProvenance(_ name: String) throws {
        #expect(Self.facts(name).contains("count 16"), "\(Self.facts(name)) \(Self.findings(name).map(\.rendered))")
        for fact in Self.run.dataset.facts where fact.evidence.document == "corpus/" + name {
            #expect(fact.evidence.sourceStart != nil, "\(name): \(fact.evidence.exact) has no source position")
        }
    }

    @Test func nothingOutsideTheCorpusIsEverRead() {
        #expect(!Self.run.output.contains(Self.secret))
        #expect(!Self.run.dataset.extractions.contains { $0.document.text.contains(Self.secret) })
        #expect(Self.findings("outside.txt").map(\.message).first?.hasPrefix("symbolic link to") == true)
        #expect(Self.findings("loop.txt").map(\.message) == ["symbolic link that leads nowhere (a loop or a missing target); not read"])
    }

    @Test func aFIFOIsReportedAndNeverRead() {
        #expect(Self.findings("fifo.txt").map(\.message) == ["not a regular file (a FIFO, socket or device); not read"])
    }

    @Test func utf16WithoutAByteOrderMarkIsRecognisedAndSaidSo() {
        #expect(Self.findings("utf16-no-bom.txt").map(\.message) == ["no byte order mark, but every other byte is zero: read as UTF-16LE"])
    }

    /// A file changed after it was read: the dataset describes the bytes that were read, hash and text alike.
    @Test func aDocumentChangedDuringTheBuildIsDescribedAsRead() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("changing.txt")
        try Data(Self.fact.utf8).write(to: file)
        let corpus = try CorpusLoader(base: folder).load(from: folder)
        try Data("Twelve pilots appointed in 2010, and more text besides.".utf8).write(to: file)
        let dataset = Pipeline(ruleSet: Repository.ruleSet, jobs: 1).run(corpus)
        #expect(dataset.facts.map { "\($0.type) \($0.value)" } == ["count 16", "date 2009"])
        #expect(dataset.extractions.first?.document.source.sha256 == SHA256Hex.digest(Array(Self.fact.utf8)))
    }

    /// A 50 MB document is read, normalised and searched in bounded memory and time, and its facts found.
    @Test func aFiftyMegabyteDocumentIsProcessed() throws {
        let paragraph = String(repeating: "Plain words of filler text without any of the rules' words in them at all. ", count: 13_000) + "\n\n"
        let count = 50_000_000 / paragraph.utf8.count + 1
        let text = String(repeating: paragraph, count: count) + Self.fact + "\n"
        #expect(text.utf8.count >= 50_000_000)
        let document = CorpusLoader().load(bytes: Array(text.utf8), path: "big.txt", mediaType: .text)
        let extraction = Extractor(ruleSet: Repository.ruleSet).extract(from: Normalizer(ruleSet: Repository.ruleSet).normalize(document))
        #expect(extraction.facts.map { "\($0.type) \($0.value)" } == ["count 16", "date 2009"])
        #expect(extraction.facts.first?.evidence.line == 2 * count + 1)
    }

    @Test func entityExpansionStaysSmall() throws {
        let laughs = try #require(Self.run.dataset.extractions.first { $0.document.source.path == "corpus/laughs.html" })
        #expect(laughs.document.text.unicodeScalars.count < 1_000)
    }

    @Test func aBinaryFileIsAnErrorNamingIt() {
        #expect(Self.findings("image.html").map(\.rendered).first?.hasPrefix("corpus/image.html: error: the file holds a PNG image") == true)
        #expect(!Self.run.dataset.extractions.contains { $0.document.source.path == "corpus/image.html" })
    }

    @Test func deepNestingIsReadAndReported() {
        #expect(Self.findings("deep.html").contains { $0.message.contains("nested deeper than 200") })
    }

    @Test func scriptsAndCDATAGiveNoFacts() {
        #expect(!Self.facts("script.html").contains("count 14"))
        #expect(!Self.facts("cdata.html").contains("count 99"))
        #expect(Self.facts("unclosed.html").contains("count 12"))
    }

    @Test func emptyDocumentsAreDocumentsWithoutFacts() {
        for name in ["empty.txt", "whitespace.html"] {
            #expect(Self.run.dataset.extractions.contains { $0.document.source.path == "corpus/" + name })
            #expect(Self.facts(name).isEmpty)
            #expect(!Self.findings(name).contains { $0.severity == .error })
        }
    }

    @Test func badBytesAreWarnedAboutWithTheirOffset() {
        #expect(Self.findings("invalid-utf8.txt").map(\.rendered) == ["corpus/invalid-utf8.txt: warning: not valid UTF-8 at byte 7; decoded as windows-1252"])
    }

    @Test func lineEndingsOfEveryKindCountLines() throws {
        let fact = try #require(Self.run.dataset.facts.first { $0.evidence.document == "corpus/crlf.txt" })
        #expect(fact.evidence.line == 3)
    }

    @Test func theSameBytesUnderTwoNamesAreTwoDocuments() {
        let ids = Self.run.dataset.extractions.filter { $0.document.source.path.hasPrefix("corpus/copy-") }.map(\.document.source.docID)
        #expect(ids.count == 2 && Set(ids).count == 2)
    }
}
