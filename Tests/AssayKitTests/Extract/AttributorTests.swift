@testable import AssayKit
import Testing
import TestSupport

/// Which programme a fact is about: its own record, its table column, its sentence's scope, the title.
@Suite struct AttributorTests {
    func subjects(_ text: String, mediaType: MediaType = .text) -> [String: String] {
        var result: [String: String] = [:]
        for fact in Run.extract(text, mediaType: mediaType).facts where fact.type == "count" {
            result[fact.evidence.exact] = fact.subject ?? "null"
        }
        return result
    }

    @Test func aColumnHeaderNamesTheProgrammeOfItsCells() {
        let html = """
            <table><tr><th>New Care Model Vanguards</th><th>Integrated Care Pilots</th></tr>
            <tr><td><p>Twelve pilots appointed.</p></td><td><ul><li>Sixteen pilots appointed.</li></ul></td></tr></table>
            """
        #expect(subjects(html, mediaType: .html) == ["Twelve": "new-care-model-vanguards", "Sixteen": "integrated-care-pilots"])
    }

    @Test func aSentenceOpensItsProgrammesScopeAndAMixedOneClosesIt() {
        let text = """
            Sixteen pilots appointed.

            The Integrated Care Pilots had 14 pilots appointed. Later, 12 pilots appointed.

            Integrated Care Pilots and New Care Model Vanguards compared: 9 pilots appointed.

            Launched in 2015 with 7 pilots appointed.
            """
        #expect(subjects(text) == [
            "Sixteen": "null", "14": "integrated-care-pilots", "12": "integrated-care-pilots", "9": "null",
            "7": "new-care-model-vanguards",
        ])
    }

    @Test func theTitleNamesTheSubjectOfTheWholeDocument() {
        let text = "Integrated Care Pioneers\n\nSome background.\n\nEleven pilots appointed in 2015.\n"
        #expect(subjects(text) == ["Eleven": "integrated-care-pioneers"])
    }

    /// A <th> without scope that starts a body row heads the row, not its column (found by the benchmark corpus).
    @Test func aRowHeaderWithoutScopeNamesTheRowsProgramme() {
        let html = """
            <table><tr><th>Programme</th><th>Sites</th></tr>
            <tr><th>Integrated Care Pilots</th><td>Sixteen pilots appointed.</td></tr>
            <tr><th>New Care Model Vanguards</th><td>Twelve pilots appointed.</td></tr></table>
            """
        #expect(subjects(html, mediaType: .html) == ["Sixteen": "integrated-care-pilots", "Twelve": "new-care-model-vanguards"])
    }

    /// An article's own <header> is content: its heading names the programme.
    @Test func anArticlesHeaderIsContent() {
        let html = """
            <html><body><header>Site banner</header><main><article><header><h1>Integrated Care Pilots</h1></header>
            <p>Sixteen pilots appointed.</p></article></main><footer>Footer</footer></body></html>
            """
        let document = Run.normalize(html, mediaType: .html, boilerplate: Repository.ruleSet.boilerplate)
        #expect(document.blockTexts == ["Integrated Care Pilots", "Sixteen pilots appointed."])
        #expect(subjects(html, mediaType: .html) == ["Sixteen": "integrated-care-pilots"])
    }
}
