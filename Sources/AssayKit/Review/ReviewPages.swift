import Dispatch

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

    /// Writes the pages into `sink` one at a time, reading each document's record when its page is made. Pages are
    /// made `jobs` at a time, a batch at a time, and written in document order, so the bytes do not depend on `jobs`.
    static func write(_ dataset: Dataset, into sink: DatasetSink, jobs: Int = 1) throws {
        let report = dataset.validation
        let checks = ReviewResults(report)
        var problems: [String: [ReviewDocument.Problem]] = [:]
        var otherProblems: [(file: String?, problem: ReviewDocument.Problem)] = []
        let paths = Set(dataset.overview.paths)
        for diagnostic in dataset.diagnostics where diagnostic.severity != .note {
            let problem = ReviewDocument.Problem(severity: diagnostic.severity, message: diagnostic.message, line: diagnostic.location?.line)
            if let file = diagnostic.location?.file, paths.contains(file) {
                problems[file, default: []].append(problem)
            } else {
                otherProblems.append((diagnostic.location?.file, problem))
            }
        }
        var documents: [ReviewDocument] = []
        var spans = 0
        let records = dataset.documents, batch = 8 * max(1, jobs)
        let problemsOf = problems
        for start in stride(from: 0, to: records.count, by: batch) {
            let positions = Array(start..<min(start + batch, records.count))
            let made = ResultSlots<(file: DatasetFile, spans: Int, summary: ReviewDocument)>(count: positions.count)
            let work: @Sendable (Int) -> Void = { slot in
                let document = records[positions[slot]]
                let page = DocumentPage(
                    docID: document.docID, path: document.path, title: document.title, mediaType: document.mediaType,
                    text: document.text, facts: document.facts, checks: checks.checks(in: document.docID),
                    ruleSet: dataset.ruleSet, sourceLink: sourceLink(forDocumentAt: document.path))
                made[slot] = (page.file, page.spans().count, ReviewDocument(
                    docID: document.docID, path: document.path, title: document.title, mediaType: document.mediaType,
                    facts: document.facts.count, problems: problemsOf[document.path] ?? [], sourceLink: page.sourceLink))
            }
            if jobs <= 1 { positions.indices.forEach(work) } else { DispatchQueue.concurrentPerform(iterations: positions.count, execute: work) }
            for page in made.values {
                try sink.file(page.file.path, bytes: page.file.bytes)
                spans += page.spans
                documents.append(page.summary)
            }
        }
        let summary = ReviewSummary(
            documents: documents.count, facts: dataset.overview.facts, spans: spans,
            errors: dataset.diagnostics.count { $0.severity == .error }, warnings: dataset.diagnostics.count { $0.severity == .warning },
            checks: Dictionary(uniqueKeysWithValues: CheckResult.Status.allCases.compactMap { status in
                report.count(status) > 0 ? (status, report.count(status)) : nil
            }))
        let index = IndexPage(
            summary: summary, documents: documents, facts: FactSource(dataset.documents), checks: checks, ruleSet: dataset.ruleSet,
            otherProblems: otherProblems)
        try sink.file(IndexPage.path) { out in try index.write(to: out.write) }
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
