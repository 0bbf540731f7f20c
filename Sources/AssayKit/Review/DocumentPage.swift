/// `review/<doc_id>.html`: one document's normalised text with every fact's words highlighted, a table of its
/// facts and the check results that touch it.
///
/// Input: the document's id, path, title and media type, its normalised text (exactly `text/<doc_id>.txt`), its
/// facts, the check results whose evidence is in it, the rule set and the link to its source file; nothing else, so
/// a writer can render it from text read back from disk. Output: one HTML file.
///
/// Each distinct span (a fact's words, or an item of the list a count introduces) is one element with the span's
/// id (`s-…`, as in `data/spans.csv`), focusable, labelled with its type's name, coloured by the type's position
/// in the rule set, and with a tooltip (on hover, keyboard focus and `:target`) giving the value, attribute,
/// attribution field and rule of every fact it is the evidence of. Spans that nest become nested elements; a span
/// that crosses another is split by `SpanSegmenter` into pieces (the first holds the id; all carry `data-span`).
/// Offsets are Unicode scalar offsets into `text`.
public struct DocumentPage: Sendable {
    public var docID: String
    public var path: String
    public var title: String?
    public var mediaType: MediaType
    public var text: String
    public var facts: [Fact]
    public var checks: [ReviewCheck]
    public var vocabulary: ReviewVocabulary
    /// The source file, relative to the review folder.
    public var sourceLink: String

    public init(
        docID: String, path: String, title: String?, mediaType: MediaType, text: String, facts: [Fact],
        checks: [ReviewCheck], ruleSet: RuleSet, sourceLink: String
    ) {
        self.docID = docID
        self.path = path
        self.title = title
        self.mediaType = mediaType
        self.text = text
        self.facts = facts
        self.checks = checks
        vocabulary = ReviewVocabulary(ruleSet)
        self.sourceLink = sourceLink
    }

    /// `review/<doc_id>.html`, relative to the dataset folder.
    public static func path(docID: String) -> String { "\(ReviewPages.folder)/\(docID).html" }

    public var file: DatasetFile { DatasetFile(path: Self.path(docID: docID), bytes: Array(html().utf8)) }

    /// A distinct stretch of the text and what rests on it.
    struct Span {
        var id: String
        var range: Range<Int>
        /// The facts whose own words these are.
        var values: [Fact] = []
        /// The counts whose list has this as an item, with the item's position from 1.
        var items: [(fact: Fact, position: Int)] = []
        /// The failed or unevaluable results that compared these words.
        var failing: [ReviewCheck] = []
    }

    /// How many spans the page of a document with these facts has (`spans().count`, without making them).
    static func spanCount(of facts: [Fact]) -> Int {
        var ids: Set<String> = []
        for fact in facts {
            ids.insert(DatasetTables.spanID(fact.evidence))
            for item in fact.items ?? [] { ids.insert(DatasetTables.spanID(item)) }
        }
        return ids.count
    }

    /// The document's spans in text order (start, end, id), as `data/spans.csv` lists them.
    func spans() -> [Span] {
        var byID: [String: Span] = [:]
        for fact in facts {
            let id = DatasetTables.spanID(fact.evidence)
            byID[id, default: Span(id: id, range: fact.evidence.start..<fact.evidence.end)].values.append(fact)
            for (index, item) in (fact.items ?? []).enumerated() {
                let itemID = DatasetTables.spanID(item)
                byID[itemID, default: Span(id: itemID, range: item.start..<item.end)].items.append((fact, index + 1))
            }
        }
        for check in checks where check.isFailing {
            for evidence in check.evidence(in: docID) {
                guard byID[evidence.spanID] != nil, byID[evidence.spanID]!.failing.last != check else { continue }
                byID[evidence.spanID]!.failing.append(check)
            }
        }
        return byID.values.sorted { ($0.range.lowerBound, $0.range.upperBound, $0.id) < ($1.range.lowerBound, $1.range.upperBound, $1.id) }
    }

    func html() -> String {
        let spans = spans()
        let heading = title ?? path
        var body = """
            <nav class="crumbs"><a href="index.html">Review: all documents and checks</a></nav>
            <main>
            <h1>\(HTMLEscape.escape(heading))</h1>
            <p class="meta"><code>\(HTMLEscape.escape(path))</code> · \(HTMLEscape.escape(mediaType.rawValue)) · <code>\(HTMLEscape.escape(docID))</code> · \
            <a href="\(HTMLEscape.escape(sourceLink))">source file</a> · <a href="../text/\(HTMLEscape.escape(docID)).txt">normalised text</a></p>
            <p class="meta">\(facts.count) fact\(facts.count == 1 ? "" : "s") on \(spans.count) span\(spans.count == 1 ? "" : "s"). \
            Hover over or tab to a highlighted span to see what was read from it.</p>

            """
        body += legend()
        body += "<h2 id=\"text\">Text</h2>\n<div class=\"text\">" + highlightedText(spans) + "</div>\n"
        body += factsTable()
        if !checks.isEmpty { body += checksSection() }
        body += "</main>\n"
        return ReviewStyle.page(title: "\(heading) · assay review", body: body)
    }

    /// Every declared type with its colour and label, and how items and failing spans look.
    private func legend() -> String {
        var out = "<ul class=\"legend\" aria-label=\"Legend\">"
        for type in vocabulary.types { out += "<li>\(vocabulary.tag(type))</li>" }
        out += "<li><span class=\"tag\">item</span> an item of the list a count introduces</li>"
        out += "<li><span class=\"tag status-fail\">fails check</span> compared by a failed check</li></ul>\n"
        return out
    }

    /// The text with a nested element per span piece.
    private func highlightedText(_ spans: [Span]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for event in SpanSegmenter.events(length: scalars.count, spans: spans.map(\.range)) {
            switch event {
            case .text(let range):
                out += HTMLEscape.escape(ScalarText.string(scalars[range]))
            case .open(let index, let continued):
                out += openTag(spans[index], continued: continued)
            case .close:
                out += "</span>"
            }
        }
        return out
    }

    private func openTag(_ span: Span, continued: Bool) -> String {
        let types = span.values.map(\.type).uniqued()
        var classes = ["ev", types.first.map(vocabulary.colourClass) ?? "item"]
        if types.isEmpty, !span.items.isEmpty { classes[1] = "item" }
        if !span.failing.isEmpty { classes.append("failing") }
        if continued { classes.append("cont") }
        var label = (types + (span.items.isEmpty ? [] : ["item"])).joined(separator: " + ")
        if !span.failing.isEmpty { label += " · fails check" }
        let tip = tooltip(span)
        var tag = "<span class=\"\(classes.joined(separator: " "))\" data-span=\"\(HTMLEscape.escape(span.id))\""
        if !continued { tag += " id=\"\(HTMLEscape.escape(span.id))\" tabindex=\"0\"" }
        tag += " data-label=\"\(HTMLEscape.escape(label))\" data-tip=\"\(HTMLEscape.escape(tip))\" title=\"\(HTMLEscape.escape(tip))\">"
        return tag
    }

    /// One paragraph per fact resting on the span: value, attribute, attribution, qualifiers, rule; then the failed
    /// checks that compared it.
    func tooltip(_ span: Span) -> String {
        var paragraphs: [String] = []
        for fact in span.values {
            var lines = ["\(fact.type) · \(fact.attribute) = \(fact.value.description)"]
            lines.append("\(vocabulary.subjectField): \(fact.subject ?? "—")")
            if !fact.qualifiers.isEmpty { lines.append("qualifiers: " + FactTable.qualifiers(fact)) }
            lines.append("rule: \(fact.ruleID)")
            paragraphs.append(lines.joined(separator: "\n"))
        }
        for (fact, position) in span.items {
            paragraphs.append("""
                item \(position) of \(fact.items?.count ?? 0) in the list of \(fact.type) · \(fact.attribute) = \(fact.value.description)
                \(vocabulary.subjectField): \(fact.subject ?? "—")
                rule: \(fact.ruleID)
                """)
        }
        for check in span.failing {
            paragraphs.append("check \(check.status.rawValue): \(check.checkID) (\(check.id))")
        }
        return paragraphs.joined(separator: "\n\n")
    }

    /// The results that touch the document, worst first, each linking to its entry on the index and to its words;
    /// folded away (a `<details>`, no script) unless one fails.
    private func checksSection() -> String {
        let failing = checks.filter(\.isFailing).count
        let table = FactTable(vocabulary: vocabulary, page: docID, checks: checks)
        var out = "<h2 id=\"checks\">Checks on this document</h2>\n<details\(failing > 0 ? " open" : "")>"
        out += "<summary>\(checks.count) result\(checks.count == 1 ? "" : "s"), \(failing) failed or in error</summary>\n"
        for check in ReviewCheck.worstFirst(checks) { out += table.article(check) }
        return out + "</details>\n"
    }

    /// One row per fact (id = fact id), in text order, each linking to its words and its list items.
    private func factsTable() -> String {
        "<h2 id=\"facts\">Facts</h2>\n" + FactTable(vocabulary: vocabulary, page: docID, checks: checks).html(facts) { fact in
            "id=\"\(HTMLEscape.escape(fact.id))\""
        }
    }
}
