import Foundation

/// The normalised texts of the documents, by doc id, so that a result can quote the sentence a fact stands in
/// ("after 'The four sites in the East Midlands and East of England are:'"), not only the fact's own words.
///
/// `assay build` has them from the extractions; `assay validate` reads them back from `Output/text/<doc_id>.txt`.
/// Without a document's text (a check example, a missing file) a quote is cut from the evidence's own prefix and
/// suffix, which may stop short of the sentence's ends (shown with "…").
public struct DocumentTexts: Sendable {
    private var scalars: [String: [Unicode.Scalar]] = [:]
    /// Texts read on demand from records, by doc id, for a build whose records are spilled to disk.
    private var records: DocumentRecords?
    private var positions: [String: Int] = [:]
    private let recent = RecentText()

    public init() {}

    /// The texts of a dataset's records, each read when a quote needs it (the last one is kept: a check's results
    /// tend to quote one document several times in a row).
    public init(_ records: DocumentRecords, docIDs: [String]) {
        self.records = records
        for (position, docID) in docIDs.enumerated() { positions[docID] = position }
    }

    /// The texts of extracted documents.
    public init(_ extractions: [Extraction]) {
        for extraction in extractions { scalars[extraction.document.source.docID] = extraction.document.scalars }
    }

    /// Texts given by doc id.
    public init(texts: [String: String]) {
        for (docID, text) in texts { scalars[docID] = Array(text.unicodeScalars) }
    }

    private func recordText(of docID: String) -> [Unicode.Scalar]? {
        guard let records, let position = positions[docID] else { return nil }
        return recent.text(docID) {
            // Room for the scalars first (never more than the bytes), then one walk: `Array(_:)` and
            // `append(contentsOf:)` walked the text once more to count them.
            let text = records.text(at: position)
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars { scalars.append(scalar) }
            return scalars
        }
    }

    /// Quotes longer than this many scalars are shortened around the fact.
    static let longestQuote = 160

    /// The sentence holding a span, within its block (one line of normalised text); with `toColon`, only up to and
    /// including the first colon after the span (the words that introduce a list).
    func sentence(around evidence: Evidence, toColon: Bool = false) -> String {
        let text: [Unicode.Scalar], start: Int, end: Int, partial: Bool
        if let full = scalars[evidence.docID] ?? recordText(of: evidence.docID), evidence.start <= evidence.end, evidence.end <= full.count {
            (text, start, end, partial) = (full, evidence.start, evidence.end, false)
        } else {
            let prefix = Array(evidence.prefix.unicodeScalars), exact = Array(evidence.exact.unicodeScalars)
            (text, start, end, partial) = (prefix + exact + Array(evidence.suffix.unicodeScalars), prefix.count, prefix.count + exact.count, true)
        }
        var lineStart = start
        while lineStart > 0, text[lineStart - 1] != "\n" { lineStart -= 1 }
        var lineEnd = end
        while lineEnd < text.count, text[lineEnd] != "\n" { lineEnd += 1 }
        var from = lineStart
        var index = start
        while index > lineStart + 1 {
            if text[index - 1] == " ", ".!?".unicodeScalars.contains(text[index - 2]),
                text[index].properties.isUppercase || ("0"..."9").contains(text[index])
            {
                from = index
                break
            }
            index -= 1
        }
        var to = lineEnd
        if toColon, let colon = (end..<lineEnd).first(where: { text[$0] == ":" }) {
            to = colon + 1
        } else if let stop = (end..<lineEnd).first(where: { ".!?".unicodeScalars.contains(text[$0]) && ($0 + 1 == lineEnd || text[$0 + 1] == " ") }) {
            to = stop + 1
        }
        // Extraction cuts context at `Evidence.contextLength`: a shorter one reaches the start or end of the text (and
        // a longer one was written whole, in a check example).
        var head = partial && from == 0 && evidence.prefix.unicodeScalars.count == Evidence.contextLength
        var tail = partial && to == text.count && evidence.suffix.unicodeScalars.count == Evidence.contextLength
        // A cut context may end inside a word: leave the piece out.
        if head, let space = text[from..<start].firstIndex(of: " ") { from = space + 1 }
        if tail, let space = text[end..<to].lastIndex(of: " ") { to = space }
        if to - from > Self.longestQuote {
            let room = (Self.longestQuote - (end - start)) / 2
            if start - from > room {
                from = start - room
                while from < start, text[from - 1] != " " { from += 1 }
                head = true
            }
            if to - end > room {
                to = end + room
                while to > end, text[to] != " " { to -= 1 }
                tail = true
            }
        }
        var quote = ScalarText.string(text[from..<to]).trimmingSpaces()
        if head { quote = "…" + quote }
        if tail { quote += "…" }
        return quote
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}

/// The text last read for a quote, by doc id.
private final class RecentText: @unchecked Sendable {
    private var docID: String?
    private var scalars: [Unicode.Scalar] = []
    private let lock = NSLock()

    func text(_ id: String, read: () -> [Unicode.Scalar]) -> [Unicode.Scalar] {
        lock.withLock {
            if docID != id { (docID, scalars) = (id, read()) }
            return scalars
        }
    }
}
