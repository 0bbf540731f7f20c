/// The table of facts both kinds of page show, one row per fact: type (label), attribute, value, attribution,
/// qualifiers, words (a link to the span, and to each list item), rule, and the check results that compared it.
///
/// `page` says where the table is: a document's id on that document's page (links to spans stay on the page, links
/// to results go to the index), nil on the index (links to spans name the document's page).
struct FactTable {
    var vocabulary: ReviewVocabulary
    var page: String?
    /// Results by the facts they compared, in result order.
    var results: [String: [ReviewMark]]

    init(vocabulary: ReviewVocabulary, page: String?, checks: [ReviewCheck]) {
        // On a document page only its own facts have rows: a corpus-wide result's other evidence is not indexed.
        self.init(vocabulary: vocabulary, page: page, marks: checks.map { $0.mark(in: page) })
    }

    init(vocabulary: ReviewVocabulary, page: String?, marks: [ReviewMark]) {
        self.vocabulary = vocabulary
        self.page = page
        var results: [String: [ReviewMark]] = [:]
        for mark in marks {
            for factID in mark.factIDs {
                results[factID, default: []].append(mark)
            }
        }
        self.results = results
    }

    /// `#s-…` on the span's own page, `<doc_id>.html#s-…` elsewhere; escaped, for an attribute.
    func spanHref(_ evidence: Evidence, spanID: String, into out: inout HTMLBuffer) {
        if evidence.docID != page {
            out.escaped(evidence.docID)
            out.append(".html")
        }
        out.append("#")
        out.escaped(spanID)
    }

    /// `#c-…` on the index, `index.html#c-…` on a document page; escaped, for an attribute.
    func resultHref(_ resultID: String, into out: inout HTMLBuffer) {
        out.append(page == nil ? "#" : "index.html#")
        out.escaped(resultID)
    }

    /// The table's head; `leading` names a first column.
    func header(id: String?, leading: String?, into out: inout HTMLBuffer) {
        out.append("<div class=\"wrap\"><table")
        if let id {
            out.append(" id=\"")
            out.append(id)
            out.append("\"")
        }
        out.append(">\n<thead><tr>")
        for header in (leading.map { [$0] } ?? []) + ["type", "attribute", "value", vocabulary.subjectField, "qualifiers", "words", "rule", "checks"] {
            out.append("<th scope=\"col\">")
            out.escaped(header)
            out.append("</th>")
        }
        out.append("</tr></thead>\n<tbody>\n")
    }

    static let footer = "</tbody>\n</table></div>\n"

    /// One fact's row. `attributes` writes the row's attributes, `leading` a first cell's content; `spanID` gives
    /// the span id of a fact's words and of its items (a document page has them made already).
    func row(
        _ fact: Fact, into out: inout HTMLBuffer, spanID: (Evidence) -> String = DatasetTables.spanID,
        leading: ((Fact, inout HTMLBuffer) -> Void)? = nil, attributes: (Fact, inout HTMLBuffer) -> Void
    ) {
        out.append("<tr ")
        attributes(fact, &out)
        out.append(">")
        if let leading {
            out.append("<td>")
            leading(fact, &out)
            out.append("</td>")
        }
        out.append("<td>")
        vocabulary.tag(fact.type, into: &out)
        out.append("</td><td>")
        out.escaped(fact.attribute)
        out.append("</td><td>")
        Self.value(fact.value, into: &out)
        out.append("</td><td>")
        out.escaped(fact.subject ?? "")
        out.append("</td><td>")
        Self.qualifiers(fact, into: &out)
        out.append("</td><td><a href=\"")
        spanHref(fact.evidence, spanID: spanID(fact.evidence), into: &out)
        out.append("\">")
        out.escaped(fact.evidence.exact)
        out.append("</a>")
        if let items = fact.items, !items.isEmpty {
            out.append("<br>items:")
            for (index, item) in items.enumerated() {
                out.append(" <a href=\"")
                spanHref(item, spanID: spanID(item), into: &out)
                out.append("\" title=\"")
                out.escaped(item.exact)
                out.append("\">")
                out.append(index + 1)
                out.append("</a>")
            }
        }
        out.append("</td><td class=\"nowrap\"><code>")
        out.escaped(fact.ruleID)
        out.append("</code></td><td class=\"checks\">")
        for check in results[fact.id] ?? [] {
            out.append("<a href=\"")
            resultHref(check.id, into: &out)
            out.append("\">")
            ReviewCheck.tag(check.status, into: &out)
            out.append(" ")
            out.escaped(check.checkID)
            out.append("</a>")
        }
        out.append("</td></tr>\n")
    }

    /// A check result in full: status, check, severity, attribution, message, and a link to every span it
    /// compared. On the index it is anchored at its result id; on a document page its check links to it there.
    /// `shown` is the words it links, when made already: on a document page only this document's (see below).
    ///
    /// In the index, the whole result's words are listed a link at a time, handing the page on to `flush` every few
    /// hundred: a corpus-wide result compares thousands of facts, and its list made whole (and its HTML) was the
    /// largest thing a build held at 10,000 documents.
    func article(_ check: ReviewCheck, shown: [ReviewCheck.Evidence]? = nil, into out: inout HTMLBuffer) {
        article(check, shown: shown, into: &out, flush: { _ in })
    }

    func article(
        _ check: ReviewCheck, shown: [ReviewCheck.Evidence]? = nil, into out: inout HTMLBuffer,
        flush: (inout HTMLBuffer) throws -> Void
    ) rethrows {
        let shown = shown ?? page.map(check.evidence(in:))
        let shownCount = shown?.count ?? check.result.links.count
        out.append("<article class=\"result status-")
        out.append(check.status.rawValue)
        out.append("\"")
        if page == nil {
            out.append(" id=\"")
            out.escaped(check.id)
            out.append("\"")
        }
        out.append(">\n<p>")
        ReviewCheck.tag(check.status, into: &out)
        out.append(" ")
        if page != nil {
            out.append("<a href=\"")
            resultHref(check.id, into: &out)
            out.append("\">")
        }
        out.append("<code>")
        out.escaped(check.checkID)
        out.append("</code>")
        if page != nil { out.append("</a>") }
        out.append(" <span class=\"meta\">(")
        out.append(check.severity.rawValue)
        out.append(" severity)</span>")
        if let subject = check.subject {
            out.append(" · ")
            out.append(vocabulary.escapedSubjectField)
            out.append(": ")
            out.escaped(subject)
        }
        out.append("</p>\n<p>")
        // On a document page only this document's words, and the message cut short: a result across the corpus
        // would otherwise repeat its every fact on every page it touches (quadratic in the corpus). Where it is cut
        // is found by walking at most that many characters, never the whole message.
        let message = check.message
        if page != nil, let end = message.index(message.startIndex, offsetBy: Self.messageLimit, limitedBy: message.endIndex),
            end != message.endIndex
        {
            out.escaped(message[..<end])
            out.append("…")
        } else {
            out.escaped(message)
        }
        out.append("</p>\n")
        if shownCount > 0 {
            out.append("<ul>")
            if let shown {
                for evidence in shown { evidenceItem(evidence, into: &out) }
            } else {
                for (position, link) in check.result.links.enumerated() {
                    evidenceItem(ReviewCheck.Evidence(link), into: &out)
                    if position % 256 == 255 { try flush(&out) }
                }
            }
            out.append("</ul>\n")
        }
        if shownCount < check.evidenceCount {
            out.append("<p class=\"meta\">and ")
            out.append(check.evidenceCount - shownCount)
            out.append(" more in other documents: <a href=\"")
            resultHref(check.id, into: &out)
            out.append("\">the whole result</a></p>\n")
        }
        out.append("</article>\n")
    }

    private func evidenceItem(_ evidence: ReviewCheck.Evidence, into out: inout HTMLBuffer) {
        out.append("<li>")
        evidenceLink(evidence, into: &out)
        out.append("</li>")
    }

    /// "total (total_sites): <a>25</a> Corpus/x.txt, line 12", linking to the span.
    func evidenceLink(_ evidence: ReviewCheck.Evidence, into out: inout HTMLBuffer) {
        out.escaped(evidence.role)
        if let item = evidence.item {
            out.append(" ")
            out.append(item)
        }
        out.append(" (")
        out.escaped(evidence.attribute)
        out.append("): <a href=\"")
        if evidence.docID != page {
            out.escaped(evidence.docID)
            out.append(".html")
        }
        out.append("#")
        out.escaped(evidence.spanID)
        out.append("\">")
        out.escaped(evidence.exact)
        out.append("</a> <span class=\"meta\">")
        out.escaped(evidence.documentPath)
        if let line = evidence.line {
            out.append(", line ")
            out.append(line)
        }
        out.append("</span>")
    }

    /// Characters of a result's message a document page shows (the index shows it whole).
    static let messageLimit = 300

    /// `FactValue.description`, escaped, without making the string of a number.
    static func value(_ value: FactValue, into out: inout HTMLBuffer) {
        switch value {
        case .integer(let number): out.append(number)
        case .string(let text): out.escaped(text)
        }
    }

    /// "key value, key value", keys in order; escaped.
    static func qualifiers(_ fact: Fact, into out: inout HTMLBuffer) {
        guard !fact.qualifiers.isEmpty else { return }
        for (position, (key, value)) in fact.qualifiers.sorted(by: { $0.key < $1.key }).enumerated() {
            if position > 0 { out.append(", ") }
            out.escaped(key)
            out.append(" ")
            Self.value(value, into: &out)
        }
    }
}
