/// A fact as the checks hold it: what they select, group, compare and quote, and no more.
///
/// Why not `Fact`: a validation holds every fact of the corpus at once, and the results keep the facts they link
/// until the dataset is written. A `Fact` carries the words around its span, the element path, the rule and a
/// copy of its document's path, id and SHA-256 in each evidence, and is copied whole into every array that
/// selects it and every `CheckResult.Link` (some 700 bytes a fact, again per link). A checked fact is a shared
/// object: arrays and links hold a reference, its document is one `DocumentSource` for all the document's facts,
/// offsets are 32-bit, and equal qualifier sets share one dictionary. `evidence` rebuilds the `Evidence` that the
/// messages, the report and the review pages need, from these parts.
final class CheckedFact: Sendable {
    let id: String
    let type: String
    let attribute: String
    let subject: String?
    let value: FactValue
    let qualifiers: [String: FactValue]
    /// Record ids are unique within a document only.
    let recordID: String
    let source: DocumentSource
    /// Unicode scalar offsets into the normalised text, 0-based, end exclusive (as `Evidence.start`/`end`).
    let start: Int32
    let end: Int32
    /// 1-based source line, and scalar offsets into the decoded source; `CheckedFact.none` when unknown.
    let line: Int32
    let sourceStart: Int32
    let sourceEnd: Int32
    let exact: String
    /// The words around the span, kept only for facts checked without their documents' texts (check examples,
    /// `assay validate` on a dataset whose texts are missing), where quotes are cut from them; nil otherwise.
    let context: Context?
    /// See `Fact.items`; each item is in the fact's document.
    let items: [ItemSpan]?

    /// The words on either side of a span (`Evidence.prefix`, `Evidence.suffix`).
    final class Context: Sendable {
        let prefix: String
        let suffix: String

        init(prefix: String, suffix: String) {
            (self.prefix, self.suffix) = (prefix, suffix)
        }
    }

    /// Where one list item's words are, in the fact's document (units as for the fact).
    struct ItemSpan: Sendable, Equatable {
        let start: Int32
        let end: Int32
        let line: Int32
        let sourceStart: Int32
        let sourceEnd: Int32
        let exact: String

        init(_ evidence: Evidence) {
            start = Int32(evidence.start)
            end = Int32(evidence.end)
            line = CheckedFact.compact(evidence.line)
            sourceStart = CheckedFact.compact(evidence.sourceStart)
            sourceEnd = CheckedFact.compact(evidence.sourceEnd)
            exact = evidence.exact
        }

        init(start: Int32, end: Int32, line: Int32, sourceStart: Int32, sourceEnd: Int32, exact: String) {
            (self.start, self.end, self.line, self.sourceStart, self.sourceEnd, self.exact) = (start, end, line, sourceStart, sourceEnd, exact)
        }
    }

    /// Stands for an unknown line or source offset.
    static let none: Int32 = -1

    /// `keepContext` keeps the words around the span (see `context`); `qualifiers` hands out one shared copy of each
    /// qualifier set.
    init(_ fact: Fact, in source: DocumentSource, keepContext: Bool, qualifiers: SharedQualifiers) {
        id = fact.id
        type = fact.type
        attribute = fact.attribute
        subject = fact.subject
        value = fact.value
        self.qualifiers = qualifiers.share(fact.qualifiers)
        recordID = fact.recordID
        self.source = source
        let evidence = fact.evidence
        start = Int32(evidence.start)
        end = Int32(evidence.end)
        line = Self.compact(evidence.line)
        sourceStart = Self.compact(evidence.sourceStart)
        sourceEnd = Self.compact(evidence.sourceEnd)
        exact = evidence.exact
        context = keepContext && !(evidence.prefix.isEmpty && evidence.suffix.isEmpty)
            ? Context(prefix: evidence.prefix, suffix: evidence.suffix) : nil
        items = fact.items?.map(ItemSpan.init)
    }

    /// A fact from its parts, as `ResultSpill` reads it back.
    init(
        id: String, type: String, attribute: String, subject: String?, value: FactValue, qualifiers: [String: FactValue],
        recordID: String, source: DocumentSource, start: Int32, end: Int32, line: Int32, sourceStart: Int32, sourceEnd: Int32,
        exact: String, context: Context?, items: [ItemSpan]?
    ) {
        (self.id, self.type, self.attribute, self.subject, self.value, self.qualifiers) = (id, type, attribute, subject, value, qualifiers)
        (self.recordID, self.source, self.start, self.end, self.line) = (recordID, source, start, end, line)
        (self.sourceStart, self.sourceEnd, self.exact, self.context, self.items) = (sourceStart, sourceEnd, exact, context, items)
    }

    /// The fact's words as the messages, the report and the review pages show them (without the element path, and
    /// without the words around them unless `context` kept them).
    var evidence: Evidence {
        Evidence(
            document: source.path, docID: source.docID, sha256: source.sha256, start: Int(start), end: Int(end), exact: exact,
            prefix: context?.prefix ?? "", suffix: context?.suffix ?? "", line: Self.expand(line),
            sourceStart: Self.expand(sourceStart), sourceEnd: Self.expand(sourceEnd))
    }

    /// The words of list item `index` (from 0).
    func itemEvidence(_ index: Int) -> Evidence {
        let item = items![index]
        return Evidence(
            document: source.path, docID: source.docID, sha256: source.sha256, start: Int(item.start), end: Int(item.end),
            exact: item.exact, prefix: "", suffix: "", line: Self.expand(item.line), sourceStart: Self.expand(item.sourceStart),
            sourceEnd: Self.expand(item.sourceEnd))
    }

    /// The document's path.
    var document: String { source.path }

    /// The source line, when known.
    var lineNumber: Int? { Self.expand(line) }

    static func compact(_ value: Int?) -> Int32 {
        value.map { Int32($0) } ?? none
    }

    static func expand(_ value: Int32) -> Int? {
        value == none ? nil : Int(value)
    }
}

extension CheckedFact: Hashable {
    /// Equal when every part is: two objects made from equal facts are the same fact, as two equal `Fact`s were.
    static func == (a: CheckedFact, b: CheckedFact) -> Bool {
        a === b || (a.id == b.id && a.type == b.type && a.attribute == b.attribute && a.subject == b.subject && a.value == b.value
            && a.qualifiers == b.qualifiers && a.recordID == b.recordID && a.source == b.source && a.start == b.start
            && a.end == b.end && a.line == b.line && a.sourceStart == b.sourceStart && a.sourceEnd == b.sourceEnd
            && a.exact == b.exact && a.context?.prefix == b.context?.prefix && a.context?.suffix == b.context?.suffix
            && a.items == b.items)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(start)
    }
}

/// A document as its checked facts name it: one object for all of them, instead of a copy of its path, id and
/// SHA-256 in each.
final class DocumentSource: Sendable, Equatable {
    let path: String
    let docID: String
    let sha256: String

    init(path: String, docID: String, sha256: String) {
        (self.path, self.docID, self.sha256) = (path, docID, sha256)
    }

    static func == (a: DocumentSource, b: DocumentSource) -> Bool {
        a === b || (a.path == b.path && a.docID == b.docID && a.sha256 == b.sha256)
    }
}

/// Hands out one stored copy of each qualifier set, so the facts that share one (every "wave 1") share its storage.
final class SharedQualifiers {
    private var sets: Set<[String: FactValue]> = []

    func share(_ qualifiers: [String: FactValue]) -> [String: FactValue] {
        // The empty dictionary is a shared singleton already.
        guard !qualifiers.isEmpty else { return qualifiers }
        if let stored = sets.firstIndex(of: qualifiers) { return sets[stored] }
        sets.insert(qualifiers)
        return qualifiers
    }
}
