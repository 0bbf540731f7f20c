@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// The review pages in a real browser: headless Chromium loads them from `file://`, runs the index's filter, and
/// the DOM it dumps afterwards is checked; the console must stay silent (no script error, no Content-Security-
/// Policy violation). Screenshots of the index and a document page go to `Tests/artifacts/review/` (ignored by
/// git) for people to look at.
@Suite(.serialized) struct ReviewBrowserTests {
    static var review: URL { WrittenDataset.folder.appendingPathComponent(ReviewPages.folder) }
    static let screenshots = Repository.root.appendingPathComponent("Tests/artifacts/review")

    static func url(_ page: String, query: String? = nil, fragment: String? = nil) -> URL {
        var components = URLComponents(url: review.appendingPathComponent(page), resolvingAgainstBaseURL: false)!
        components.query = query
        components.fragment = fragment
        return components.url!
    }

    static func dom(_ url: URL) throws -> HTMLTree {
        let result = try Chromium.dumpDOM(url)
        #expect(!result.timedOut && result.status == 0, "chromium: \(result.status) \(result.stderr.suffix(2000))")
        #expect(result.consoleMessages.isEmpty, "console: \(result.consoleMessages)")
        #expect(result.stdout.contains("</html>"), "no DOM dumped")
        return HTMLTree(result.stdout)
    }

    static func facts(_ tree: HTMLTree) -> (shown: [HTMLTree.Element], hidden: [HTMLTree.Element]) {
        let rows = tree.elements.filter { $0.name == "tr" && $0.attributes["data-type"] != nil }
        return (rows.filter { $0.attributes["hidden"] == nil }, rows.filter { $0.attributes["hidden"] != nil })
    }

    @Test func theFilterTakesItsValuesFromTheQueryString() throws {
        let facts = WrittenDataset.dataset.facts
        let counts = facts.filter { $0.type == "count" }
        let tree = try Self.dom(Self.url("index.html", query: "type=count"))
        let (shown, hidden) = Self.facts(tree)
        #expect(shown.count == counts.count && counts.count > 0)
        #expect(shown.allSatisfy { $0.attributes["data-type"] == "count" })
        #expect(hidden.count == facts.count - counts.count && hidden.allSatisfy { $0.attributes["data-type"] != "count" })
        #expect(tree.ids["filters"]?.attributes["hidden"] == nil, "the script shows the form")
        #expect(tree.ids["shown"]?.text == "\(counts.count) of \(facts.count) facts shown")

        let programme = try #require(counts.first?.subject)
        let both = counts.filter { $0.subject == programme }
        let narrowed = Self.facts(try Self.dom(Self.url("index.html", query: "type=count&programme=\(programme)")))
        #expect(narrowed.shown.count == both.count && both.count < counts.count)
    }

    @Test func anUnknownFilterValueShowsEverything() throws {
        let (shown, hidden) = Self.facts(try Self.dom(Self.url("index.html", query: "type=no-such-type")))
        #expect(shown.count == WrittenDataset.dataset.facts.count && hidden.isEmpty)
    }

    /// Every span of every document is in the DOM with exactly its words, its tooltip holds its facts' values,
    /// and every link of the index to a span names an element of the page it points to.
    @Test(arguments: WrittenDataset.dataset.documents.map(\.docID))
    func everySpanIsInTheDOMWithItsWords(docID: String) throws {
        let document = try #require(WrittenDataset.dataset.documents.first { $0.docID == docID })
        let tree = try Self.dom(Self.url("\(docID).html"))
        let ids = tree.ids
        var spans: [String: Evidence] = [:]
        for fact in document.facts {
            for evidence in [fact.evidence] + (fact.items ?? []) { spans[DatasetTables.spanID(evidence)] = evidence }
            let element = try #require(ids[DatasetTables.spanID(fact.evidence)])
            #expect(element.attributes["data-tip"]?.contains("= \(fact.value.description)") == true, "\(fact.id)")
        }
        #expect(!spans.isEmpty)
        let pieces = Dictionary(grouping: tree.elements.filter { $0.attributes["data-span"] != nil }) { $0.attributes["data-span"]! }
        #expect(Set(pieces.keys) == Set(spans.keys))
        for (id, evidence) in spans {
            #expect(ids[id]?.attributes["data-span"] == id)
            #expect(pieces[id]?.map(\.text).joined() == evidence.exact, "\(id)")
        }
        let index = try Self.dom(Self.url("index.html"))
        let links = index.elements(named: "a").compactMap { $0.attributes["href"] }.filter { $0.hasPrefix("\(docID).html#") }
        #expect(!links.isEmpty)
        for link in links { #expect(ids[String(link.dropFirst(docID.count + 6))] != nil, "\(link)") }
    }

    /// A link to a span opens the page with that span targeted: the DOM after the jump still has it, and the
    /// screenshot (with its tooltip shown by `:target`) is saved for people to look at.
    @Test func screenshotsOfTheIndexAndADocumentPage() throws {
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let fact = try #require(WrittenDataset.dataset.facts.first { $0.type == "count" })
        let docID = fact.evidence.docID
        let shots: [(String, URL, (Int, Int))] = [
            ("index.png", Self.url("index.html", query: "type=count"), (1280, 1600)),
            ("document.png", Self.url("\(docID).html"), (1280, 1600)),
            ("document-target.png", Self.url("\(docID).html", fragment: DatasetTables.spanID(fact.evidence)), (1280, 3000)),
        ]
        for (name, url, size) in shots {
            let file = Self.screenshots.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: file)
            let result = try Chromium.screenshot(url, to: file, size: size)
            #expect(!result.timedOut && result.status == 0, "\(result.stderr.suffix(2000))")
            #expect(result.consoleMessages.isEmpty, "console: \(result.consoleMessages)")
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(name) is \(size) bytes")
        }
    }

    /// The hostile documents render inert in the browser: no image, no frame, no script but the index's own, the
    /// markup shown as text, nothing in the console.
    @Test func aHostileDocumentRendersInert() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ReviewPages.files(for: HostileReviewTests.dataset) {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("review").path).sorted()
        #expect(pages.count == 3)
        for page in pages {
            let tree = try Self.dom(folder.appendingPathComponent("review/\(page)"))
            for name in ["img", "svg", "iframe", "b"] { #expect(tree.elements(named: name).isEmpty, "\(page): <\(name)>") }
            #expect(tree.elements(named: "script").count == (page == "index.html" ? 1 : 0))
            if page != "index.html" {
                let text = try #require(tree.elements.first { $0.attributes["class"] == "text" }).text
                #expect(text.contains(HostileReviewTests.script) && text.contains(HostileReviewTests.image), "\(page)")
            }
        }
    }

    /// The console check is not vacuous: a page whose inline script the policy blocks is reported.
    @Test func aBlockedScriptShowsInTheConsole() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("blocked.html")
        try Data("""
            <!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><p>x</p><script>document.title = "ran"</script>
            """.utf8).write(to: page)
        let result = try Chromium.dumpDOM(page)
        #expect(result.consoleMessages.contains { $0.contains("Content Security Policy") }, "\(result.stderr.suffix(2000))")
    }
}
