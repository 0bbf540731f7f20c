/// What the Validate and Write stages keep of one document: who it is, its normalised text and its facts.
///
/// Input: `Extraction`. Output: what `DatasetWriter` writes and `Validator` checks. Why a type of its own: an
/// extraction carries the normaliser's working data (the source bytes, a scalar array, the source map, the element
/// table: some 30 times the text's size), which nothing after Extract needs. A build keeps one record per document
/// and drops each extraction as soon as its record exists, so memory follows the facts, not the corpus's bytes; a
/// partial output of a shard (`PartialOutput`) stores records, so a merge needs no source document.
public struct DocumentRecord: Sendable, Equatable {
    public var path: String
    public var docID: String
    public var sha256: String
    public var mediaType: MediaType
    public var encoding: TextEncoding
    public var byteCount: Int
    public var title: String?
    public var blockCount: Int
    /// The normalised text, as `text/<doc_id>.txt` holds it.
    public var text: String
    /// The text's length in Unicode scalars.
    public var textLength: Int
    /// Sorted by start, end, type and rule, as `Extraction.facts`.
    public var facts: [Fact]
    /// The abbreviation each fact's words define in parentheses right after them (`AbbreviationFinder`), by the
    /// fact's index: only the text around a fact can tell, and the text's scalars are at hand only here.
    public var abbreviations: [Int: String]
    /// The document's findings from Load and Normalize, then Extract's.
    public var diagnostics: [Diagnostic]

    public init(_ extraction: Extraction) {
        let document = extraction.document, source = document.source
        path = source.path
        docID = source.docID
        sha256 = source.sha256
        mediaType = source.mediaType
        encoding = source.encoding
        byteCount = source.bytes.count
        title = document.blocks.first { $0.kind == .title }.map { document.text(in: $0.range) }
        blockCount = document.blocks.count
        text = document.text
        textLength = document.scalars.count
        facts = extraction.facts
        var abbreviations: [Int: String] = [:]
        for (index, fact) in extraction.facts.enumerated() {
            abbreviations[index] = AbbreviationFinder.abbreviation(after: fact.evidence.start..<fact.evidence.end, in: document.scalars)
        }
        self.abbreviations = abbreviations
        diagnostics = document.diagnostics + extraction.diagnostics
    }

    public init(
        path: String, docID: String, sha256: String, mediaType: MediaType, encoding: TextEncoding, byteCount: Int,
        title: String?, blockCount: Int, text: String, textLength: Int, facts: [Fact], abbreviations: [Int: String],
        diagnostics: [Diagnostic]
    ) {
        self.path = path
        self.docID = docID
        self.sha256 = sha256
        self.mediaType = mediaType
        self.encoding = encoding
        self.byteCount = byteCount
        self.title = title
        self.blockCount = blockCount
        self.text = text
        self.textLength = textLength
        self.facts = facts
        self.abbreviations = abbreviations
        self.diagnostics = diagnostics
    }
}
