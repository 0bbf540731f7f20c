/// The lightweight values the review pages are rendered from, so a page needs neither the whole `Dataset` nor a
/// `NormalizedDocument`: a writer that streams documents can render each page from what it read back from disk.

/// What the pages need of the rule set: its fact types in name order (each type's colour is its position in that
/// order, in `ReviewStyle.palette`, so the colours follow the rule files, never a domain's names) and the name of
/// the attribution field (`programme`).
public struct ReviewVocabulary: Sendable, Hashable {
    public let types: [String]
    /// The attribution field as the rule files name it (`programme`), shown as a column and a tooltip line.
    public let subjectField: String
    /// Each type's label (`tag`), in `types` order: made once, as every fact's row and the legend show one.
    private let tags: [[UInt8]]
    /// `subjectField`, escaped, for the tooltip line every fact has.
    let escapedSubjectField: [UInt8]

    public init(_ ruleSet: RuleSet) {
        let types = ruleSet.types.keys.sorted()
        self.types = types
        subjectField = ruleSet.attribution?.field ?? "subject"
        tags = types.indices.map { Self.tag(types[$0], colourClass: Self.colourClass(at: $0)) }
        var field = HTMLBuffer()
        field.escaped(subjectField)
        escapedSubjectField = field.bytes
    }

    /// `t0` … `t7`: the palette class of a type; `t7` (grey) for a type the rule set does not declare.
    func colourClass(_ type: String) -> String {
        Self.colourClass(at: types.firstIndex(of: type))
    }

    private static func colourClass(at index: Int?) -> String {
        guard let index else { return "t\(ReviewStyle.palette.count - 1)" }
        return "t\(index % ReviewStyle.palette.count)"
    }

    /// A type's label: its name on its colour.
    func tag(_ type: String, into out: inout HTMLBuffer) {
        if let index = types.firstIndex(of: type) {
            out.append(tags[index])
        } else {
            out.append(Self.tag(type, colourClass: colourClass(type)))
        }
    }

    private static func tag(_ type: String, colourClass: String) -> [UInt8] {
        var out = HTMLBuffer()
        out.append("<span class=\"tag \(colourClass)\">")
        out.escaped(type)
        out.append("</span>")
        return out.bytes
    }
}

/// One check result as the pages show it: its id (`c-…`, as in `data/check_results.csv`), status, message, and
/// the words on each side with the span ids they are anchored at.
///
/// A document page's results are cut down to the links in that document (see `ReviewResults`), keeping the number
/// of links of the whole result: a corpus-wide result links thousands of facts, and each page shows its own.
/// The words on each side (`evidence`) are made when a page shows them.
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

        /// `spanIDs`: span ids made already, by offsets, for words in one document (a page's).
        init(_ link: CheckResult.Link, spanIDs: [Range<Int>: String] = [:]) {
            let evidence = link.evidence
            self.init(
                role: link.role, factID: link.factID, attribute: link.attribute, item: link.item, docID: evidence.docID,
                documentPath: evidence.document, spanID: spanIDs[evidence.start..<evidence.end] ?? DatasetTables.spanID(evidence),
                exact: evidence.exact, line: evidence.line)
        }

        init(
            role: String, factID: String, attribute: String, item: Int?, docID: String, documentPath: String, spanID: String,
            exact: String, line: Int?
        ) {
            (self.role, self.factID, self.attribute, self.item, self.docID) = (role, factID, attribute, item, docID)
            (self.documentPath, self.spanID, self.exact, self.line) = (documentPath, spanID, exact, line)
        }
    }

    /// The result, or for a document page the result with that document's links only.
    let result: CheckResult
    public let id: String
    /// The links of the whole result.
    let evidenceCount: Int

    /// `id` is the result's id, computed once by the caller (`CheckResult.id` hashes every link on each call).
    public init(_ result: CheckResult, id: String) {
        self.init(result, id: id, evidenceCount: result.links.count)
    }

    init(_ result: CheckResult, id: String, evidenceCount: Int) {
        (self.result, self.id, self.evidenceCount) = (result, id, evidenceCount)
    }

    public var checkID: String { result.checkID }
    public var status: CheckResult.Status { result.status }
    public var severity: Check.Severity { result.severity }
    public var subject: String? { result.subject }
    public var message: String { result.message }
    /// The words on each side, in the order the result names them.
    public var evidence: [Evidence] { result.links.map { Evidence($0) } }

    /// The words on each side that are in one document.
    func evidence(in docID: String) -> [Evidence] {
        result.links.filter { $0.fact.source.docID == docID }.map { Evidence($0) }
    }

    /// The same, taking each span id from `spanIDs` (a document page's, by offsets) when it is there: hashing is
    /// most of making an id.
    func evidence(in docID: String, spanIDs: [Range<Int>: String]) -> [Evidence] {
        result.links.filter { $0.fact.source.docID == docID }.map { Evidence($0, spanIDs: spanIDs) }
    }

    /// The documents of the words on each side, each once, in the order the result names them.
    var docIDs: [String] { result.links.map(\.fact.source.docID).uniqued() }

    /// The facts compared (each once, in the order the result names them); with `docID`, those in that document.
    func factIDs(in docID: String?) -> [String] {
        result.links.filter { docID == nil || $0.fact.source.docID == docID }.map(\.factID).uniqued()
    }

    /// What a fact's row shows of this result, for the facts it compared (with `docID`, those in that document).
    func mark(in docID: String?) -> ReviewMark {
        ReviewMark(id: id, status: status, checkID: checkID, factIDs: factIDs(in: docID))
    }

    public static func == (a: ReviewCheck, b: ReviewCheck) -> Bool {
        a.id == b.id && a.evidenceCount == b.evidenceCount && a.result == b.result
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }

    /// A failed result, or one that could not be evaluated: its spans are marked on the document pages.
    public var isFailing: Bool { status == .fail || status == .error }

    /// Results worst first (fail, error, pass, skipped), in their given order within a status.
    static func worstFirst(_ checks: [ReviewCheck]) -> [ReviewCheck] {
        worstFirstPositions(checks).map { checks[$0] }
    }

    /// The positions of `worstFirst`'s results in `checks`.
    static func worstFirstPositions(_ checks: [ReviewCheck]) -> [Int] {
        checks.indices.sorted { (checks[$0].status, $0) < (checks[$1].status, $1) }
    }

    /// `<span class="tag status-fail">fail</span>`.
    static func tag(_ status: CheckResult.Status, into out: inout HTMLBuffer) {
        out.append(statusTags[status]!)
    }

    /// Every status's label, made once: every result and every check cell of a fact's row shows one.
    private static let statusTags: [CheckResult.Status: [UInt8]] = Dictionary(uniqueKeysWithValues: CheckResult.Status.allCases.map { status in
        var out = HTMLBuffer()
        out.append("<span class=\"tag status-")
        out.escaped(status.rawValue)
        out.append("\">")
        out.escaped(status.rawValue)
        out.append("</span>")
        return (status, out.bytes)
    })
}

/// What the facts' rows show of a check result (a link to it, its status and check) and which facts it compared,
/// each once, in the order the result names them.
///
/// Why apart from `ReviewCheck`: the index's fact table needs only this of every result of every document, twice
/// (the filters' statuses come before the rows), and reading it skips the result's message and words, which are
/// most of reading a result back (`ReviewResults.marks(in:)`).
struct ReviewMark: Equatable {
    let id: String
    let status: CheckResult.Status
    let checkID: String
    let factIDs: [String]
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
