/// A fact as the checks hold it: what they select, group, compare and quote, and no more.
///
/// Why not `Fact`: a validation holds every fact of the corpus that a check can look at, all at once, and the
/// results link them. A `Fact` carries the words around its span, the element path, the rule and a copy of its
/// document's path, id and SHA-256 in each evidence, and is copied whole into every array that selects it and every
/// `CheckResult.Link` (some 700 bytes a fact, again per link). A checked fact is a shared object: arrays and links
/// hold a reference; its document is one `DocumentSource` for all the document's facts; what it states (type,
/// attribute, subject, qualifiers) is one `FactKind` for all the facts that state the same; its id is a number
/// (`FactKey`); offsets are 32-bit. So a checked fact is one small allocation, with its words (when longer than 15
/// bytes) and its list items: the 59,571 facts a 10,000-document build keeps took 14 MB of resident memory, where
/// facts with their own names and id strings took 23 MB. `evidence` rebuilds the `Evidence` that the messages, the
/// report and the review pages need, from these parts.
final class CheckedFact: Sendable {
    let key: FactKey
    /// The fact's words: where they are, and what they are.
    let span: Span
    let kind: FactKind
    let value: FactValue
    /// Record ids are unique within a document only.
    let recordID: String
    let source: DocumentSource
    /// The words around the span, kept only for facts checked without their documents' texts (check examples,
    /// `assay validate` on a dataset whose texts are missing), where quotes are cut from them; nil otherwise.
    let context: Context?
    /// See `Fact.items`; each item is in the fact's document.
    let items: [Span]?

    var start: Int32 { span.start }
    var end: Int32 { span.end }
    var line: Int32 { span.line }
    var sourceStart: Int32 { span.sourceStart }
    var sourceEnd: Int32 { span.sourceEnd }
    var exact: String { span.exact }
    var id: String { key.text }
    var type: String { kind.type }
    var attribute: String { kind.attribute }
    var subject: String? { kind.subject }
    var qualifiers: [String: FactValue] { kind.qualifiers }

    /// The words on either side of a span (`Evidence.prefix`, `Evidence.suffix`).
    final class Context: Sendable {
        let prefix: String
        let suffix: String

        init(prefix: String, suffix: String) {
            (self.prefix, self.suffix) = (prefix, suffix)
        }
    }

    /// Where a fact's words, or one of its list items', are in its document, and the words.
    struct Span: Sendable, Equatable {
        /// Unicode scalar offsets into the normalised text, 0-based, end exclusive (as `Evidence.start`/`end`).
        let start: Int32
        let end: Int32
        /// 1-based source line, and scalar offsets into the decoded source; `CheckedFact.none` when unknown.
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

    /// `keepContext` keeps the words around the span (see `context`); `shared` hands out one shared `FactKind` for
    /// each thing stated.
    init(_ fact: Fact, in source: DocumentSource, keepContext: Bool, shared: SharedFactParts) {
        key = FactKey(fact.id)
        kind = shared.kind(type: fact.type, attribute: fact.attribute, subject: fact.subject, qualifiers: fact.qualifiers)
        value = if case .string(let text) = fact.value { .string(shared.name(text)) } else { fact.value }
        recordID = fact.recordID
        self.source = source
        let evidence = fact.evidence
        span = Span(evidence)
        context = keepContext && !(evidence.prefix.isEmpty && evidence.suffix.isEmpty)
            ? Context(prefix: evidence.prefix, suffix: evidence.suffix) : nil
        items = fact.items?.map(Span.init)
    }

    /// A fact from its parts, as `ResultSpill` reads it back.
    init(
        key: FactKey, kind: FactKind, value: FactValue, recordID: String, source: DocumentSource, span: Span,
        context: Context?, items: [Span]?
    ) {
        (self.key, self.kind, self.value, self.recordID) = (key, kind, value, recordID)
        (self.source, self.span, self.context, self.items) = (source, span, context, items)
    }

    /// The fact's words as the messages, the report and the review pages show them (without the element path, and
    /// without the words around them unless `context` kept them).
    var evidence: Evidence { evidence(of: span, prefix: context?.prefix ?? "", suffix: context?.suffix ?? "") }

    /// The words of list item `index` (from 0).
    func itemEvidence(_ index: Int) -> Evidence { evidence(of: items![index], prefix: "", suffix: "") }

    private func evidence(of span: Span, prefix: String, suffix: String) -> Evidence {
        Evidence(
            document: source.path, docID: source.docID, sha256: source.sha256, start: Int(span.start), end: Int(span.end),
            exact: span.exact, prefix: prefix, suffix: suffix, line: Self.expand(span.line),
            sourceStart: Self.expand(span.sourceStart), sourceEnd: Self.expand(span.sourceEnd))
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
        a === b || (a.key == b.key && a.kind == b.kind && a.value == b.value && a.recordID == b.recordID && a.source == b.source
            && a.span == b.span && a.context?.prefix == b.context?.prefix && a.context?.suffix == b.context?.suffix
            && a.items == b.items)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(start)
    }
}

/// A fact id as extraction spells it, "f-" and 16 lowercase hex digits, held as the number (no string of its own
/// for each fact); any other spelling (hand-written facts of examples and tests) as it is. Compares as the ids do
/// as text: the digits are fixed in number and lowercase, so their order is the numbers' order.
enum FactKey: Hashable, Comparable, Sendable {
    case number(UInt64)
    case spelled(String)

    init(_ id: String) {
        let number = id.utf8.withContiguousStorageIfAvailable(Self.number(spelledBy:)) ?? Self.number(spelledBy: Array(id.utf8))
        self = number.map(FactKey.number) ?? .spelled(id)
    }

    /// The number an id spells, if it is spelled as extraction spells ids.
    private static func number(spelledBy bytes: some RandomAccessCollection<UInt8>) -> UInt64? {
        guard bytes.count == 18, bytes.starts(with: "f-".utf8) else { return nil }
        var number: UInt64 = 0
        for byte in bytes.dropFirst(2) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): number = number << 4 | UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): number = number << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return number
    }

    /// The id as text.
    var text: String {
        switch self {
        case .spelled(let id): return id
        case .number(let number):
            // Spelled straight into the string's storage: this runs for every link the writers read back.
            return String(unsafeUninitializedCapacity: 18) { bytes in
                bytes[0] = UInt8(ascii: "f")
                bytes[1] = UInt8(ascii: "-")
                for position in 0..<16 {
                    let digit = UInt8(truncatingIfNeeded: number >> (60 - 4 * position)) & 0xF
                    bytes[2 + position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                }
                return 18
            }
        }
    }

    /// The id's UTF-8 bytes appended to `bytes`, without making its string.
    func append(to bytes: inout [UInt8]) {
        switch self {
        case .spelled(let id): bytes += id.utf8
        case .number(let number):
            bytes += "f-".utf8
            for position in 0..<16 {
                let digit = UInt8(truncatingIfNeeded: number >> (60 - 4 * position)) & 0xF
                bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
            }
        }
    }

    static func < (a: FactKey, b: FactKey) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return x < y }
        return a.text < b.text
    }
}

/// What a fact states, apart from its value: type, attribute, subject and qualifiers. One object for all the facts
/// that state the same thing (every "wave_sites of integrated-care-pilots, wave 1"), so a fact holds one reference
/// instead of three names and a dictionary.
final class FactKind: Sendable, Hashable {
    let type: String
    let attribute: String
    let subject: String?
    let qualifiers: [String: FactValue]

    init(type: String, attribute: String, subject: String?, qualifiers: [String: FactValue]) {
        (self.type, self.attribute, self.subject, self.qualifiers) = (type, attribute, subject, qualifiers)
    }

    static func == (a: FactKind, b: FactKind) -> Bool {
        a === b || (a.type == b.type && a.attribute == b.attribute && a.subject == b.subject && a.qualifiers == b.qualifiers)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(attribute)
        hasher.combine(subject)
        hasher.combine(qualifiers)
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

/// Hands out one `FactKind` for each thing stated, and one stored copy of each text value, for the facts of one
/// validation.
final class SharedFactParts {
    private var kinds: Set<FactKind> = []
    private var names: Set<String> = []

    func kind(type: String, attribute: String, subject: String?, qualifiers: [String: FactValue]) -> FactKind {
        let kind = FactKind(type: type, attribute: attribute, subject: subject, qualifiers: qualifiers)
        if let stored = kinds.firstIndex(of: kind) { return kinds[stored] }
        kinds.insert(kind)
        return kind
    }

    func name(_ name: String) -> String {
        // Strings of up to 15 UTF-8 bytes are stored inline in Swift: nothing to share.
        guard name.utf8.count > 15 else { return name }
        if let stored = names.firstIndex(of: name) { return names[stored] }
        names.insert(name)
        return name
    }
}
