@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// Each HTML page in the corpus yields the same facts (type, value, programme) as its plain-text twin, and the
/// acceptance facts are found in the HTML twins too.
@Suite struct HTMLTwinTests {
    static let twins = ["ijic-2021-table-1-integration-pilot-programmes", "integrated-care-pioneers-east-midlands"]

    static func extraction(_ name: String) -> Extraction? {
        AcceptanceTests.dataset.extractions.first { $0.document.source.path == "Corpus/\(name)" }
    }

    struct Key: Hashable, CustomStringConvertible {
        var type: String
        var value: FactValue
        var programme: String?
        var description: String { "\(type) \(value) \(programme ?? "null")" }
    }

    @Test(arguments: twins)
    func sameFactsAsThePlainTextTwin(_ name: String) throws {
        let text = try #require(Self.extraction(name + ".txt"))
        let html = try #require(Self.extraction(name + ".html"))
        let keys = { (extraction: Extraction) in Set(extraction.facts.map { Key(type: $0.type, value: $0.value, programme: $0.subject) }) }
        #expect(keys(text).subtracting(keys(html)).isEmpty, "missing from HTML: \(keys(text).subtracting(keys(html)))")
        #expect(keys(html).subtracting(keys(text)).isEmpty, "only in HTML: \(keys(html).subtracting(keys(text)))")
        #expect(text.facts.count == html.facts.count)
    }

    @Test(arguments: AcceptanceTests.expected)
    func acceptanceFactIsInTheHTMLTwin(_ expected: AcceptanceTests.Expected) throws {
        let name = expected.document.replacingOccurrences(of: ".txt", with: ".html")
        let html = try #require(Self.extraction(name))
        let found = html.facts.contains { fact in
            fact.type == expected.type && AcceptanceTests.same(fact.value, expected.value) && fact.subject == expected.programme
                && (expected.quote.contains(fact.evidence.exact) || fact.evidence.exact.contains(expected.quote)
                    || AcceptanceTests.fold(expected.quote).contains(AcceptanceTests.fold(fact.evidence.exact)))
        }
        #expect(found)
    }

    /// In the journal page every body cell's facts take the programme of the cell's column header.
    @Test func journalCellsTakeTheirColumnsProgramme() throws {
        let html = try #require(Self.extraction("ijic-2021-table-1-integration-pilot-programmes.html"))
        let gazetteer = try #require(Repository.ruleSet.gazetteers["programme"])
        var checked = 0
        for fact in html.facts {
            guard let block = html.document.blocks.first(where: { $0.range.contains(fact.evidence.start) }),
                let cell = block.cell, !cell.isHeader
            else { continue }
            let named = cell.headers.flatMap { gazetteer.entries(mentionedIn: $0).map(\.id) }
            #expect(named.count == 1 && fact.subject == named.first, "\(fact.evidence.exact): \(cell.headers)")
            checked += 1
        }
        #expect(checked >= 20)
    }

    /// Nothing from scripts, styles, navigation, headers, footers, asides or cookie banners reaches the text.
    @Test(arguments: twins)
    func boilerplateNeverReachesTheText(_ name: String) throws {
        let html = try #require(Self.extraction(name + ".html"))
        let text = html.document.text.lowercased()
        for phrase in ["cookie", "skip to main content", "function(", "{", "©", "accept", "breadcrumb", "sign in", "menu"] {
            #expect(!text.contains(phrase), "'\(phrase)' reached the text")
        }
    }
}
