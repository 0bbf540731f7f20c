@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// Each encoding and way of declaring it, from the fixtures in `Fixtures/encodings` (see their README).
@Suite struct EncodingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var encoding: TextEncoding
        var text: String
        var testDescription: String { file }
    }

    static let full = "Café – ‘14 sites’ announced in November 2013."
    static let latin = "Café - '14 sites' announced in November 2013."

    static let cases: [Case] = [
        Case(file: "utf8-meta.html", encoding: .utf8, text: full),
        Case(file: "utf8-nobom-nometa.html", encoding: .utf8, text: full),
        Case(file: "utf8-bom.txt", encoding: .utf8, text: full),
        Case(file: "utf16le-bom.html", encoding: .utf16LE, text: full),
        Case(file: "utf16be-bom.txt", encoding: .utf16BE, text: full),
        Case(file: "windows1252-meta.html", encoding: .windows1252, text: full),
        Case(file: "iso88591-httpequiv.html", encoding: .iso88591, text: latin),
        Case(file: "xml-decl-latin1.xhtml", encoding: .iso88591, text: latin),
        Case(file: "cp1252-fallback.txt", encoding: .windows1252, text: full),
        Case(file: "invalid-utf8-meta.html", encoding: .utf8, text: "Café – ‘14 sites’ anno\u{FFFD}unced in November 2013."),
    ]

    static func load(_ file: String) throws -> SourceDocument {
        let folder = Repository.fixtures.appendingPathComponent("encodings")
        let corpus = try CorpusLoader(base: folder).load(from: folder.appendingPathComponent(file))
        return try #require(corpus.documents.first)
    }

    @Test(arguments: cases)
    func decodesAndFindsTheSentence(_ testCase: Case) throws {
        let source = try Self.load(testCase.file)
        #expect(source.encoding == testCase.encoding)
        #expect(source.text.unicodeScalars.first != "\u{FEFF}")
        let document = Normalizer().normalize(source)
        let folded = TypographyFolder.foldedString(testCase.text)
        #expect(document.blockTexts.contains(folded), "\(document.blockTexts)")
        // The fact in the sentence points at the right characters of the decoded source.
        let extraction = Extractor(ruleSet: Repository.ruleSet).extract(from: document)
        let date = try #require(extraction.facts.first { $0.type == "date" })
        let scalars = Array(source.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[date.evidence.sourceStart!..<date.evidence.sourceEnd!])) == "November 2013")
    }

    @Test func aGuessedEncodingIsAWarningNamingTheByte() throws {
        let source = try Self.load("cp1252-fallback.txt")
        #expect(source.diagnostics.map(\.rendered) == ["cp1252-fallback.txt: warning: not valid UTF-8 at byte 3; decoded as windows-1252"])
    }

    @Test func invalidBytesBecomeReplacementCharactersWithAWarning() throws {
        let source = try Self.load("invalid-utf8-meta.html")
        let diagnostic = try #require(source.diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.location?.byteOffset == Self.offsetOfFF())
        #expect(diagnostic.rendered.hasPrefix("invalid-utf8-meta.html: warning: 1 invalid UTF-8 sequence(s), the first at byte"))
    }

    @Test func declarationsAreFound() {
        #expect(EncodingSniffer.declaredEncoding(Array("<meta charset='Windows-1252'>".utf8)) == .windows1252)
        #expect(EncodingSniffer.declaredEncoding(Array("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">".utf8)) == .iso88591)
        #expect(EncodingSniffer.declaredEncoding(Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><html>".utf8)) == .utf8)
        #expect(EncodingSniffer.declaredEncoding(Array("<html><p>charset=utf-8 in text is no declaration</p>".utf8)) == nil)
    }

    static func offsetOfFF() -> Int? {
        let url = Repository.fixtures.appendingPathComponent("encodings/invalid-utf8-meta.html")
        return (try? Data(contentsOf: url))?.firstIndex(of: 0xFF)
    }
}
