@testable import AssayKit
import CLibXML2
import Foundation
import Testing
import TestSupport

/// Provenance into the markup, checked independently of the normaliser for every fact of every HTML document in
/// `Corpus/` and the fixtures: the source slice, with tags removed, entities decoded and white space folded, gives
/// back the fact's text; and `xpath` names an element that holds it, as libxml2 itself evaluates the path.
@Suite struct HTMLProvenanceTests {
    static let documents: [URL] = {
        let folders = [Repository.corpus, Repository.fixtures.appendingPathComponent("html")]
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
                .filter { ["html", "htm", "xhtml"].contains($0.pathExtension) }
        }.sorted { $0.path < $1.path }
    }()

    @Test func thereAreHTMLDocuments() {
        #expect(Self.documents.count >= 3)
    }

    @Test(arguments: documents)
    func everyFactLeadsBackIntoTheMarkup(_ url: URL) throws {
        let corpus = try CorpusLoader(base: Repository.root).load(from: url)
        let extraction = try #require(Pipeline(ruleSet: Repository.ruleSet, jobs: 1).extract(corpus.documents).first)
        let source = Array(extraction.document.source.text.unicodeScalars)
        let utf8 = Array(extraction.document.source.text.utf8)
        let document = try #require(utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue))
            }
        })
        defer { xmlFreeDoc(document) }
        for fact in extraction.facts {
            let evidence = fact.evidence
            let start = try #require(evidence.sourceStart, "\(fact.id) has no source offset")
            let end = try #require(evidence.sourceEnd)
            let slice = String(String.UnicodeScalarView(source[start..<end]))
            #expect(Self.visibleText(slice) == evidence.exact, "\(fact.id): source '\(slice)'")
            let xpath = try #require(evidence.xpath, "\(fact.id) has no xpath")
            let content = try #require(Self.textContent(of: xpath, in: document), "\(xpath) names no element")
            #expect(content.contains(evidence.exact), "\(xpath) does not hold '\(evidence.exact)'")
            let line = source[..<start].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            #expect(evidence.line == line)
        }
    }

    /// The folded text content of the one element `xpath` selects, as libxml2 evaluates it.
    static func textContent(of xpath: String, in document: xmlDocPtr) -> String? {
        guard let context = xmlXPathNewContext(document) else { return nil }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(xpath, context) else { return nil }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr == 1, let node = set.pointee.nodeTab[0],
            let raw = xmlNodeGetContent(node), let path = xmlGetNodePath(node)
        else { return nil }
        defer { assay_xml_free(raw) }
        defer { assay_xml_free(path) }
        // Written exactly as libxml2 writes the element's path.
        guard String(cString: path) == xpath else { return nil }
        return TypographyFolder.foldedString(String(cString: raw))
    }

    /// Markup removed, character references decoded, typography and white space folded: an implementation
    /// separate from the aligner's, so the two check each other.
    static func visibleText(_ markup: String) -> String {
        var out = ""
        var index = markup.startIndex
        while index < markup.endIndex {
            let character = markup[index]
            if character == "<", let close = markup[index...].firstIndex(of: ">") {
                index = markup.index(after: close)
                continue
            }
            if character == "&", let semicolon = markup[index...].prefix(12).firstIndex(of: ";") {
                let name = String(markup[markup.index(after: index)..<semicolon])
                if let decoded = decode(name) {
                    out += decoded
                    index = markup.index(after: semicolon)
                    continue
                }
            }
            out.append(character)
            index = markup.index(after: index)
        }
        return TypographyFolder.foldedString(out)
    }

    static func decode(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) } }
        guard let entity = htmlEntityLookup(name) else { return nil }
        return Unicode.Scalar(entity.pointee.value).map { String($0) }
    }
}
