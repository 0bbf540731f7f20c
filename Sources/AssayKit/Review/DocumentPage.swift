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
        self.init(
            docID: docID, path: path, title: title, mediaType: mediaType, text: text, facts: facts, checks: checks,
            vocabulary: ReviewVocabulary(ruleSet), sourceLink: sourceLink)
    }

    /// With the vocabulary made once for every page of a build.
    init(
        docID: String, path: String, title: String?, mediaType: MediaType, text: String, facts: [Fact],
        checks: [ReviewCheck], vocabulary: ReviewVocabulary, sourceLink: String
    ) {
        (self.docID, self.path, self.title, self.mediaType, self.text) = (docID, path, title, mediaType, text)
        (self.facts, self.checks, self.vocabulary, self.sourceLink) = (facts, checks, vocabulary, sourceLink)
    }

    /// `review/<doc_id>.html`, relative to the dataset folder.
    public static func path(docID: String) -> String { "\(ReviewPages.folder)/\(docID).html" }

    public var file: DatasetFile { DatasetFile(path: Self.path(docID: docID), bytes: html().bytes) }

    /// A distinct stretch of the text and what rests on it. Facts and results are positions in the page's `facts`
    /// and `checks`: a fact or a result is a struct of many strings, and copying one into each of its spans (and
    /// moving the spans as they are sorted) retained and released every string of it.
    struct Span {
        var id: String
        var range: Range<Int>
        /// The facts whose own words these are.
        var values: [Int] = []
        /// The counts whose list has this as an item, with the item's position from 1.
        var items: [(fact: Int, position: Int)] = []
        /// The failed or unevaluable results that compared these words.
        var failing: [Int] = []
    }

    /// How many spans the page of a document with these facts has (`spans().count`, without making them). A span's
    /// id is a hash of its document and offsets, so the document's distinct offsets are its distinct ids.
    static func spanCount(of facts: [Fact]) -> Int {
        var ranges: Set<Range<Int>> = []
        for fact in facts {
            ranges.insert(fact.evidence.start..<fact.evidence.end)
            for item in fact.items ?? [] { ranges.insert(item.start..<item.end) }
        }
        return ranges.count
    }

    /// What a page is made from, each made once: the spans, the span id of each stretch of the text that has one
    /// (hashing is most of making an id, and the fact table links every fact and item), and each result's words in
    /// this document (in `checks` order; the text marks a failing one's, its entry lists them).
    struct Parts {
        var spans: [Span]
        var spanIDs: [Range<Int>: String]
        var evidence: [[ReviewCheck.Evidence]]
    }

    /// The document's spans in text order (start, end, id), as `data/spans.csv` lists them.
    func spans() -> [Span] { parts().spans }

    func parts() -> Parts {
        var byRange: [Range<Int>: Span] = [:]
        func add(_ evidence: Evidence, _ change: (inout Span) -> Void) {
            let range = evidence.start..<evidence.end
            if byRange[range] == nil { byRange[range] = Span(id: DatasetTables.spanID(evidence), range: range) }
            change(&byRange[range]!)
        }
        for (position, fact) in facts.enumerated() {
            add(fact.evidence) { $0.values.append(position) }
            for (index, item) in (fact.items ?? []).enumerated() {
                add(item) { $0.items.append((position, index + 1)) }
            }
        }
        var spanIDs: [Range<Int>: String] = [:]
        var byID: [String: Range<Int>] = [:]
        for (range, span) in byRange {
            spanIDs[range] = span.id
            byID[span.id] = range
        }
        let evidence = checks.map { $0.evidence(in: docID, spanIDs: spanIDs) }
        for (position, (check, evidence)) in zip(checks, evidence).enumerated() where check.isFailing {
            for evidence in evidence {
                // Each result once in a row, as equal results were: the same position is the same result.
                guard let range = byID[evidence.spanID] else { continue }
                if let last = byRange[range]!.failing.last, last == position || checks[last] == check { continue }
                byRange[range]!.failing.append(position)
            }
        }
        let spans = byRange.values.sorted {
            ($0.range.lowerBound, $0.range.upperBound, $0.id) < ($1.range.lowerBound, $1.range.upperBound, $1.id)
        }
        return Parts(spans: spans, spanIDs: spanIDs, evidence: evidence)
    }

    /// The page. Built as bytes (see `HTMLBuffer`); what is escaped and what is not reads as the markup it makes.
    func html() -> HTMLBuffer {
        var whole = HTMLBuffer(capacity: 16_384 + 2 * text.utf8.count + 1_024 * facts.count)
        write { whole.append($0) }
        return whole
    }

    /// Pieces of the page handed on once some 64 KB have gathered (`HTMLBuffer.flush(to:)`).
    ///
    /// Why in pieces: most pages are some tens of KB, but a document that a corpus's counts disagree with is touched
    /// by thousands of results (3.5 MB of page at 10,000 documents), and each thread making such a page held it whole
    /// (twice its size, as its buffer grew), the largest thing in a build's memory.
    func write(to write: ([UInt8]) throws -> Void) rethrows {
        let parts = parts()
        let heading = title ?? path
        var out = HTMLBuffer(capacity: 16_384 + 2 * text.utf8.count + 1_024 * facts.count)
        func flush(_ out: inout HTMLBuffer) throws { try out.flush(to: write) }
        ReviewStyle.head(title: heading + " · assay review", script: nil, into: &out)
        out.append("<nav class=\"crumbs\"><a href=\"index.html\">Review: all documents and checks</a></nav>\n<main>\n<h1>")
        out.escaped(heading)
        out.append("</h1>\n<p class=\"meta\"><code>")
        out.escaped(path)
        out.append("</code> · ")
        out.escaped(mediaType.rawValue)
        out.append(" · <code>")
        out.escaped(docID)
        out.append("</code> · <a href=\"")
        out.escaped(sourceLink)
        out.append("\">source file</a> · <a href=\"../text/")
        out.escaped(docID)
        out.append(".txt\">normalised text</a></p>\n<p class=\"meta\">")
        out.append(facts.count)
        out.append(facts.count == 1 ? " fact on " : " facts on ")
        out.append(parts.spans.count)
        out.append(parts.spans.count == 1 ? " span" : " spans")
        out.append(". Hover over or tab to a highlighted span to see what was read from it.</p>\n")
        legend(into: &out)
        out.append("<h2 id=\"text\">Text</h2>\n<div class=\"text\">")
        highlightedText(parts.spans, into: &out)
        out.append("</div>\n")
        let table = FactTable(vocabulary: vocabulary, page: docID, checks: checks)
        factsTable(table, parts, into: &out)
        if !checks.isEmpty { try checksSection(table, parts, into: &out, flush) }
        out.append("</main>\n")
        ReviewStyle.tail(script: nil, into: &out)
        if !out.isEmpty { try write(out.bytes) }
    }

    /// Every declared type with its colour and label, and how items and failing spans look.
    private func legend(into out: inout HTMLBuffer) {
        out.append("<ul class=\"legend\" aria-label=\"Legend\">")
        for type in vocabulary.types {
            out.append("<li>")
            vocabulary.tag(type, into: &out)
            out.append("</li>")
        }
        out.append("<li><span class=\"tag\">item</span> an item of the list a count introduces</li>")
        out.append("<li><span class=\"tag status-fail\">fails check</span> compared by a failed check</li></ul>\n")
    }

    /// The text with a nested element per span piece. The events count Unicode scalars; the text is copied from its
    /// UTF-8 bytes, a scalar being its lead byte and the continuation bytes after it.
    private func highlightedText(_ spans: [Span], into out: inout HTMLBuffer) {
        var text = text
        text.withUTF8 { utf8 in
            let length = utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            var scalar = 0, byte = 0  // where the last piece ended, in scalars and in bytes
            func advance(to target: Int) {
                if target < scalar { (scalar, byte) = (0, 0) }
                while scalar < target {
                    byte += 1
                    while byte < utf8.count, utf8[byte] & 0xC0 == 0x80 { byte += 1 }
                    scalar += 1
                }
            }
            for event in SpanSegmenter.events(length: length, spans: spans.map(\.range)) {
                switch event {
                case .text(let range):
                    advance(to: range.lowerBound)
                    let start = byte
                    advance(to: range.upperBound)
                    out.escaped(utf8: UnsafeBufferPointer(rebasing: utf8[start..<byte]))
                case .open(let index, let continued):
                    openTag(spans[index], continued: continued, into: &out)
                case .close:
                    out.append("</span>")
                }
            }
        }
    }

    private func openTag(_ span: Span, continued: Bool, into out: inout HTMLBuffer) {
        // The types of the facts on the span, each once, in order: a handful, so a linear search.
        var types: [String] = []
        for fact in span.values where !types.contains(facts[fact].type) { types.append(facts[fact].type) }
        out.append("<span class=\"ev ")
        out.append(types.first.map(vocabulary.colourClass) ?? "item")
        if !span.failing.isEmpty { out.append(" failing") }
        if continued { out.append(" cont") }
        out.append("\" data-span=\"")
        out.escaped(span.id)
        out.append("\"")
        if !continued {
            out.append(" id=\"")
            out.escaped(span.id)
            out.append("\" tabindex=\"0\"")
        }
        out.append(" data-label=\"")
        for (position, type) in types.enumerated() {
            if position > 0 { out.append(" + ") }
            out.escaped(type)
        }
        if !span.items.isEmpty { out.append(types.isEmpty ? "item" : " + item") }
        if !span.failing.isEmpty { out.append(" · fails check") }
        out.append("\" data-tip=\"")
        var tip = HTMLBuffer()
        tooltip(span, into: &tip)
        out.append(tip)
        out.append("\" title=\"")
        out.append(tip)
        out.append("\">")
    }

    /// One paragraph per fact resting on the span: value, attribute, attribution, qualifiers, rule; then the failed
    /// checks that compared it. Escaped, for an attribute.
    func tooltip(_ span: Span, into out: inout HTMLBuffer) {
        var first = true
        func paragraph() {
            if !first { out.append("\n\n") }
            first = false
        }
        func valueLine(_ fact: Fact) {
            out.escaped(fact.type)
            out.append(" · ")
            out.escaped(fact.attribute)
            out.append(" = ")
            FactTable.value(fact.value, into: &out)
            out.append("\n")
            out.append(vocabulary.escapedSubjectField)
            out.append(": ")
            out.escaped(fact.subject ?? "—")
            out.append("\n")
        }
        for fact in span.values.lazy.map({ facts[$0] }) {
            paragraph()
            valueLine(fact)
            if !fact.qualifiers.isEmpty {
                out.append("qualifiers: ")
                FactTable.qualifiers(fact, into: &out)
                out.append("\n")
            }
            out.append("rule: ")
            out.escaped(fact.ruleID)
        }
        for (fact, position) in span.items.lazy.map({ (facts[$0.fact], $0.position) }) {
            paragraph()
            out.append("item ")
            out.append(position)
            out.append(" of ")
            out.append(fact.items?.count ?? 0)
            out.append(" in the list of ")
            valueLine(fact)
            out.append("rule: ")
            out.escaped(fact.ruleID)
        }
        for check in span.failing.lazy.map({ checks[$0] }) {
            paragraph()
            out.append("check ")
            out.escaped(check.status.rawValue)
            out.append(": ")
            out.escaped(check.checkID)
            out.append(" (")
            out.escaped(check.id)
            out.append(")")
        }
    }

    /// The results that touch the document, worst first, each linking to its entry on the index and to its words;
    /// folded away (a `<details>`, no script) unless one fails.
    private func checksSection(
        _ table: FactTable, _ parts: Parts, into out: inout HTMLBuffer, _ flush: (inout HTMLBuffer) throws -> Void
    ) rethrows {
        let failing = checks.count(where: \.isFailing)
        out.append(failing > 0 ? "<h2 id=\"checks\">Checks on this document</h2>\n<details open>" : "<h2 id=\"checks\">Checks on this document</h2>\n<details>")
        out.append("<summary>")
        out.append(checks.count)
        out.append(checks.count == 1 ? " result, " : " results, ")
        out.append(failing)
        out.append(" failed or in error</summary>\n")
        for position in ReviewCheck.worstFirstPositions(checks) {
            table.article(checks[position], shown: parts.evidence[position], into: &out)
            try flush(&out)
        }
        out.append("</details>\n")
    }

    /// One row per fact (id = fact id), in text order, each linking to its words and its list items.
    private func factsTable(_ table: FactTable, _ parts: Parts, into out: inout HTMLBuffer) {
        out.append("<h2 id=\"facts\">Facts</h2>\n")
        table.header(id: nil, leading: nil, into: &out)
        let docID = docID
        // Every fact's words and items are spans of this page, so their ids are made already.
        func spanID(_ evidence: Evidence) -> String {
            (evidence.docID == docID ? parts.spanIDs[evidence.start..<evidence.end] : nil) ?? DatasetTables.spanID(evidence)
        }
        for fact in facts {
            table.row(fact, into: &out, spanID: spanID) { fact, out in
                out.append("id=\"")
                out.escaped(fact.id)
                out.append("\"")
            }
        }
        out.append(FactTable.footer)
    }
}
