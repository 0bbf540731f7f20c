import Foundation

/// One extraction rule: a regular expression whose named groups become the linked facts of one record.
///
/// `pattern` is as written in the rule file; `expandedPattern` has every `{name}` replaced by its lexicon entry
/// or gazetteer alternation, and `regex` is compiled once from it.
public struct Rule: @unchecked Sendable {
    /// What one named group of the pattern produces.
    public struct Field: Sendable, Hashable {
        public var group: String
        public var type: String
        public var attribute: String
        public var qualifiers: [String: FactValue]
        /// Whether the fact is a count that introduces a list whose items are collected with it.
        public var introducesList: Bool
    }

    /// A named group that qualifies every fact of the record instead of producing one ("14 Multispecialty
    /// Community Providers": the model type qualifies the count).
    public struct QualifierField: Sendable, Hashable {
        public var group: String
        public var qualifier: String
        /// When set, the matched text is replaced by the canonical name of the entry it names.
        public var gazetteer: String?
    }

    /// Where in a document's structure a rule applies. Every condition given must hold for a block.
    public struct Within: @unchecked Sendable {
        /// Block kinds by name: `title`, `heading`, `paragraph`, `list_item`, `table_cell`.
        public var blocks: Set<String>?
        /// The heading of the block's section must match.
        public var section: NSRegularExpression?
        /// One of the headers of the block's table cell must match.
        public var column: NSRegularExpression?

        func admits(_ block: Block, in document: NormalizedDocument) -> Bool {
            if let blocks {
                // A paragraph or list item inside a cell is in a table cell too.
                let inCell = block.cell != nil && blocks.contains("table_cell")
                guard blocks.contains(block.kind.name) || inCell else { return false }
            }
            if let section {
                guard let heading = block.section, Self.matches(section, document.text(in: document.blocks[heading].range))
                else { return false }
            }
            if let column {
                guard let headers = block.cell?.headers, headers.contains(where: { Self.matches(column, $0) }) else { return false }
            }
            return true
        }

        private static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
        }
    }

    public var id: String
    public var description: String?
    public var location: SourceLocation
    /// Higher wins when facts of the same type overlap.
    public var priority: Int
    public var pattern: String
    public var expandedPattern: String
    public var caseSensitive: Bool
    /// Lowercased literals of which at least one must occur in a block for the pattern to run there.
    public var keywords: [String]
    /// Lowercased literals every match contains, derived from the pattern (see `RequiredLiterals`): clauses, all the
    /// literals of one of which are in every match; nil when none can be derived.
    public var requiredLiterals: [[String]]?
    /// What a block must contain for the pattern to run there, as clauses (all literals of one clause): one of the
    /// declared keywords and one clause of the derived literals. A keyword alone lets a pattern run wherever a
    /// common word is ("joined"); with the words its match needs besides, it runs where it can match.
    public var prefilter: [[String]]? {
        guard !keywords.isEmpty else { return requiredLiterals }
        guard let derived = requiredLiterals, keywords.count * derived.count <= 64 else { return keywords.map { [$0] } }
        return keywords.flatMap { keyword in derived.map { Array(Set($0 + [keyword])).sorted() } }
    }
    /// `prefilter` as UTF-8, for the extractor's `KeywordAutomaton` (computed once, at load).
    var prefilterBytes: [[[UInt8]]]?
    public var within: Within?
    /// In the order the groups appear in the pattern.
    public var fields: [Field]
    public var qualifierFields: [QualifierField]
    public var qualifiers: [String: FactValue]
    public var examples: [RuleExample]
    /// `NSRegularExpression` is immutable and safe to share across threads once compiled.
    public var regex: NSRegularExpression
    /// Whether the pattern's shape can backtrack catastrophically (what `assay rules lint` warns of); such a rule
    /// always runs under the time limit's watch.
    public var mayBacktrack: Bool
}

/// An example a rule carries: a text it must match, with the expected spans marked `[[…]]` and their values,
/// or a text it must not match.
public struct RuleExample: Sendable, Hashable {
    public enum Kind: String, Sendable { case match, noMatch = "no_match" }
    public var kind: Kind
    /// The text with `[[` and `]]` around each expected span.
    public var markedText: String
    /// Expected values of the spans, in span order.
    public var values: [FactValue]
    public var location: SourceLocation
}
