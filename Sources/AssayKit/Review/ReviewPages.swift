import Foundation

/// `review/`: static HTML pages for people checking the extraction by looking, one per document and an index.
///
/// Input: `Dataset` (or, page by page, the lightweight values `DocumentPage` and `IndexPage` take). Output:
/// `review/index.html` and `review/<doc_id>.html`, written with the dataset and hashed into the manifest and
/// `SHA256SUMS`. The pages work from `file://` with no server and no network: style and script are inline, and a
/// Content-Security-Policy forbids loading anything else. Every text and attribute is escaped, so a document's
/// markup shows as text and runs nothing. The bytes depend only on the dataset (no dates, no run-order ids).
///
/// Links into the pages: a span is `review/<doc_id>.html#<span_id>` (the `review` column of `data/spans.csv`), a
/// check result `review/index.html#<result_id>` (of `data/check_results.csv`).
public enum ReviewPages {
    public static let folder = "review"

    /// Every page of the dataset: one per document, in document order, then the index.
    public static func files(for dataset: Dataset) -> [DatasetFile] {
        let sink = DatasetSink(.memory)
        try! write(dataset, into: sink)
        return sink.collected
    }

    /// Writes the pages into `sink` one at a time: the document pages, then the index.
    static func write(_ dataset: Dataset, into sink: DatasetSink) throws {
        let shared = Shared(dataset)
        try writeDocumentPages(dataset, shared, into: sink)
        try writeIndex(dataset, shared, into: sink)
    }

    /// What the document pages and the index both need, made once by whichever asks first: the two are independent
    /// groups of files the writer makes at the same time.
    final class Shared: @unchecked Sendable {
        private let dataset: Dataset
        private let lock = NSLock()
        private var made: (checks: ReviewResults, problems: [String: [ReviewDocument.Problem]], other: [(file: String?, problem: ReviewDocument.Problem)])?

        init(_ dataset: Dataset) { self.dataset = dataset }

        var value: (checks: ReviewResults, problems: [String: [ReviewDocument.Problem]], other: [(file: String?, problem: ReviewDocument.Problem)]) {
            lock.withLock {
                if let made { return made }
                var problems: [String: [ReviewDocument.Problem]] = [:]
                var other: [(file: String?, problem: ReviewDocument.Problem)] = []
                let paths = Set(dataset.overview.paths)
                for diagnostic in dataset.diagnostics where diagnostic.severity != .note {
                    let problem = ReviewDocument.Problem(severity: diagnostic.severity, message: diagnostic.message, line: diagnostic.location?.line)
                    if let file = diagnostic.location?.file, paths.contains(file) {
                        problems[file, default: []].append(problem)
                    } else {
                        other.append((diagnostic.location?.file, problem))
                    }
                }
                let value = (ReviewResults(dataset.validation), problems, other)
                made = value
                return value
            }
        }
    }

    /// One page per document (of those at `range`, default all), in document order, each made when its turn comes
    /// from the document's record and written as it is made, a piece at a time. A build writes runs of documents on
    /// several threads, each run into a part of the sink of its own.
    static func writeDocumentPages(_ dataset: Dataset, _ shared: Shared, _ range: Range<Int>? = nil, into sink: DatasetSink) throws {
        let (checks, _, _) = shared.value
        let records = dataset.documents
        let vocabulary = ReviewVocabulary(dataset.ruleSet)
        for position in range ?? 0..<records.count {
            // The record without its text, and the text on its own: read so, the facts' names are not shared
            // (a page lets its facts go at once), which saves a third of reading a record back.
            let document = records.withoutTexts[position]
            let page = DocumentPage(
                docID: document.docID, path: document.path, title: document.title, mediaType: document.mediaType,
                text: records.text(at: position), facts: document.facts, checks: checks.checks(in: document.docID),
                vocabulary: vocabulary, sourceLink: sourceLink(forDocumentAt: document.path))
            try sink.file(DocumentPage.path(docID: page.docID)) { out in try page.write(to: out.write) }
        }
    }

    /// `review/index.html`. It needs no document page: each document's line and span count come from its record.
    static func writeIndex(_ dataset: Dataset, _ shared: Shared, into sink: DatasetSink) throws {
        let index = indexPage(dataset, shared)
        try sink.file(IndexPage.path) { out in try index.write(to: out.write) }
    }

    /// The index of `dataset`, its documents and facts to be read from the records as it is written (the documents'
    /// table gathers the fact table's filters on the way); its counts come from the dataset's overview.
    static func indexPage(_ dataset: Dataset, _ shared: Shared) -> IndexPage {
        let (checks, problems, otherProblems) = shared.value
        let report = dataset.validation
        let records = dataset.documents
        let documents = ReviewDocumentSource { body in
            for document in records.withoutTexts {
                try body(ReviewDocument(
                    docID: document.docID, path: document.path, title: document.title, mediaType: document.mediaType,
                    facts: document.facts.count, problems: problems[document.path] ?? [], sourceLink: sourceLink(forDocumentAt: document.path)),
                    document.facts)
            }
        }
        let summary = ReviewSummary(
            documents: records.count, facts: dataset.overview.facts, spans: dataset.overview.spans,
            errors: dataset.diagnostics.count { $0.severity == .error }, warnings: dataset.diagnostics.count { $0.severity == .warning },
            checks: Dictionary(uniqueKeysWithValues: CheckResult.Status.allCases.compactMap { status in
                report.count(status) > 0 ? (status, report.count(status)) : nil
            }))
        return IndexPage(
            summary: summary, documents: documents, facts: FactSource(dataset.documents), checks: checks, ruleSet: dataset.ruleSet,
            otherProblems: otherProblems)
    }

    /// The source file as a link from the review folder. Document paths are relative to the folder assay ran in
    /// (absolute when the corpus lies elsewhere), and the output folder is taken to be in that folder, as `Output/`
    /// is beside `Corpus/`: `Corpus/x.html` becomes `../../Corpus/x.html`. An absolute path becomes a `file://` URL.
    /// Never computed from where the output happens to be written, so the pages are the same bytes wherever the
    /// dataset is built (`assay build --check` renders without a destination).
    public static func sourceLink(forDocumentAt path: String) -> String {
        path.hasPrefix("/") ? "file://" + Evidence.percentEncodedPath(path) : "../../" + Evidence.percentEncodedPath(path)
    }

    /// `review/<doc_id>.html#<span_id>`, relative to the dataset folder: the `review` column of `data/spans.csv`.
    public static func spanLink(docID: String, spanID: String) -> String {
        DocumentPage.path(docID: docID) + "#" + spanID
    }

    /// `review/index.html#<result_id>`, relative to the dataset folder: the `review` column of `data/check_results.csv`.
    public static func resultLink(_ resultID: String) -> String {
        IndexPage.path + "#" + resultID
    }
}
