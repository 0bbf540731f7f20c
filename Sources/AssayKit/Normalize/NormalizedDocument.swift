/// A document as the rules see it: folded text cut into blocks, with a map from every character back to the source.
///
/// Output of `Normalizer`, input of `Extractor`. `text` holds one block per line. All offsets are Unicode scalar
/// (code point) offsets, 0-based, end exclusive: into `text` for block ranges and fact spans, into
/// `source.text` (the decoded source) for `SourceMap` results.
public struct NormalizedDocument: Sendable {
    public var source: SourceDocument
    public var text: String
    /// `text` as scalars, kept because every offset is a scalar offset.
    public var scalars: [Unicode.Scalar]
    public var blocks: [Block]
    public var sourceMap: SourceMap
    public var diagnostics: [Diagnostic]

    /// The normalised text between two scalar offsets.
    public func text(in range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }
}

/// A unit of structure: a title, heading, paragraph, list item or table cell. Rules match within one block.
public struct Block: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case title
        case heading(level: Int)
        case paragraph
        /// `list` numbers the lists of a document from 0; `depth` is 0 for a top-level item.
        case listItem(list: Int, depth: Int)
        /// Row and column from 0; `headers` are the texts of the header cells that apply to the cell.
        case tableCell(row: Int, column: Int, headers: [String])

        public var name: String {
            switch self {
            case .title: "title"
            case .heading: "heading"
            case .paragraph: "paragraph"
            case .listItem: "list_item"
            case .tableCell: "table_cell"
            }
        }
    }

    public var kind: Kind
    /// Scalar range in `NormalizedDocument.text`.
    public var range: Range<Int>
}
