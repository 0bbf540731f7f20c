/// `review/index.html`: the run's summary, every check result (failures first, each anchored at its result id and
/// linking to every span it compared), every fact in a table that can be filtered, and the documents with their
/// fact counts and problems.
///
/// Input: plain arrays of lightweight values (the documents, the facts, the check results) and the run's counts,
/// never the documents' texts. Output: one HTML file. The filter is a small inline script that only hides rows:
/// without script the form stays hidden and every row is shown. It reads initial values from the query string
/// (`index.html?type=count&programme=…`, one parameter per select: `type`, the attribution field, `attribute`,
/// `check`).
public struct IndexPage: Sendable {
    public var summary: ReviewSummary
    public var documents: [ReviewDocument]
    /// Every fact, in document order, given one at a time: a corpus's facts are read from its records as the page
    /// is written, never held together.
    public var facts: FactSource
    /// Read whole for the sections of results, and a document's at a time for the fact table's rows.
    public var checks: ReviewResults
    public var vocabulary: ReviewVocabulary
    /// Problems with files that have no page (a file that could not be read), and with no file at all.
    public var otherProblems: [(file: String?, problem: ReviewDocument.Problem)]

    public init(
        summary: ReviewSummary, documents: [ReviewDocument], facts: FactSource, checks: ReviewResults, ruleSet: RuleSet,
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

    public var file: DatasetFile { DatasetFile(path: Self.path, bytes: Array(html().utf8)) }

    func html() -> String {
        var out = ""
        try? write { out += $0 }
        return out
    }

    /// The value a fact's row holds for the check filter: its worst result's status, or `unchecked`.
    static let unchecked = "unchecked"
    /// The value a fact's row holds for the attribution filter when it has no subject.
    static let noSubject = "(none)"

    /// The query parameter of the attribution select: the field's name, unless another select has it.
    var subjectParameter: String {
        ["type", "attribute", "check"].contains(vocabulary.subjectField) ? "subject" : vocabulary.subjectField
    }

    /// The page, a piece at a time.
    func write(to out: (String) throws -> Void) throws {
        try out(ReviewStyle.head(title: "assay review", script: ReviewStyle.filterScript))
        var body = "<main>\n<h1>Review</h1>\n"
        body += "<p class=\"meta\">Every fact with the words it was read from, and every check. "
        body += "Each document's page shows its text with the facts highlighted. <a href=\"../README.md\">About the dataset</a></p>\n"
        body += "<nav aria-label=\"Sections\"><a href=\"#documents\">Documents</a> · <a href=\"#failed-checks\">Failed checks</a> · "
        body += "<a href=\"#facts-heading\">Facts</a> · <a href=\"#other-checks\">Passed and skipped checks</a></nav>\n"
        let table = FactTable(vocabulary: vocabulary, page: nil, checks: [])
        body += summarySection() + documentsSection()
        try out(body)
        try failingSection(table, to: out)
        try factsSection(table, to: out)
        try otherResultsSection(table, to: out)
        try out("</main>\n" + ReviewStyle.tail(script: ReviewStyle.filterScript))
    }

    private func summarySection() -> String {
        let items: [(String, Int)] = [
            ("documents", summary.documents), ("facts", summary.facts), ("spans", summary.spans), ("errors", summary.errors),
            ("warnings", summary.warnings), ("checks passed", summary.checks[.pass] ?? 0), ("checks failed", summary.checks[.fail] ?? 0),
            ("checks in error", summary.checks[.error] ?? 0), ("checks skipped", summary.checks[.skipped] ?? 0),
        ]
        var out = "<h2 id=\"summary\">Summary</h2>\n<dl class=\"summary\">"
        for (name, count) in items { out += "<div><dt>\(name)</dt><dd>\(count)</dd></div>" }
        return out + "</dl>\n"
    }

    /// Failed and unevaluable results in full, worst first; each anchored at its result id.
    private func failingSection(_ table: FactTable, to write: (String) throws -> Void) throws {
        try write("<h2 id=\"failed-checks\">Failed checks</h2>\n")
        if !checks.contains(Self.failing) { try write("<p>No check failed or could not be evaluated.</p>\n") }
        try checks.forEach(Self.failing) { try write(table.article($0)) }
    }

    /// Every other result (passed, skipped), one table row each, anchored at its result id.
    private func otherResultsSection(_ table: FactTable, to write: (String) throws -> Void) throws {
        var out = "<h2 id=\"other-checks\">Passed and skipped checks</h2>\n"
        guard checks.contains(Self.others) else { return try write(out + "<p>None.</p>\n") }
        out += """
            <div class="wrap"><table>
            <thead><tr><th scope="col">status</th><th scope="col">check</th><th scope="col">\(HTMLEscape.escape(vocabulary.subjectField))</th>\
            <th scope="col">finding</th><th scope="col">words compared</th></tr></thead>
            <tbody>

            """
        try write(out)
        try checks.forEach(Self.others) { check in
            var out = "<tr id=\"\(HTMLEscape.escape(check.id))\"><td>\(ReviewCheck.tag(check.status.rawValue))</td>"
            out += "<td><code>\(HTMLEscape.escape(check.checkID))</code> <span class=\"meta\">(\(check.severity.rawValue) severity)</span></td>"
            out += "<td>\(HTMLEscape.escape(check.subject ?? ""))</td><td>\(HTMLEscape.escape(check.message))</td><td>"
            out += check.evidence.map(table.evidenceLink).joined(separator: "<br>") + "</td></tr>\n"
            try write(out)
        }
        try write("</tbody>\n</table></div>\n")
    }

    /// The statuses of the failing results, worst first, and of the others (`ReviewCheck.worstFirst`).
    private static let failing: [CheckResult.Status] = [.fail, .error], others: [CheckResult.Status] = [.pass, .skipped]

    /// Every fact, with the filter form (shown by the script) above; each row carries the values it is filtered by.
    /// The results that compared a fact are looked up among its document's, read when its first fact comes.
    private func factsSection(_ table: FactTable, to write: (String) throws -> Void) throws {
        var current: (docID: String, table: FactTable, worst: [String: CheckResult.Status])?
        func lookup(_ fact: Fact) -> (table: FactTable, worst: [String: CheckResult.Status]) {
            let docID = fact.evidence.docID
            if let current, current.docID == docID { return (current.table, current.worst) }
            let table = FactTable(vocabulary: vocabulary, page: nil, checks: checks.checks(in: docID))
            let worst = table.results.compactMapValues { $0.map(\.status).min() }
            current = (docID, table, worst)
            return (table, worst)
        }
        let names = Dictionary(documents.map { ($0.docID, $0.path) }, uniquingKeysWith: { first, _ in first })
        func status(_ fact: Fact) -> String { lookup(fact).worst[fact.id]?.rawValue ?? Self.unchecked }
        func subject(_ fact: Fact) -> String { fact.subject ?? Self.noSubject }

        var out = "<h2 id=\"facts-heading\">Facts</h2>\n"
        out += "<form class=\"filters\" id=\"filters\" hidden aria-label=\"Filter the facts\">\n"
        let statusOrder = CheckResult.Status.allCases.sorted().map(\.rawValue) + [Self.unchecked]
        var types: Set<String> = [], subjects: Set<String> = [], attributes: Set<String> = [], statuses: Set<String> = []
        var count = 0
        try facts.forEach { fact in
            count += 1
            types.insert(fact.type)
            subjects.insert(subject(fact))
            attributes.insert(fact.attribute)
            statuses.insert(status(fact))
        }
        let filters: [(name: String, key: String, label: String, values: [String])] = [
            ("type", "type", "type", vocabulary.types.filter(types.contains)),
            (subjectParameter, "subject", vocabulary.subjectField, subjects.sorted()),
            ("attribute", "attribute", "attribute", attributes.sorted()),
            ("check", "check", "check status", statusOrder.filter(statuses.contains)),
        ]
        for filter in filters {
            out += "<label>\(HTMLEscape.escape(filter.label)) <select name=\"\(HTMLEscape.escape(filter.name))\" data-key=\"\(filter.key)\">"
            out += "<option value=\"\">all</option>"
            for value in filter.values { out += "<option>\(HTMLEscape.escape(value))</option>" }
            out += "</select></label>\n"
        }
        out += "</form>\n<p id=\"shown\" aria-live=\"polite\">\(count) facts</p>\n"
        let document: (header: String, cell: (Fact) -> String) = ("document", { fact in
            let docID = fact.evidence.docID
            let name = (names[docID] ?? fact.evidence.document).split(separator: "/").last.map(String.init) ?? ""
            return "<a href=\"\(HTMLEscape.escape(docID)).html\">\(HTMLEscape.escape(name))</a>"
        })
        try write(out + table.header(id: "facts", leading: document.header))
        try facts.forEach { fact in
            try write(lookup(fact).table.row(fact, leading: document.cell) { fact in
                "data-type=\"\(HTMLEscape.escape(fact.type))\" data-subject=\"\(HTMLEscape.escape(subject(fact)))\" "
                    + "data-attribute=\"\(HTMLEscape.escape(fact.attribute))\" data-check=\"\(status(fact))\""
            })
        }
        try write(table.footer)
    }

    private func documentsSection() -> String {
        var out = """
            <h2 id="documents">Documents</h2>
            <div class="wrap"><table>
            <thead><tr><th scope="col">document</th><th scope="col">path</th><th scope="col">type</th><th scope="col" class="num">facts</th>\
            <th scope="col" class="num">errors</th><th scope="col" class="num">warnings</th><th scope="col">problems</th><th scope="col">files</th></tr></thead>
            <tbody>

            """
        for document in documents {
            out += "<tr id=\"\(HTMLEscape.escape(document.docID))\"><td><a href=\"\(HTMLEscape.escape(document.docID)).html\">"
            out += "\(HTMLEscape.escape(document.title ?? document.path))</a></td><td><code>\(HTMLEscape.escape(document.path))</code></td>"
            out += "<td>\(HTMLEscape.escape(document.mediaType.rawValue))</td><td class=\"num\">\(document.facts)</td>"
            out += "<td class=\"num\">\(document.errors)</td><td class=\"num\">\(document.warnings)</td><td>"
            out += Self.problemList(document.problems.map { (nil, $0) })
            out += "</td><td><a href=\"\(HTMLEscape.escape(document.sourceLink))\">source</a> · "
            out += "<a href=\"../text/\(HTMLEscape.escape(document.docID)).txt\">text</a></td></tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        if !otherProblems.isEmpty {
            out += "<h2 id=\"problems\">Other problems</h2>\n" + Self.problemList(otherProblems)
        }
        return out
    }

    static func problemList(_ problems: [(file: String?, problem: ReviewDocument.Problem)]) -> String {
        guard !problems.isEmpty else { return "" }
        var out = "<ul class=\"problems\">"
        for (file, problem) in problems {
            out += "<li><strong>\(problem.severity.rawValue)</strong>: "
            if let file { out += "<code>\(HTMLEscape.escape(file))</code>: " }
            out += HTMLEscape.escape(problem.message)
            if let line = problem.line { out += " (line \(line))" }
            out += "</li>"
        }
        return out + "</ul>"
    }
}

/// Facts handed over one at a time, in order, read from a dataset's records as they are needed.
public struct FactSource: Sendable {
    public let forEach: @Sendable (_ body: (Fact) throws -> Void) throws -> Void

    public init(_ documents: DocumentRecords) {
        forEach = { body in
            for document in documents { try document.facts.forEach(body) }
        }
    }
}
