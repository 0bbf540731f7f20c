import Foundation

/// Check results written to a temporary file that is unlinked at once, and read back one at a time by position.
///
/// Why: a corpus's validation gives results by the ten thousand, each with its message and a link to every fact it
/// compared, and the facts they link would all stay alive with them until the dataset is written. Spilled as each
/// check is evaluated, the results and the facts they hold are let go at once, and the writers (the report, the
/// check tables, the review pages) read each back when they write it. Entries are appended under a lock from any
/// thread; reads use `pread` with their own buffer, so any number of readers may run at the same time.
///
/// An entry is a result, its id, and the number of facts the whole result links (the review pages store a result
/// cut down to one document's links, and still say how many there were in all). Each link carries its fact whole,
/// so a read-back result equals the one written. The review pages' cut of a build's results stores other entries
/// in a spill of its own: a document's links and where their result's head is (`ReviewResults`), appended encoded
/// and read back as bytes.
final class ResultSpill: @unchecked Sendable {
    /// One read-back entry.
    struct Entry {
        var result: CheckResult
        var id: String
        /// The links of the result as evaluated (more than `result.links` for a result cut to one document).
        var linkCount: Int
    }

    private let descriptor: Int32
    /// Where each entry ends: entries are written one after another, so each starts where the one before ends.
    private var ends = ChunkedArray<Int>()
    private var end = 0
    private let lock = NSLock()

    init() throws {
        descriptor = try FileSystem.unlinkedTemporaryFile(named: "assay-results")
    }

    deinit { FileSystem.close(descriptor) }

    var count: Int { lock.withLock { ends.count } }

    /// Where the entry at `position` is in the file.
    private func location(of position: Int) -> (offset: Int, length: Int) {
        lock.withLock {
            let offset = position == 0 ? 0 : ends[position - 1]
            return (offset, ends[position] - offset)
        }
    }

    /// Appends entries one after another and returns their positions, in the order given.
    func append(_ entries: [(result: CheckResult, id: String, linkCount: Int)]) throws -> Range<Int> {
        var out = BinaryWriter(capacity: 4_096)
        var lengths: [Int] = []
        for entry in entries {
            let before = out.bytes.count
            out.string(entry.id)
            out.int(entry.linkCount)
            out.result(entry.result)
            lengths.append(out.bytes.count - before)
        }
        return try append(encoded: out.bytes, lengths: lengths)
    }

    /// Appends entries already encoded (`encoded` holds them one after another, `lengths` their sizes) and returns
    /// their positions.
    func append(encoded: [UInt8], lengths: [Int]) throws -> Range<Int> {
        try lock.withLock {
            try FileSystem.write(encoded, to: descriptor, at: end)
            let first = ends.count
            for length in lengths {
                end += length
                ends.append(end)
            }
            return first..<ends.count
        }
    }

    /// The bytes of the entry at `position`, as `append` wrote them.
    func encodedEntry(at position: Int) -> [UInt8] {
        let place = location(of: position)
        return read(count: place.length, at: place.offset)
    }

    /// The first `count` bytes of the entry at `position` (all of it when it is shorter).
    func encodedPrefix(at position: Int, count: Int) -> [UInt8] {
        let place = location(of: position)
        return read(count: min(count, place.length), at: place.offset)
    }

    func entry(at position: Int) -> Entry {
        Self.entry(decoding: encodedEntry(at: position))
    }

    /// An entry from its bytes, as `append` wrote them.
    static func entry(decoding bytes: [UInt8]) -> Entry {
        var input = BinaryReader(bytes)
        // The spill is this process's own file, written just before: an entry that does not decode is a bug.
        return try! Entry(id: input.string(), linkCount: input.int(), input: &input)
    }

    /// What the review pages' fact tables need of the entry (`ReviewMark`): its id, status, check and the facts it
    /// links. The message, the words and the rest of each fact are stepped over, never made.
    func mark(at position: Int) -> ReviewMark {
        Self.mark(decoding: encodedEntry(at: position))
    }

    static func mark(decoding bytes: [UInt8]) -> ReviewMark {
        var input = BinaryReader(bytes)
        return try! input.mark()
    }

    /// A mark from the first bytes of its result's head and the links that follow it in `links` (read from its
    /// `offset` on); nil when `head` is too short to hold the id, the check and the status.
    static func mark(head: [UInt8], links: inout BinaryReader) -> ReviewMark? {
        var input = BinaryReader(head)
        guard let head = try? input.markHead() else { return nil }
        return ReviewMark(id: head.id, status: head.status, checkID: head.checkID, factIDs: try! links.markFactIDs())
    }

    private func read(count: Int, at offset: Int) -> [UInt8] {
        guard let bytes = FileSystem.read(count, at: offset, from: descriptor) else {
            preconditionFailure("the result spill could not be read back (errno \(errno))")
        }
        return bytes
    }
}

/// An encoded entry cut into one part per document its links are in, as the review pages read a result (see
/// `ReviewResults`), working on the bytes: the entry's head (its id, the whole result's link count and the
/// result's fields, message included, as they were written) is the same for every part, and each part's links are
/// that document's. Nothing is decoded, so no result, fact or string is made; the head followed by a part's links
/// reads back as the result with its links in that document would have been written. Each part is made when asked
/// for: a corpus-wide result has thousands.
struct EncodedResultCut {
    /// The documents, in the order their links first come: part `n` is of `docIDs[n]`.
    private(set) var docIDs: [String] = []
    private let entry: [UInt8]
    /// How many bytes the entry's head takes: its first bytes, up to its links.
    let headLength: Int
    /// Each document's links: their role and item, their document's path, id and hash (written at the first link
    /// of a run of one document, and taken from there for the others), and their fact, as byte ranges of `entry`.
    private var groups: [[(role: Range<Int>, source: Range<Int>, fact: Range<Int>)]] = []

    init(_ entry: [UInt8]) throws {
        self.entry = entry
        var input = BinaryReader(entry)
        try input.skipString()
        _ = try input.int()
        try input.skipResultFields()
        headLength = input.offset
        var groupOf: [String: Int] = [:]
        var current: (source: Range<Int>, group: Int)?
        let linkCount = try input.count()
        for _ in 0..<linkCount {
            let roleStart = input.offset
            try input.skipString()
            _ = try input.optionalInt()
            let roleEnd = input.offset
            if !(try input.bool()) {
                let sourceStart = input.offset
                try input.skipString()
                let docID = try input.string()
                try input.skipString()
                let group = groupOf[docID] ?? docIDs.count
                if group == docIDs.count {
                    docIDs.append(docID)
                    groupOf[docID] = group
                    groups.append([])
                }
                current = (sourceStart..<input.offset, group)
            }
            guard let current else { throw BinaryReader.Malformed() }
            let factStart = input.offset
            try input.skipCheckedFact()
            groups[current.group].append((roleStart..<roleEnd, current.source, factStart..<input.offset))
        }
    }

    /// The links in `docIDs[part]`, encoded as they follow the head in an entry.
    func links(_ part: Int) -> [UInt8] {
        let group = groups[part]
        var out = BinaryWriter(capacity: 16 + group.reduce(0) { $0 + $1.role.count + $1.fact.count } + group[0].source.count)
        out.unsigned(UInt64(group.count))
        for (position, link) in group.enumerated() {
            out.raw(entry[link.role])
            // The document's path, id and hash once, at the part's first link; the others share them.
            out.bool(position > 0)
            if position == 0 { out.raw(entry[link.source]) }
            out.raw(entry[link.fact])
        }
        return out.bytes
    }
}

extension ResultSpill.Entry {
    fileprivate init(id: String, linkCount: Int, input: inout BinaryReader) throws {
        self.init(result: try input.result(), id: id, linkCount: linkCount)
    }
}

extension BinaryWriter {
    fileprivate mutating func result(_ result: CheckResult) {
        string(result.checkID)
        string(result.kind.rawValue)
        string(result.severity.rawValue)
        string(result.status.rawValue)
        optionalString(result.subject)
        optionalString(result.document)
        optionalString(result.key)
        optional(result.expected) { $0.value($1) }
        optional(result.observed) { $0.value($1) }
        string(result.message)
        // A result links a document's facts one after another: its source is written once per run of links.
        var previous: DocumentSource?
        array(result.links) { out, link in
            out.string(link.role)
            out.optionalInt(link.item)
            let source = link.fact.source
            out.bool(source === previous)
            if source !== previous {
                out.string(source.path)
                out.string(source.docID)
                out.string(source.sha256)
                previous = source
            }
            out.checkedFact(link.fact)
        }
    }

    private mutating func checkedFact(_ fact: CheckedFact) {
        // The key as it is held: an id read back is neither parsed again nor a string of its own.
        switch fact.key {
        case .number(let number):
            bool(true)
            unsigned(number)
        case .spelled(let id):
            bool(false)
            string(id)
        }
        string(fact.type)
        string(fact.attribute)
        optionalString(fact.subject)
        value(fact.value)
        // Most facts have no qualifiers: no sorted copy to make for them.
        if fact.qualifiers.isEmpty {
            unsigned(0)
        } else {
            array(fact.qualifiers.sorted { $0.key < $1.key }) { out, pair in
                out.string(pair.key)
                out.value(pair.value)
            }
        }
        string(fact.recordID)
        span(fact.span)
        optional(fact.context) { out, context in
            out.string(context.prefix)
            out.string(context.suffix)
        }
        optional(fact.items) { out, items in out.array(items) { out, item in out.span(item) } }
    }

    private mutating func span(_ span: CheckedFact.Span) {
        // One by one, not through an array of the five: a span is written for every link of every result.
        int(Int(span.start))
        int(Int(span.end))
        int(Int(span.line))
        int(Int(span.sourceStart))
        int(Int(span.sourceEnd))
        string(span.exact)
    }
}

extension BinaryReader {
    fileprivate mutating func result() throws -> CheckResult {
        let checkID = try string()
        guard let kind = Check.Kind(rawValue: try string()), let severity = Check.Severity(rawValue: try string()),
            let status = CheckResult.Status(rawValue: try string())
        else { throw Malformed() }
        let subject = try optionalString(), document = try optionalString(), key = try optionalString()
        let expected = try optional { try $0.value() }, observed = try optional { try $0.value() }
        let message = try string()
        var previous: DocumentSource?
        var factKind: FactKind?
        let links = try array { input -> CheckResult.Link in
            let role = try input.string()
            let item = try input.optionalInt()
            if !(try input.bool()) {
                previous = DocumentSource(path: try input.string(), docID: try input.string(), sha256: try input.string())
            }
            guard let source = previous else { throw Malformed() }
            let fact = try input.checkedFact(in: source, kind: &factKind)
            return CheckResult.Link(role: role, item: item, fact: fact)
        }
        return CheckResult(
            checkID: checkID, kind: kind, severity: severity, status: status, subject: subject, document: document, key: key,
            expected: expected, observed: observed, message: message, links: links)
    }

    /// An entry as `ReviewMark` (its id first), reading what `result()` reads and making only the mark's parts.
    fileprivate mutating func mark() throws -> ReviewMark {
        let start = offset
        let head = try markHead()
        offset = start
        try skipString()  // the id
        _ = try int()  // the whole result's link count
        try skipResultFields()
        return ReviewMark(id: head.id, status: head.status, checkID: head.checkID, factIDs: try markFactIDs())
    }

    /// What a mark needs of an entry's head, all within its first bytes: the id, the check and the status.
    fileprivate mutating func markHead() throws -> (id: String, checkID: String, status: CheckResult.Status) {
        let id = try string()
        _ = try int()  // the whole result's link count
        let checkID = try string()
        try skipString()  // kind
        try skipString()  // severity
        guard let status = CheckResult.Status(rawValue: try string()) else { throw Malformed() }
        return (id, checkID, status)
    }

    /// The ids of the facts the links (which come next) name, each once, in order.
    fileprivate mutating func markFactIDs() throws -> [String] {
        var factIDs: [String] = []
        var seen: Set<FactKey> = []
        for _ in 0..<(try count()) {
            try skipString()  // role
            _ = try optionalInt()  // item
            if !(try bool()) { for _ in 0..<3 { try skipString() } }  // the document's path, id and hash
            let factStart = offset
            let key: FactKey = try bool() ? .number(try unsigned()) : .spelled(try string())
            if seen.insert(key).inserted { factIDs.append(key.text) }
            offset = factStart
            try skipCheckedFact()
        }
        return factIDs
    }

    /// Steps over what `result()` reads before the links: the check, kind, severity, status, subject, document,
    /// key, expected and observed values, and message.
    fileprivate mutating func skipResultFields() throws {
        for _ in 0..<4 { try skipString() }
        for _ in 0..<3 { _ = try optional { try $0.skipString() } }
        for _ in 0..<2 { _ = try optional { try $0.skipValue() } }
        try skipString()
    }

    /// Steps over what `checkedFact(in:kind:)` reads.
    fileprivate mutating func skipCheckedFact() throws {
        if try bool() { _ = try unsigned() } else { try skipString() }  // the key
        try skipString()  // type
        try skipString()  // attribute
        _ = try optional { try $0.skipString() }  // subject
        try skipValue()
        for _ in 0..<(try count()) {  // qualifiers
            try skipString()
            try skipValue()
        }
        try skipString()  // record id
        try skipSpan()
        _ = try optional { input in  // context
            try input.skipString()
            try input.skipString()
        }
        _ = try optional { input in for _ in 0..<(try input.count()) { try input.skipSpan() } }  // items
    }

    private mutating func skipValue() throws {
        switch try unsigned() {
        case 0: _ = try int()
        case 1: try skipString()
        default: throw Malformed()
        }
    }

    private mutating func skipSpan() throws {
        for _ in 0..<5 { _ = try int() }
        try skipString()
    }

    /// `kind`: the previous fact's, taken again when this fact's is the same (a result's links mostly state one
    /// thing), and replaced when not.
    private mutating func checkedFact(in source: DocumentSource, kind: inout FactKind?) throws -> CheckedFact {
        let key: FactKey = try bool() ? .number(try unsigned()) : .spelled(try string())
        let type = try string(), attribute = try string(), subject = try optionalString(), value = try value()
        let pairs = try array { input in (try input.string(), try input.value()) }
        let qualifiers = pairs.isEmpty ? [:] : Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        if let previous = kind, previous.type == type, previous.attribute == attribute, previous.subject == subject,
            previous.qualifiers == qualifiers
        {
            // The same as the previous fact's.
        } else {
            kind = FactKind(type: type, attribute: attribute, subject: subject, qualifiers: qualifiers)
        }
        let recordID = try string()
        let span = try span()
        let context = try optional { input in CheckedFact.Context(prefix: try input.string(), suffix: try input.string()) }
        let items = try optional { input in try input.array { input in try input.span() } }
        return CheckedFact(
            key: key, kind: kind!, value: value, recordID: recordID, source: source, span: span, context: context, items: items)
    }

    private mutating func span() throws -> CheckedFact.Span {
        // In the order written; one by one, not through an array of the five.
        let start = try int32(), end = try int32(), line = try int32(), sourceStart = try int32(), sourceEnd = try int32()
        return CheckedFact.Span(start: start, end: end, line: line, sourceStart: sourceStart, sourceEnd: sourceEnd, exact: try string())
    }

    private mutating func int32() throws -> Int32 {
        guard let value = Int32(exactly: try int()) else { throw Malformed() }
        return value
    }
}
