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
    /// For HTML: the elements text came from, as libxml2's `xmlGetNodePath` writes their paths.
    public var elements = ElementTable()
    /// For HTML: per scalar of `text`, the index in `elements` of the element it came from (-1: none).
    public var scalarElements: [Int32] = []

    /// The innermost element holding a span, as an XPath; nil for plain text.
    public func xpath(of span: Range<Int>) -> String? {
        guard !span.isEmpty, span.upperBound <= scalarElements.count else { return nil }
        return elements.commonPath(scalarElements[span.lowerBound], scalarElements[span.upperBound - 1])
    }

    /// The normalised text between two scalar offsets.
    public func text(in range: Range<Int>) -> String {
        ScalarText.string(scalars[range])
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
    /// For a block inside a table cell (the cell's own text, or a paragraph or list item in it): the cell.
    public var cell: TableCell?
    /// The index in `blocks` of the heading whose section holds this block, if any.
    public var section: Int?

    public init(kind: Kind, range: Range<Int>, cell: TableCell? = nil, section: Int? = nil) {
        self.kind = kind
        self.range = range
        self.cell = cell
        self.section = section
    }

    /// Sets every block's `section` to the nearest heading before it.
    static func assignSections(_ blocks: inout [Block]) {
        var current: Int?
        for index in blocks.indices {
            if case .heading = blocks[index].kind {
                current = index
            } else {
                blocks[index].section = current
            }
        }
    }
}

/// Where a table cell is, and the header cells that apply to it (its column's and its row's).
public struct TableCell: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public var headers: [String]
    public var isHeader: Bool
}
