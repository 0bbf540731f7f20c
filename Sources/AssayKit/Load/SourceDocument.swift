import Foundation

/// One raw document as read from the corpus: its bytes, what kind of document it is, and its decoded text.
///
/// Output of `CorpusLoader`, input of `Normalizer`. `text` is the decoded source that `source_start`/`source_end`
/// offsets count into (Unicode scalars, 0-based). The byte order mark is not part of it.
public struct SourceDocument: Sendable {
    /// Path as given to the user: relative to the working directory when the corpus lies under it.
    public let path: String
    public var mediaType: MediaType
    public let bytes: [UInt8]
    /// Lowercase hex SHA-256 of `bytes`.
    public let sha256: String
    public var encoding: TextEncoding
    public var text: String
    /// Findings from loading, e.g. bytes that were not valid in the detected encoding.
    public var diagnostics: [Diagnostic]
    /// A short id derived from the path and the content, so it is stable across runs and machines,
    /// and two files with the same bytes under different names still get different ids.
    public let docID: String

    public init(
        path: String, mediaType: MediaType, bytes: [UInt8], sha256: String,
        encoding: TextEncoding, text: String, diagnostics: [Diagnostic] = []
    ) {
        self.path = path
        self.mediaType = mediaType
        self.bytes = bytes
        self.sha256 = sha256
        self.encoding = encoding
        self.text = text
        self.diagnostics = diagnostics
        self.docID = SHA256Hex.prefixed("d-", digestOf: Array((path + "\u{0}" + sha256).utf8), hexDigits: 12)
    }

}

/// The kinds of document assay reads.
public enum MediaType: String, Sendable, Codable {
    case text = "text/plain"
    case html = "text/html"

    /// The media type a file name implies, or nil for a name assay does not read.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "txt", "text", "md": self = .text
        case "html", "htm", "xhtml": self = .html
        default: return nil
        }
    }
}

/// The character encodings assay decodes.
public enum TextEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "windows-1252"
    /// Declared as ISO-8859-1 and read as browsers do, with windows-1252's characters for bytes 0x80–0x9F.
    case iso88591 = "ISO-8859-1"
}
