/// The lightweight values the review pages are rendered from, so a page needs neither the whole `Dataset` nor a
/// `NormalizedDocument`: a writer that streams documents can render each page from what it read back from disk.

/// What the pages need of the rule set: its fact types in name order (each type's colour is its position in that
/// order, in `ReviewStyle.palette`, so the colours follow the rule files, never a domain's names) and the name of
/// the attribution field (`programme`).
public struct ReviewVocabulary: Sendable, Hashable {
    public var types: [String]
    /// The attribution field as the rule files name it (`programme`), shown as a column and a tooltip line.
    public var subjectField: String

    public init(_ ruleSet: RuleSet) {
        types = ruleSet.types.keys.sorted()
        subjectField = ruleSet.attribution?.field ?? "subject"
    }

    /// `t0` … `t7`: the palette class of a type; `t7` (grey) for a type the rule set does not declare.
    func colourClass(_ type: String) -> String {
        guard let index = types.firstIndex(of: type) else { return "t\(ReviewStyle.palette.count - 1)" }
        return "t\(index % ReviewStyle.palette.count)"
    }

    /// A type's label: its name on its colour.
    func tag(_ type: String) -> String {
        "<span class=\"tag \(colourClass(type))\">\(HTMLEscape.escape(type))</span>"
    }
}

/// One check result as the pages show it: its id (`c-…`, as in `data/check_results.csv`), status, message, and
/// the words on each side with the span ids they are anchored at.
///
/// A view of the report's result, not a copy: it holds the report's arrays and a position, and makes the words on
/// each side (`evidence`) when a page shows them. The pages index every result by document and by fact, and a
/// copy of each result's evidence in each index grew with the corpus several times over.
public struct ReviewCheck: Sendable, Hashable {
    public struct Evidence: Sendable, Hashable {
        /// The side of the check: `part`, `total`, `count`, `item` …
        public var role: String
        public var factID: String
        public var attribute: String
        /// For a list item: its position in the list, from 1.
        public var item: Int?
        public var docID: String
        public var documentPath: String
        public var spanID: String
        public var exact: String
        public var line: Int?

        init(_ link: CheckResult.Link) {
            let evidence = link.evidence
            self.init(
                role: link.role, factID: link.factID, attribute: link.attribute, item: link.item, docID: evidence.docID,
                documentPath: evidence.document, spanID: DatasetTables.spanID(evidence), exact: evidence.exact, line: evidence.line)
        }

        init(
            role: String, factID: String, attribute: String, item: Int?, docID: String, documentPath: String, spanID: String,
            exact: String, line: Int?
        ) {
            (self.role, self.factID, self.attribute, self.item, self.docID) = (role, factID, attribute, item, docID)
            (self.documentPath, self.spanID, self.exact, self.line) = (documentPath, spanID, exact, line)
        }
    }

    private let results: [CheckResult]
    private let ids: [String]
    private let position: Int
    /// On a document's page: that document and the positions of the result's links into it. A corpus-wide result
    /// links thousands of facts; each page finding its own among them made the pages quadratic in the corpus.
    private var scope: (docID: String, links: [Int])?

    /// `id` is the result's id, computed once by the caller (`CheckResult.id` hashes every link on each call).
    public init(_ result: CheckResult, id: String) {
        (results, ids, position) = ([result], [id], 0)
    }

    /// The report's result at `position`, sharing the report's storage.
    init(_ report: ValidationReport, at position: Int) {
        (results, ids, self.position) = (report.results, report.resultIDs, position)
    }

    var result: CheckResult { results[position] }
    public var id: String { ids[position] }
    public var checkID: String { result.checkID }
    public var status: CheckResult.Status { result.status }
    public var severity: Check.Severity { result.severity }
    public var subject: String? { result.subject }
    public var message: String { result.message }
    /// The words on each side, in the order the result names them.
    public var evidence: [Evidence] { result.links.map(Evidence.init) }

    /// The words on each side that are in one document.
    func evidence(in docID: String) -> [Evidence] {
        if let scope, scope.docID == docID { return scope.links.map { Evidence(result.links[$0]) } }
        return result.links.filter { $0.fact.source.docID == docID }.map(Evidence.init)
    }

    /// The result as one document's page shows it: `links` are the positions of its links into that document.
    func scoped(to docID: String, links: [Int]) -> ReviewCheck {
        var scoped = self
        scoped.scope = (docID, links)
        return scoped
    }

    /// The result once per document it links into, scoped to that document, in the order the links name them.
    var byDocument: [(docID: String, check: ReviewCheck)] {
        var order: [String] = []
        var positions: [String: [Int]] = [:]
        for (index, link) in result.links.enumerated() {
            let docID = link.fact.source.docID
            if positions[docID] == nil { order.append(docID) }
            positions[docID, default: []].append(index)
        }
        return order.map { ($0, scoped(to: $0, links: positions[$0]!)) }
    }

    var evidenceCount: Int { result.links.count }

    /// The documents of the words on each side, each once, in the order the result names them.
    var docIDs: [String] { result.links.map(\.fact.source.docID).uniqued() }

    /// The facts compared (each once, in the order the result names them); with `docID`, those in that document.
    func factIDs(in docID: String?) -> [String] {
        if let docID, let scope, scope.docID == docID { return scope.links.map { result.links[$0].factID }.uniqued() }
        return result.links.filter { docID == nil || $0.fact.source.docID == docID }.map(\.factID).uniqued()
    }

    public static func == (a: ReviewCheck, b: ReviewCheck) -> Bool {
        a.id == b.id && a.result == b.result
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }

    /// A failed result, or one that could not be evaluated: its spans are marked on the document pages.
    public var isFailing: Bool { status == .fail || status == .error }

    /// Results worst first (fail, error, pass, skipped), in their given order within a status.
    static func worstFirst(_ checks: [ReviewCheck]) -> [ReviewCheck] {
        checks.enumerated().sorted { ($0.element.status, $0.offset) < ($1.element.status, $1.offset) }.map(\.element)
    }

    /// `<span class="tag status-fail">fail</span>`.
    static func tag(_ status: String) -> String {
        "<span class=\"tag status-\(HTMLEscape.escape(status))\">\(HTMLEscape.escape(status))</span>"
    }
}

/// One document as the index lists it.
public struct ReviewDocument: Sendable, Hashable {
    public var docID: String
    public var path: String
    public var title: String?
    public var mediaType: MediaType
    public var facts: Int
    /// The document's problems of error and warning severity, as `errors.jsonl` has them: "error: message".
    public var problems: [Problem]
    /// The source file, relative to the review folder (see `ReviewPages.sourceLink(forDocumentAt:)`).
    public var sourceLink: String

    public struct Problem: Sendable, Hashable {
        public var severity: Diagnostic.Severity
        public var message: String
        public var line: Int?
    }

    public var errors: Int { problems.count { $0.severity == .error } }
    public var warnings: Int { problems.count { $0.severity == .warning } }
}

/// The run's counts, for the top of the index.
public struct ReviewSummary: Sendable, Hashable {
    public var documents: Int
    public var facts: Int
    public var spans: Int
    public var errors: Int
    public var warnings: Int
    public var checks: [CheckResult.Status: Int]
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
