/// The table of facts both kinds of page show, one row per fact: type (label), attribute, value, attribution,
/// qualifiers, words (a link to the span, and to each list item), rule, and the check results that compared it.
///
/// `page` says where the table is: a document's id on that document's page (links to spans stay on the page, links
/// to results go to the index), nil on the index (links to spans name the document's page).
struct FactTable {
    var vocabulary: ReviewVocabulary
    var page: String?
    /// Results by the facts they compared, in result order.
    var results: [String: [ReviewCheck]]

    init(vocabulary: ReviewVocabulary, page: String?, checks: [ReviewCheck]) {
        self.vocabulary = vocabulary
        self.page = page
        var results: [String: [ReviewCheck]] = [:]
        for check in checks {
            // On a document page only its own facts have rows: a corpus-wide result's other evidence is not indexed.
            for factID in check.factIDs(in: page) {
                results[factID, default: []].append(check)
            }
        }
        self.results = results
    }

    /// `#s-…` on the span's own page, `<doc_id>.html#s-…` elsewhere.
    func spanHref(_ evidence: Evidence) -> String {
        let fragment = "#" + DatasetTables.spanID(evidence)
        return evidence.docID == page ? fragment : "\(evidence.docID).html\(fragment)"
    }

    /// `#c-…` on the index, `index.html#c-…` on a document page.
    func resultHref(_ check: ReviewCheck) -> String {
        (page == nil ? "#" : "index.html#") + check.id
    }

    /// The table; `leading` gives a first column (its header and each row's cell), `row` each row's attributes.
    func html(_ facts: [Fact], id: String? = nil, leading: (header: String, cell: (Fact) -> String)? = nil, row: (Fact) -> String) -> String {
        var out = header(id: id, leading: leading?.header)
        for fact in facts { out += self.row(fact, leading: leading?.cell, attributes: row) }
        return out + footer
    }

    func header(id: String?, leading: String?) -> String {
        var out = "<div class=\"wrap\"><table\(id.map { " id=\"\($0)\"" } ?? "")>\n<thead><tr>"
        if let leading { out += "<th scope=\"col\">\(HTMLEscape.escape(leading))</th>" }
        for header in ["type", "attribute", "value", vocabulary.subjectField, "qualifiers", "words", "rule", "checks"] {
            out += "<th scope=\"col\">\(HTMLEscape.escape(header))</th>"
        }
        return out + "</tr></thead>\n<tbody>\n"
    }

    var footer: String { "</tbody>\n</table></div>\n" }

    /// One fact's row.
    func row(_ fact: Fact, leading: ((Fact) -> String)?, attributes row: (Fact) -> String) -> String {
        var out = "<tr \(row(fact))>"
        if let leading { out += "<td>\(leading(fact))</td>" }
        out += "<td>\(vocabulary.tag(fact.type))</td><td>\(HTMLEscape.escape(fact.attribute))</td>"
        out += "<td>\(HTMLEscape.escape(fact.value.description))</td><td>\(HTMLEscape.escape(fact.subject ?? ""))</td>"
        out += "<td>\(HTMLEscape.escape(Self.qualifiers(fact)))</td>"
        out += "<td><a href=\"\(HTMLEscape.escape(spanHref(fact.evidence)))\">\(HTMLEscape.escape(fact.evidence.exact))</a>"
        if let items = fact.items, !items.isEmpty {
            out += "<br>items: " + items.enumerated().map { index, item in
                "<a href=\"\(HTMLEscape.escape(spanHref(item)))\" title=\"\(HTMLEscape.escape(item.exact))\">\(index + 1)</a>"
            }.joined(separator: " ")
        }
        out += "</td><td class=\"nowrap\"><code>\(HTMLEscape.escape(fact.ruleID))</code></td><td class=\"checks\">"
        out += (results[fact.id] ?? []).map { check in
            "<a href=\"\(HTMLEscape.escape(resultHref(check)))\">\(ReviewCheck.tag(check.status.rawValue)) \(HTMLEscape.escape(check.checkID))</a>"
        }.joined()
        out += "</td></tr>\n"
        return out
    }

    /// A check result in full: status, check, severity, attribution, message, and a link to every span it
    /// compared. On the index it is anchored at its result id; on a document page its check links to it there.
    func article(_ check: ReviewCheck) -> String {
        var out = "<article class=\"result status-\(check.status.rawValue)\"\(page == nil ? " id=\"\(HTMLEscape.escape(check.id))\"" : "")>\n"
        out += "<p>\(ReviewCheck.tag(check.status.rawValue)) "
        let name = "<code>\(HTMLEscape.escape(check.checkID))</code>"
        out += page == nil ? name : "<a href=\"\(HTMLEscape.escape(resultHref(check)))\">\(name)</a>"
        out += " <span class=\"meta\">(\(check.severity.rawValue) severity)</span>"
        if let subject = check.subject { out += " · \(HTMLEscape.escape(vocabulary.subjectField)): \(HTMLEscape.escape(subject))" }
        // On a document page only this document's words, and the message cut short: a result across the corpus
        // would otherwise repeat its every fact on every page it touches (quadratic in the corpus).
        let shown = page.map(check.evidence(in:)) ?? check.evidence
        let message = page == nil || check.message.count <= Self.messageLimit ? check.message : check.message.prefix(Self.messageLimit) + "…"
        out += "</p>\n<p>\(HTMLEscape.escape(message))</p>\n"
        if !shown.isEmpty { out += "<ul>" + shown.map { "<li>\(evidenceLink($0))</li>" }.joined() + "</ul>\n" }
        if shown.count < check.evidenceCount {
            let others = check.evidenceCount - shown.count
            out += "<p class=\"meta\">and \(others) more in other documents: <a href=\"\(HTMLEscape.escape(resultHref(check)))\">the whole result</a></p>\n"
        }
        return out + "</article>\n"
    }

    /// "total (total_sites): <a>25</a> Corpus/x.txt, line 12", linking to the span.
    func evidenceLink(_ evidence: ReviewCheck.Evidence) -> String {
        let href = (evidence.docID == page ? "" : "\(evidence.docID).html") + "#\(evidence.spanID)"
        let place = evidence.documentPath + (evidence.line.map { ", line \($0)" } ?? "")
        var out = HTMLEscape.escape(evidence.role)
        if let item = evidence.item { out += " \(item)" }
        out += " (\(HTMLEscape.escape(evidence.attribute))): <a href=\"\(HTMLEscape.escape(href))\">\(HTMLEscape.escape(evidence.exact))</a> "
        return out + "<span class=\"meta\">\(HTMLEscape.escape(place))</span>"
    }

    /// Characters of a result's message a document page shows (the index shows it whole).
    static let messageLimit = 300

    static func qualifiers(_ fact: Fact) -> String {
        fact.qualifiers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.description)" }.joined(separator: ", ")
    }
}
