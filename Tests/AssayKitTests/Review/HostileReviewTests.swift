@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// A document holding markup shows it as text and runs nothing: in its words, its title, its facts' tooltips.
@Suite struct HostileReviewTests {
    static let script = "<script>alert(1)</script>"
    static let image = "\"><img src=x onerror=alert(1)>"

    /// The hostile strings around and inside the words of facts, in a text file and an HTML file (where the
    /// markup is written as entities, so the normalised text holds it).
    static let dataset: Dataset = {
        let text = """
            The 25 Integrated Care Pioneers \(script) were announced in November 2013 \(image).
            '><svg onload=alert(1)> In 2015, 14 more sites joined & </div></span> the programme.
            """
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        let html = "<html><head><title>\(escaped.prefix(60))</title></head><body><p>\(escaped)</p></body></html>"
        let documents = [
            CorpusLoader().load(bytes: Array(text.utf8), path: "Corpus/hostile <b>.txt", mediaType: .text),
            CorpusLoader().load(bytes: Array(html.utf8), path: "Corpus/hostile.html", mediaType: .html),
        ]
        return Pipeline(ruleSet: Repository.ruleSet, jobs: 1).run(Corpus(documents: documents, diagnostics: []))
    }()

    @Test func markupInDocumentsIsShownNeverParsed() throws {
        let files = ReviewPages.files(for: Self.dataset)
        #expect(files.count == 3)
        #expect(Self.dataset.facts.count >= 4, "the hostile text should hold facts, so tooltips are tested too")
        for file in files {
            let html = String(decoding: file.bytes, as: UTF8.self)
            #expect(!html.contains("<script>alert"), "\(file.path)")
            #expect(!html.contains("<img") && !html.contains("<svg") && !html.contains("<b>"), "\(file.path)")
            let tree = HTMLTree(html)
            #expect(tree.elements(named: "img").isEmpty && tree.elements(named: "svg").isEmpty)
            #expect(tree.elements(named: "script").count == (file.path.hasSuffix("index.html") ? 1 : 0))
            if !file.path.hasSuffix("index.html") {
                let text = try #require(tree.elements.first { $0.attributes["class"] == "text" }).text
                #expect(text.contains(Self.script) && text.contains(Self.image), "\(file.path)")
            }
        }
    }
}
