@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// The review pages the writer writes for the corpus: every link into them resolves, each document page holds
/// exactly the normalised text with one element per span, and the tooltips say what was read.
@Suite struct ReviewPagesTests {
    static var folder: URL { WrittenDataset.folder }
    static var review: URL { folder.appendingPathComponent(ReviewPages.folder) }

    static func page(_ name: String) throws -> HTMLTree {
        HTMLTree(try String(contentsOf: review.appendingPathComponent(name), encoding: .utf8))
    }

    /// The rows of a table as dictionaries by column name.
    static func rows(_ path: String) throws -> [[String: String]] {
        let table = try WrittenDataset.csv(path)
        let header = try #require(table.first)
        return table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Requirement 4: every `review` link of `spans.csv` and `check_results.csv`, and every link inside the pages,
    /// names a file that exists and, with a fragment, an element with that id.
    @Test func everyLinkIntoTheReviewPagesResolves() throws {
        var trees: [String: HTMLTree] = [:]
        func tree(_ path: String) throws -> HTMLTree {
            if let tree = trees[path] { return tree }
            let tree = HTMLTree(try String(contentsOf: Self.folder.appendingPathComponent(path), encoding: .utf8))
            trees[path] = tree
            return tree
        }
        /// `link` relative to the dataset folder: the file exists and holds the fragment's id.
        func resolve(_ link: String, from page: String) throws {
            let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let base = (page as NSString).deletingLastPathComponent
            let file = parts[0].isEmpty ? page : ((base as NSString).appendingPathComponent(parts[0]) as NSString).standardizingPath
            #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(file).path), "\(page): \(link)")
            guard parts.count == 2 else { return }
            #expect(try tree(file).ids[parts[1]] != nil, "\(page): \(link) names no element")
        }
        let spans = try Self.rows("data/spans.csv")
        #expect(!spans.isEmpty)
        for row in spans { try resolve(try #require(row["review"]), from: "") }
        let results = try Self.rows("data/check_results.csv")
        #expect(!results.isEmpty)
        for row in results {
            #expect(row["review"] == "review/index.html#\(row["result_id"]!)")
            try resolve(row["review"]!, from: "")
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.review.path).sorted()
        #expect(pages.count == WrittenDataset.dataset.documents.count + 1)
        var checked = 0
        for name in pages {
            for element in try tree("review/\(name)").elements(named: "a") {
                let href = try #require(element.attributes["href"], "an <a> without href in \(name)")
                if href.hasPrefix("../../") {
                    // The source file, as seen from the repository's own Output/ (the dataset was written elsewhere).
                    let source = Repository.output.appendingPathComponent("review").appendingPathComponent(href).standardizedFileURL
                    #expect(FileManager.default.fileExists(atPath: source.path.removingPercentEncoding!), "\(name): \(href)")
                } else {
                    try resolve(href, from: "review/\(name)")
                }
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    /// The text of a document page is exactly `text/<doc_id>.txt`; each span is one element with its id whose
    /// pieces hold exactly its words; its tooltip names value, attribute, programme and rule.
    @Test func documentPagesShowTheTextWithEverySpan() throws {
        let spans = try Self.rows("data/spans.csv")
        for document in WrittenDataset.dataset.documents {
            let docID = document.docID
            let tree = try Self.page("\(docID).html")
            let text = try #require(tree.elements.first { $0.attributes["class"] == "text" })
            #expect(text.text == (try WrittenDataset.text("text/\(docID).txt")), "\(docID)")
            let ids = tree.ids
            let pieces = Dictionary(grouping: tree.elements.filter { $0.attributes["data-span"] != nil }) { $0.attributes["data-span"]! }
            let rows = spans.filter { $0["doc_id"] == docID }
            #expect(pieces.count == rows.count, "\(docID): one element (or one split span) per row of spans.csv")
            for row in rows {
                let id = row["span_id"]!
                let element = try #require(ids[id], "\(docID): no element for \(id)")
                #expect(element.attributes["tabindex"] == "0")
                #expect(pieces[id]?.map(\.text).joined() == row["exact"], "\(id)")
            }
            for fact in document.facts {
                let element = try #require(ids[DatasetTables.spanID(fact.evidence)])
                let tip = try #require(element.attributes["data-tip"])
                #expect(element.attributes["title"] == tip)
                for part in ["\(fact.attribute) = \(fact.value.description)", "programme: \(fact.subject ?? "—")", "rule: \(fact.ruleID)", fact.type] {
                    #expect(tip.contains(part), "\(fact.id): '\(part)' not in '\(tip)'")
                }
                #expect(element.attributes["data-label"]?.contains(fact.type) == true)
            }
        }
    }

    @Test func theIndexListsEveryFactResultAndDocument() throws {
        let tree = try Self.page("index.html")
        let dataset = WrittenDataset.dataset
        let rows = tree.elements.filter { $0.name == "tr" && $0.attributes["data-type"] != nil }
        #expect(rows.count == dataset.facts.count)
        #expect(rows.allSatisfy { $0.attributes["hidden"] == nil }, "without script every row shows")
        for (row, fact) in zip(rows, dataset.facts) {
            #expect(row.attributes["data-type"] == fact.type && row.attributes["data-attribute"] == fact.attribute)
            #expect(row.attributes["data-subject"] == fact.subject ?? IndexPage.noSubject)
        }
        let ids = tree.ids
        for result in dataset.validation.results { #expect(ids[result.id] != nil, "\(result.checkID)") }
        for document in dataset.documents { #expect(ids[document.docID] != nil) }
        let filters = try #require(ids["filters"])
        #expect(filters.attributes["hidden"] != nil, "the filter form shows only when the script runs")
        #expect(Set(tree.elements(named: "select").compactMap { $0.attributes["name"] }) == ["type", "programme", "attribute", "check"])
    }

    /// A build gathers the fact table's filters as it lists the documents, read from the records with their facts;
    /// a page given documents without their facts reads the facts once more for them, and one given the filters
    /// reads neither: the same bytes.
    @Test func theIndexIsTheSameWithFiltersGatheredBeforeOrByItself() throws {
        let dataset = WrittenDataset.dataset
        var index = ReviewPages.indexPage(dataset, ReviewPages.Shared(dataset))
        let gatheredWhileListing = index.html().bytes
        var documents: [ReviewDocument] = []
        var values = FactFilterValues(capacity: dataset.overview.facts)
        try index.documents.forEach { document, facts in
            documents.append(document)
            for fact in try #require(facts) { values.add(fact, index.checks) }
        }
        index.documents = ReviewDocumentSource(documents)
        #expect(index.html().bytes == gatheredWhileListing)
        index.filterValues = values
        #expect(index.html().bytes == gatheredWhileListing)
        #expect(gatheredWhileListing.count > 10_000)
    }

    /// A document page goes to its file in pieces of some 64 KB once its text is long and results touch it many
    /// times over (a build writes it so); the pieces are the page.
    @Test func aLongDocumentPageIsWrittenInPiecesThatMakeThePage() throws {
        let dataset = WrittenDataset.dataset
        let checks = ReviewPages.Shared(dataset).value.checks
        let position = try #require(dataset.documents.withoutTexts.indices.first { !checks.checks(in: dataset.documents.withoutTexts[$0].docID).isEmpty })
        let document = dataset.documents.withoutTexts[position]
        let touching = checks.checks(in: document.docID)
        // The facts' offsets stay where they are: the text only grows past its end, and every result comes 200 times.
        let page = DocumentPage(
            docID: document.docID, path: document.path, title: document.title, mediaType: document.mediaType,
            text: dataset.documents.text(at: position) + String(repeating: " filler words", count: 20_000), facts: document.facts,
            checks: Array(repeating: touching, count: 200).flatMap { $0 }, ruleSet: dataset.ruleSet, sourceLink: "source.html")
        var pieces: [[UInt8]] = []
        page.write { pieces.append($0) }
        #expect(pieces.count > 3)
        #expect(pieces.dropLast().allSatisfy { $0.count >= 1 << 16 })
        let whole = String(decoding: pieces.flatMap { $0 }, as: UTF8.self)
        #expect(whole.components(separatedBy: "<article").count - 1 == touching.count * 200)
        #expect(whole.hasSuffix("</html>\n"))
    }

    @Test func pagesAreTheSameBytesWhereverTheyAreWritten() throws {
        let first = ReviewPages.files(for: WrittenDataset.dataset)
        #expect(first == ReviewPages.files(for: WrittenDataset.dataset))
        for file in first {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(!text.contains(NSTemporaryDirectory()) && !text.contains(Repository.root.path), "\(file.path) names a folder of this machine")
        }
        #expect(first.map(\.path).last == "review/index.html")
    }

    /// Two documents that disagree: the failed result comes before every passed one on the index, and the words it
    /// compared are marked on both document pages, their tooltips naming the check.
    @Test func wordsOfAFailedCheckAreMarked() throws {
        let corpus = try CorpusLoader(base: Repository.root).load(from: Repository.fixtures.appendingPathComponent("validation/disagreeing-documents"))
        let dataset = Pipeline(ruleSet: Repository.ruleSet, jobs: 1).run(corpus)
        let failed = try #require(dataset.validation.results.first { $0.status == .fail && $0.checkID == "sites.wave-sizes-agree" })
        let files = Dictionary(uniqueKeysWithValues: ReviewPages.files(for: dataset).map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        let index = try #require(files["review/index.html"])
        let failedAt = try #require(index.range(of: "id=\"\(failed.id)\"")).lowerBound
        for passed in dataset.validation.results where passed.status == .pass {
            #expect(try #require(index.range(of: "id=\"\(passed.id)\"")).lowerBound > failedAt)
        }
        #expect(Set(failed.links.map(\.evidence.docID)).count == 2)
        for link in failed.links {
            let page = HTMLTree(try #require(files["review/\(link.evidence.docID).html"]))
            let span = try #require(page.ids[DatasetTables.spanID(link.evidence)])
            #expect(span.attributes["class"]?.split(separator: " ").contains("failing") == true)
            #expect(span.attributes["data-label"]?.hasSuffix("fails check") == true)
            #expect(span.attributes["data-tip"]?.contains("check fail: sites.wave-sizes-agree (\(failed.id))") == true)
            #expect(page.elements(named: "a").contains { $0.attributes["href"] == "index.html#\(failed.id)" })
        }
    }

    @Test func sourceLinksAreRelativeToTheReviewFolder() {
        #expect(ReviewPages.sourceLink(forDocumentAt: "Corpus/a b.html") == "../../Corpus/a%20b.html")
        #expect(ReviewPages.sourceLink(forDocumentAt: "/data/x.txt") == "file:///data/x.txt")
    }
}
