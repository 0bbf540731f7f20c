import Foundation

/// The records of a dataset's documents, in path order: held in memory (a small corpus, tests), or spilled to an
/// unlinked temporary file as a build makes them and read back one at a time (`assay build`), so the memory a build
/// needs does not grow with the corpus's text and facts.
public struct DocumentRecords: RandomAccessCollection, Sendable {
    fileprivate enum Storage: Sendable {
        case memory([DocumentRecord])
        case spill(RecordSpill)

        var count: Int {
            switch self {
            case .memory(let records): records.count
            case .spill(let spill): spill.count
            }
        }
    }

    private let storage: Storage

    public init(_ records: [DocumentRecord] = []) {
        storage = .memory(records)
    }

    init(spill: RecordSpill) {
        storage = .spill(spill)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int { storage.count }

    public subscript(position: Int) -> DocumentRecord {
        switch storage {
        case .memory(let records): records[position]
        case .spill(let spill): spill.record(at: position)
        }
    }

    /// The records for a reader that takes each in turn and lets it go, as the writer's passes do: without their
    /// texts (read back only to be thrown away), and with their facts' names not shared (sharing saves memory only
    /// where facts are kept, and cost a third of reading a record back).
    public var withoutTexts: WithoutTexts { WithoutTexts(storage: storage) }

    /// The records with empty texts; see `withoutTexts`.
    public struct WithoutTexts: RandomAccessCollection, Sendable {
        fileprivate let storage: Storage

        public var startIndex: Int { 0 }

        public var endIndex: Int { storage.count }

        public subscript(position: Int) -> DocumentRecord {
            switch storage {
            case .memory(let records):
                var record = records[position]
                record.text = ""
                return record
            case .spill(let spill):
                return spill.record(at: position, withText: false, sharingNames: false)
            }
        }
    }

    /// A document's normalised text alone, without decoding its facts.
    public func text(at position: Int) -> String {
        switch storage {
        case .memory(let records): records[position].text
        case .spill(let spill): spill.text(at: position)
        }
    }
}

/// Records written one after another to a temporary file that is unlinked at once (the system frees it when the
/// process ends, however it ends), with each record's place kept in memory. Each record is stored as its encoding
/// without the text, then the text's UTF-8 bytes, so a text can be read without its facts.
final class RecordSpill: @unchecked Sendable {
    private let descriptor: Int32
    private var places = ChunkedArray<(offset: Int, recordLength: Int, textLength: Int)>()
    private var end = 0
    private let lock = NSLock()

    init() throws {
        descriptor = try FileSystem.unlinkedTemporaryFile(named: "assay-records")
    }

    deinit { FileSystem.close(descriptor) }

    var count: Int { lock.withLock { places.count } }

    func append(_ record: DocumentRecord) throws {
        var withoutText = record
        withoutText.text = ""
        var out = BinaryWriter(capacity: 4_096)
        out.record(withoutText)
        let recordLength = out.bytes.count
        let text = Array(record.text.utf8)
        try lock.withLock {
            try FileSystem.write(out.bytes + text, to: descriptor, at: end)
            places.append((end, recordLength, text.count))
            end += recordLength + text.count
        }
    }

    func record(at position: Int, withText: Bool = true, sharingNames: Bool = true) -> DocumentRecord {
        let place = lock.withLock { places[position] }
        // One read for the record and its text; the reader stops where the record ends, so the text needs no copy
        // of its own.
        let bytes = read(count: place.recordLength + (withText ? place.textLength : 0), at: place.offset)
        var input = BinaryReader(bytes)
        // The spill is this process's own file, written just before: a record that does not decode is a bug.
        var record = try! input.record()
        precondition(input.offset == place.recordLength, "a record read back from the spill ends out of place")
        if withText { record.text = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[place.recordLength...]), as: UTF8.self) } }
        if sharingNames { record.facts = record.facts.map(names.share) }
        return record
    }

    /// One copy of each name facts repeat (types, attributes, subjects, rules, entity ids), shared by every fact read
    /// back: decoded as they are, a corpus's facts would each hold copies of their own.
    private let names = SharedNames()

    func text(at position: Int) -> String {
        let place = lock.withLock { places[position] }
        return String(decoding: read(count: place.textLength, at: place.offset + place.recordLength), as: UTF8.self)
    }

    private func read(count: Int, at offset: Int) -> [UInt8] {
        guard let bytes = FileSystem.read(count, at: offset, from: descriptor) else {
            preconditionFailure("the record spill could not be read back (errno \(errno))")
        }
        return bytes
    }
}

/// Hands out one stored copy of each string it is given, so equal strings share their storage.
final class SharedNames: @unchecked Sendable {
    private var names: Set<String> = []
    private let lock = NSLock()

    func share(_ name: String) -> String {
        // Strings of up to 15 UTF-8 bytes are stored inline in Swift: nothing to share.
        guard name.utf8.count > 15 else { return name }
        return lock.withLock {
            if let stored = names.firstIndex(of: name) { return names[stored] }
            names.insert(name)
            return name
        }
    }

    func share(_ fact: Fact) -> Fact {
        var fact = fact
        fact.type = share(fact.type)
        fact.attribute = share(fact.attribute)
        fact.subject = fact.subject.map(share)
        fact.ruleID = share(fact.ruleID)
        fact.ruleFile = share(fact.ruleFile)
        if case .string(let value) = fact.value { fact.value = .string(share(value)) }
        return fact
    }
}
