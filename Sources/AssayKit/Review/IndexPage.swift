/// `review/index.html`: the run's summary, every check result (failures first, each anchored at its result id and
/// linking to every span it compared), every fact in a table that can be filtered, and the documents with their
/// fact counts and problems.
///
/// Input: lightweight values (the documents and the facts, each given one at a time; the check results) and the
/// run's counts, never the documents' texts. Output: one HTML file. The filter is a small inline script that only hides rows:
/// without script the form stays hidden and every row is shown. It reads initial values from the query string
/// (`index.html?type=count&programme=…`, one parameter per select: `type`, the attribution field, `attribute`,
/// `check`).
public struct IndexPage: Sendable {
    public var summary: ReviewSummary
    /// Every document, in order, given one at a time: a corpus's are read from its records as the page is written.
    public var documents: ReviewDocumentSource
    /// Every fact, in document order, given one at a time: a corpus's facts are read from its records as the page
    /// is written, never held together.
    public var facts: FactSource
    /// Read whole for the sections of results, and a document's at a time for the fact table's rows.
    public var checks: ReviewResults
    public var vocabulary: ReviewVocabulary
    /// Problems with files that have no page (a file that could not be read), and with no file at all.
    public var otherProblems: [(file: String?, problem: ReviewDocument.Problem)]
    /// The fact table's filters' values, when gathered already from `facts`; else they are gathered as the documents
    /// are listed when `documents` gives each one's facts (read from records, it does), or from `facts` once more.
    var filterValues: FactFilterValues?

    public init(
        summary: ReviewSummary, documents: ReviewDocumentSource, facts: FactSource, checks: ReviewResults, ruleSet: RuleSet,
        otherProblems: [(file: String?, problem: ReviewDocument.Problem)] = []
    ) {
        self.summary = summary
        self.documents = documents
        self.facts = facts
        self.checks = checks
        vocabulary = ReviewVocabulary(ruleSet)
        self.otherProblems = otherProblems
    }

    public static let path = "\(ReviewPages.folder)/index.html"

    public var file: DatasetFile { DatasetFile(path: Self.path, bytes: html().bytes) }

    func html() -> HTMLBuffer {
        var whole = HTMLBuffer()
        try? write { whole.append($0) }
        return whole
    }

    /// The value a fact's row holds for the check filter: its worst result's status, or `unchecked`.
    static let unchecked = "unchecked"
    /// The value a fact's row holds for the attribution filter when it has no subject.
    static let noSubject = "(none)"

    /// The query parameter of the attribution select: the field's name, unless another select has it.
    var subjectParameter: String {
        ["type", "attribute", "check"].contains(vocabulary.subjectField) ? "subject" : vocabulary.subjectField
    }

    /// Hands the page's bytes on to where it goes once a piece's worth has gathered (`HTMLBuffer.flush(to:)`).
    private typealias Flush = (inout HTMLBuffer) throws -> Void

    /// The page, a piece at a time.
    func write(to write: ([UInt8]) throws -> Void) throws {
        var out = HTMLBuffer(capacity: 2 * HTMLBuffer.pieceSize)
        func flush(_ out: inout HTMLBuffer) throws { try out.flush(to: write) }
        ReviewStyle.head(title: "assay review", script: ReviewStyle.filterScript, into: &out)
        out.append("<main>\n<h1>Review</h1>\n")
        out.append("<p class=\"meta\">Every fact with the words it was read from, and every check. ")
        out.append("Each document's page shows its text with the facts highlighted. <a href=\"../README.md\">About the dataset</a></p>\n")
        out.append("<nav aria-label=\"Sections\"><a href=\"#documents\">Documents</a> · <a href=\"#failed-checks\">Failed checks</a> · ")
        out.append("<a href=\"#facts-heading\">Facts</a> · <a href=\"#other-checks\">Passed and skipped checks</a></nav>\n")
        let table = FactTable(vocabulary: vocabulary, page: nil, checks: [])
        summarySection(into: &out)
        let listed = try documentsSection(into: &out, flush)
        try failingSection(table, into: &out, flush)
        try factsSection(table, gathered: filterValues ?? listed, into: &out, flush)
        try otherResultsSection(table, into: &out, flush)
        out.append("</main>\n")
        ReviewStyle.tail(script: ReviewStyle.filterScript, into: &out)
        if !out.isEmpty { try write(out.bytes) }
    }

    private func summarySection(into out: inout HTMLBuffer) {
        let items: [(String, Int)] = [
            ("documents", summary.documents), ("facts", summary.facts), ("spans", summary.spans), ("errors", summary.errors),
            ("warnings", summary.warnings), ("checks passed", summary.checks[.pass] ?? 0), ("checks failed", summary.checks[.fail] ?? 0),
            ("checks in error", summary.checks[.error] ?? 0), ("checks skipped", summary.checks[.skipped] ?? 0),
        ]
        out.append("<h2 id=\"summary\">Summary</h2>\n<dl class=\"summary\">")
        for (name, count) in items {
            out.append("<div><dt>")
            out.append(name)
            out.append("</dt><dd>")
            out.append(count)
            out.append("</dd></div>")
        }
        out.append("</dl>\n")
    }

    /// Failed and unevaluable results in full, worst first; each anchored at its result id.
    private func failingSection(_ table: FactTable, into out: inout HTMLBuffer, _ flush: Flush) throws {
        out.append("<h2 id=\"failed-checks\">Failed checks</h2>\n")
        if !checks.contains(Self.failing) { out.append("<p>No check failed or could not be evaluated.</p>\n") }
        try checks.forEach(Self.failing) { check in
            try table.article(check, into: &out, flush: flush)
            try flush(&out)
        }
    }

    /// Every other result (passed, skipped), one table row each, anchored at its result id.
    private func otherResultsSection(_ table: FactTable, into out: inout HTMLBuffer, _ flush: Flush) throws {
        out.append("<h2 id=\"other-checks\">Passed and skipped checks</h2>\n")
        guard checks.contains(Self.others) else { return out.append("<p>None.</p>\n") }
        out.append("<div class=\"wrap\"><table>\n<thead><tr><th scope=\"col\">status</th><th scope=\"col\">check</th><th scope=\"col\">")
        out.append(vocabulary.escapedSubjectField)
        out.append("</th><th scope=\"col\">finding</th><th scope=\"col\">words compared</th></tr></thead>\n<tbody>\n")
        try checks.forEach(Self.others) { check in
            out.append("<tr id=\"")
            out.escaped(check.id)
            out.append("\"><td>")
            ReviewCheck.tag(check.status, into: &out)
            out.append("</td><td><code>")
            out.escaped(check.checkID)
            out.append("</code> <span class=\"meta\">(")
            out.append(check.severity.rawValue)
            out.append(" severity)</span></td><td>")
            out.escaped(check.subject ?? "")
            out.append("</td><td>")
            out.escaped(check.message)
            out.append("</td><td>")
            for (position, evidence) in check.evidence.enumerated() {
                if position > 0 { out.append("<br>") }
                table.evidenceLink(evidence, into: &out)
            }
            out.append("</td></tr>\n")
            try flush(&out)
        }
        out.append("</tbody>\n</table></div>\n")
    }

    /// The statuses of the failing results, worst first, and of the others (`ReviewCheck.worstFirst`).
    private static let failing: [CheckResult.Status] = [.fail, .error], others: [CheckResult.Status] = [.pass, .skipped]

    /// Every fact, with the filter form (shown by the script) above; each row carries the values it is filtered by.
    ///
    /// Two passes over the facts: the first gathers the filters' values, which come before the rows
    /// (`FactFilterValues`, unless given or gathered as the documents were listed); the results that compared a
    /// fact are looked up among its document's, read when its first fact comes, in the second.
    private func factsSection(_ table: FactTable, gathered given: FactFilterValues?, into out: inout HTMLBuffer, _ flush: Flush) throws {
        let statusNames = FactFilterValues.statusNames
        let gathered: FactFilterValues
        if let given {
            gathered = given
        } else {
            var values = FactFilterValues(capacity: summary.facts)
            try facts.forEach { values.add($0, checks) }
            gathered = values
        }
        let (statusCodes, types, subjects, attributes, statuses) = (
            gathered.statusCodes, gathered.types, gathered.subjects, gathered.attributes, gathered.statuses
        )
        let statusOrder = CheckResult.Status.allCases.sorted().map(\.rawValue) + [Self.unchecked]
        let shownStatuses = Set(statuses.map { statusNames[Int($0)] })
        let filters: [(name: String, key: String, label: String, values: [String])] = [
            ("type", "type", "type", vocabulary.types.filter(types.contains)),
            (subjectParameter, "subject", vocabulary.subjectField, subjects.sorted()),
            ("attribute", "attribute", "attribute", attributes.sorted()),
            ("check", "check", "check status", statusOrder.filter(shownStatuses.contains)),
        ]
        out.append("<h2 id=\"facts-heading\">Facts</h2>\n")
        out.append("<form class=\"filters\" id=\"filters\" hidden aria-label=\"Filter the facts\">\n")
        for filter in filters {
            out.append("<label>")
            out.escaped(filter.label)
            out.append(" <select name=\"")
            out.escaped(filter.name)
            out.append("\" data-key=\"")
            out.append(filter.key)
            out.append("\"><option value=\"\">all</option>")
            for value in filter.values {
                out.append("<option>")
                out.escaped(value)
                out.append("</option>")
            }
            out.append("</select></label>\n")
        }
        out.append("</form>\n<p id=\"shown\" aria-live=\"polite\">")
        out.append(statusCodes.count)
        out.append(" facts</p>\n")
        table.header(id: "facts", leading: "document", into: &out)

        // The table of the current document, and its cell of the first column (a link to its page, by file name).
        var document: (docID: String, table: FactTable, cell: HTMLBuffer)?
        var position = 0
        try facts.forEach { fact in
            let docID = fact.evidence.docID
            if document?.docID != docID {
                var cell = HTMLBuffer()
                cell.append("<a href=\"")
                cell.escaped(docID)
                cell.append(".html\">")
                cell.escaped(fact.evidence.document.split(separator: "/").last.map(String.init) ?? "")
                cell.append("</a>")
                document = (docID, FactTable(vocabulary: vocabulary, page: nil, marks: checks.marks(in: docID)), cell)
            }
            let (table, cell) = (document!.table, document!.cell)
            let status = statusNames[Int(statusCodes[position])]
            position += 1
            table.row(fact, into: &out, leading: { _, out in out.append(cell) }) { fact, out in
                out.append("data-type=\"")
                out.escaped(fact.type)
                out.append("\" data-subject=\"")
                out.escaped(fact.subject ?? Self.noSubject)
                out.append("\" data-attribute=\"")
                out.escaped(fact.attribute)
                out.append("\" data-check=\"")
                out.append(status)
                out.append("\"")
            }
            try flush(&out)
        }
        out.append(FactTable.footer)
    }

    /// The documents' table. Returns the fact table's filters' values when they are still to gather and every
    /// document came with its facts: gathered on the way, so the records are not read once more for them.
    private func documentsSection(into out: inout HTMLBuffer, _ flush: Flush) throws -> FactFilterValues? {
        out.append("""
            <h2 id="documents">Documents</h2>
            <div class="wrap"><table>
            <thead><tr><th scope="col">document</th><th scope="col">path</th><th scope="col">type</th><th scope="col" class="num">facts</th>\
            <th scope="col" class="num">errors</th><th scope="col" class="num">warnings</th><th scope="col">problems</th><th scope="col">files</th></tr></thead>
            <tbody>

            """)
        var values = filterValues == nil ? FactFilterValues(capacity: summary.facts) : nil
        try documents.forEach { document, facts in
            if let facts { for fact in facts { values?.add(fact, checks) } } else { values = nil }
            out.append("<tr id=\"")
            out.escaped(document.docID)
            out.append("\"><td><a href=\"")
            out.escaped(document.docID)
            out.append(".html\">")
            out.escaped(document.title ?? document.path)
            out.append("</a></td><td><code>")
            out.escaped(document.path)
            out.append("</code></td><td>")
            out.escaped(document.mediaType.rawValue)
            out.append("</td><td class=\"num\">")
            out.append(document.facts)
            out.append("</td><td class=\"num\">")
            out.append(document.errors)
            out.append("</td><td class=\"num\">")
            out.append(document.warnings)
            out.append("</td><td>")
            Self.problemList(document.problems.map { (nil, $0) }, into: &out)
            out.append("</td><td><a href=\"")
            out.escaped(document.sourceLink)
            out.append("\">source</a> · <a href=\"../text/")
            out.escaped(document.docID)
            out.append(".txt\">text</a></td></tr>\n")
            try flush(&out)
        }
        out.append("</tbody>\n</table></div>\n")
        if !otherProblems.isEmpty {
            out.append("<h2 id=\"problems\">Other problems</h2>\n")
            Self.problemList(otherProblems, into: &out)
        }
        return values
    }

    static func problemList(_ problems: [(file: String?, problem: ReviewDocument.Problem)], into out: inout HTMLBuffer) {
        guard !problems.isEmpty else { return }
        out.append("<ul class=\"problems\">")
        for (file, problem) in problems {
            out.append("<li><strong>")
            out.append(problem.severity.rawValue)
            out.append("</strong>: ")
            if let file {
                out.append("<code>")
                out.escaped(file)
                out.append("</code>: ")
            }
            out.escaped(problem.message)
            if let line = problem.line {
                out.append(" (line ")
                out.append(line)
                out.append(")")
            }
            out.append("</li>")
        }
        out.append("</ul>")
    }
}

/// What the index's fact table filters by, gathered from every fact before the table: the filters' values come
/// first, and each fact's status (its worst result's, for its row and the check filter), kept a byte per fact in
/// fact order. The results that compared a fact are looked up among its document's, read when its first fact comes.
struct FactFilterValues {
    /// The statuses by code, `unchecked` last.
    static let statusNames = CheckResult.Status.allCases.map(\.rawValue) + [IndexPage.unchecked]
    private static let uncheckedCode = UInt8(statusNames.count - 1)

    private(set) var statusCodes: [UInt8] = []
    private(set) var types: Set<String> = [], subjects: Set<String> = [], attributes: Set<String> = [], statuses: Set<UInt8> = []
    private var current: (docID: String, worst: [String: UInt8])?

    init(capacity: Int) {
        statusCodes.reserveCapacity(capacity)
    }

    /// The next fact, in document order.
    mutating func add(_ fact: Fact, _ checks: ReviewResults) {
        let docID = fact.evidence.docID
        if current?.docID != docID {
            var worst: [String: CheckResult.Status] = [:]
            for mark in checks.marks(in: docID) {
                for factID in mark.factIDs { worst[factID] = min(worst[factID] ?? mark.status, mark.status) }
            }
            current = (docID, worst.mapValues { UInt8(CheckResult.Status.allCases.firstIndex(of: $0)!) })
        }
        let code = current!.worst[fact.id] ?? Self.uncheckedCode
        statusCodes.append(code)
        types.insert(fact.type)
        subjects.insert(fact.subject ?? IndexPage.noSubject)
        attributes.insert(fact.attribute)
        statuses.insert(code)
    }
}

/// The index's documents handed over one at a time, in order, each with its facts when it has them at hand.
///
/// Why not an array: a build lists every document of the corpus, and its rows (ids, titles, paths, links) held
/// together were the index's largest part of memory, growing with the corpus (6 MB at 10,000 documents). Read from
/// the records as the table is written, one is held at a time, and its facts, read with it anyway, give the fact
/// table's filters.
public struct ReviewDocumentSource: Sendable {
    let forEach: @Sendable (_ body: (ReviewDocument, [Fact]?) throws -> Void) throws -> Void

    /// Documents already made, without their facts.
    public init(_ documents: [ReviewDocument]) {
        forEach = { body in for document in documents { try body(document, nil) } }
    }

    /// Documents made as they are read, each given with its facts.
    init(_ forEach: @escaping @Sendable (_ body: (ReviewDocument, [Fact]?) throws -> Void) throws -> Void) {
        self.forEach = forEach
    }
}

/// Facts handed over one at a time, in order, read from a dataset's records as they are needed.
public struct FactSource: Sendable {
    public let forEach: @Sendable (_ body: (Fact) throws -> Void) throws -> Void

    /// Reads the records without their texts, and without sharing the facts' names: each fact is let go once
    /// its row is written, and the index reads every record twice.
    public init(_ documents: DocumentRecords) {
        forEach = { body in
            for document in documents.withoutTexts { try document.facts.forEach(body) }
        }
    }
}
