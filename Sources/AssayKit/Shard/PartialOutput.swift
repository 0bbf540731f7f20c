import Foundation

/// What `assay build --shard K/N --partial DIR` leaves in DIR, and `assay merge` combines: the shard's documents as
/// `DocumentRecord`s (text and facts, no source bytes) and its findings, each with its position in the whole corpus's
/// listing, so that merged they come out in exactly the order one build would have put them in.
///
/// One file, `DIR/partial.assay`, written to a temporary name and renamed, so a reader sees a whole partial or
/// none: a header (the shard, the rule set's fingerprint, the assay version, a hash of the whole corpus listing, the
/// findings), then one record after another, each with its position and length. Partials of different corpora,
/// rules or versions refuse to merge. Records are written and read one at a time, so neither a shard nor a merge
/// holds its documents in memory.
public struct PartialOutput: Sendable {
    public var shard: Shard
    public var assayVersion: String
    public var ruleFingerprint: String
    /// SHA-256 over every document's path and hash and every finding of the whole corpus listing.
    public var corpusKey: String
    /// Documents in the whole corpus listing.
    public var corpusDocuments: Int
    /// Findings about the corpus (`CorpusIndex.diagnostics`), each with its position in the whole listing's.
    public var listingDiagnostics: [Positioned<Diagnostic>]
    /// Documents that could not be read when their turn came, by position in the listing's documents.
    public var failures: [Positioned<Diagnostic>]
    /// The shard's documents, by position in the listing's documents: records to write, or where each is in the
    /// file read.
    private var records: Records

    public struct Positioned<Value: Sendable>: Sendable {
        public var position: Int
        public var value: Value
    }

    private enum Records: Sendable {
        case toWrite(DocumentRecords, positions: [Int])
        case inFile(PartialFile, places: [(position: Int, offset: Int, length: Int)])
    }

    public static let fileName = "partial.assay"
    private static let magic = Array("assay-partial\n".utf8)
    private static let formatVersion = 2

    /// The shard's part of a streamed build of `index` (the whole listing) that produced `dataset` from
    /// `shard.share(of: index)`.
    public init(shard: Shard, index: CorpusIndex, dataset: Dataset) {
        self.shard = shard
        assayVersion = AssayVersion.current
        ruleFingerprint = dataset.ruleSet.fingerprint
        corpusKey = Self.corpusKey(index)
        corpusDocuments = index.entries.count
        var positionOfPath: [String: Int] = [:]
        for (position, entry) in index.entries.enumerated() { positionOfPath[entry.path] = position }
        listingDiagnostics = index.diagnostics.enumerated()
            .filter { shard.owns(path: $0.element.location?.file ?? "") }
            .map { Positioned(position: $0.offset, value: $0.element) }
        let share = listingDiagnostics.count
        failures = dataset.corpusDiagnostics.dropFirst(share).map {
            Positioned(position: positionOfPath[$0.location?.file ?? ""] ?? -1, value: $0)
        }
        let positions = dataset.overview.paths.map { positionOfPath[$0] ?? -1 }
        records = .toWrite(dataset.documents, positions: positions)
    }

    /// The number of the shard's documents.
    public var documentCount: Int {
        switch records {
        case .toWrite(_, let positions): positions.count
        case .inFile(_, let places): places.count
        }
    }

    public static func corpusKey(_ index: CorpusIndex) -> String {
        var text = "assay-corpus/v1\n"
        for entry in index.entries { text += entry.path + "\u{0}" + entry.sha256 + "\n" }
        for diagnostic in index.diagnostics { text += "\u{1}" + diagnostic.rendered + "\n" }
        return SHA256Hex.digest(text)
    }

    // MARK: Writing and reading

    public func write(to folder: URL) throws {
        guard case .toWrite(let documents, let positions) = records else { return }
        var header = BinaryWriter(capacity: 4_096)
        header.raw(Self.magic)
        header.int(Self.formatVersion)
        header.string(assayVersion)
        header.string(ruleFingerprint)
        header.string(corpusKey)
        header.int(corpusDocuments)
        header.int(shard.index)
        header.int(shard.count)
        header.array(listingDiagnostics) { out, item in
            out.int(item.position)
            out.diagnostic(item.value)
        }
        header.array(failures) { out, item in
            out.int(item.position)
            out.diagnostic(item.value)
        }
        header.int(positions.count)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(Self.fileName).tmp-\(FileSystem.processID)")
            let descriptor = try FileSystem.create(temporary)
            defer { FileSystem.close(descriptor) }
            try FileSystem.write(Self.fixed(header.bytes.count) + header.bytes, to: descriptor, path: temporary.path)
            for (position, record) in zip(positions, documents) {
                var out = BinaryWriter(capacity: 16_384)
                out.record(record)
                try FileSystem.write(Self.fixed(position) + Self.fixed(out.bytes.count) + out.bytes, to: descriptor, path: temporary.path)
            }
            try FileSystem.replace(folder.appendingPathComponent(Self.fileName), with: temporary)
        } catch {
            throw AssayError.writeFailed("\(folder.path): \(error.localizedDescription)")
        }
    }

    public static func read(from folder: URL) throws -> PartialOutput {
        let url = folder.appendingPathComponent(fileName)
        guard let file = PartialFile(url) else {
            throw AssayError.unusableInput("\(url.path): no partial output there (run 'assay build --shard K/N --partial \(folder.path)' first)")
        }
        do {
            let headerLength = try file.fixed(at: 0)
            var input = BinaryReader(try file.bytes(at: 8, count: headerLength))
            guard try input.raw(count: magic.count).elementsEqual(magic), try input.int() == formatVersion else {
                throw BinaryReader.Malformed()
            }
            let version = try input.string(), rules = try input.string(), corpus = try input.string()
            let documents = try input.int(), index = try input.int(), count = try input.int()
            let listing = try input.array { Positioned(position: try $0.int(), value: try $0.diagnostic()) }
            let failures = try input.array { Positioned(position: try $0.int(), value: try $0.diagnostic()) }
            let recordCount = try input.int()
            guard input.isAtEnd, count >= 1, (0..<count).contains(index) else { throw BinaryReader.Malformed() }
            var places: [(position: Int, offset: Int, length: Int)] = []
            var offset = 8 + headerLength
            for _ in 0..<recordCount {
                let position = try file.fixed(at: offset), length = try file.fixed(at: offset + 8)
                places.append((position, offset + 16, length))
                offset += 16 + length
            }
            guard offset == file.size else { throw BinaryReader.Malformed() }
            var partial = PartialOutput(
                shard: Shard(index: index, count: count), assayVersion: version, ruleFingerprint: rules, corpusKey: corpus,
                corpusDocuments: documents, listingDiagnostics: listing, failures: failures)
            partial.records = .inFile(file, places: places)
            return partial
        } catch {
            throw AssayError.unusableInput("\(url.path): not a partial output this version of assay can read (\(error)); build the shard again")
        }
    }

    private init(
        shard: Shard, assayVersion: String, ruleFingerprint: String, corpusKey: String, corpusDocuments: Int,
        listingDiagnostics: [Positioned<Diagnostic>], failures: [Positioned<Diagnostic>]
    ) {
        self.shard = shard
        self.assayVersion = assayVersion
        self.ruleFingerprint = ruleFingerprint
        self.corpusKey = corpusKey
        self.corpusDocuments = corpusDocuments
        self.listingDiagnostics = listingDiagnostics
        self.failures = failures
        records = .toWrite(DocumentRecords(), positions: [])
    }

    /// 8 bytes, little-endian: lengths and positions the reader finds without decoding what comes before.
    private static func fixed(_ value: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt64(value).littleEndian, Array.init)
    }

    // MARK: Merging

    /// The dataset one build of the whole corpus would have produced, before validation: every shard present once,
    /// all from the same corpus, rules and version. `folders` name the partials in messages. The records go, in
    /// listing order, to a spill file, as a build's do.
    public static func merge(_ partials: [(folder: String, partial: PartialOutput)], ruleSet: RuleSet) throws -> Dataset {
        guard let first = partials.first?.partial else { throw AssayError.unusableInput("no partial outputs to merge") }
        for (folder, partial) in partials {
            func refuse(_ what: String) -> AssayError {
                .unusableInput("\(folder): \(what) than \(partials[0].folder); build every shard of one corpus with the same rules and assay")
            }
            guard partial.corpusKey == first.corpusKey, partial.corpusDocuments == first.corpusDocuments else { throw refuse("another corpus") }
            guard partial.ruleFingerprint == first.ruleFingerprint else { throw refuse("other rules") }
            guard partial.assayVersion == first.assayVersion else { throw refuse("another assay version (\(partial.assayVersion))") }
            guard partial.shard.count == first.shard.count else {
                throw refuse("another shard count (\(partial.shard.count), not \(first.shard.count))")
            }
        }
        guard first.ruleFingerprint == ruleSet.fingerprint else {
            throw AssayError.unusableInput(
                "the partials were built with other rules than the ones given to merge; merge with the rules the shards used")
        }
        var folderOfShard: [Int: String] = [:]
        for (folder, partial) in partials {
            if let other = folderOfShard[partial.shard.index] {
                throw AssayError.unusableInput("shard \(partial.shard) is given twice: \(other) and \(folder)")
            }
            folderOfShard[partial.shard.index] = folder
        }
        let missing = (0..<first.shard.count).filter { folderOfShard[$0] == nil }
        guard missing.isEmpty else {
            let names = missing.map { "\($0)/\(first.shard.count)" }.joined(separator: ", ")
            throw AssayError.unusableInput("shard\(missing.count == 1 ? "" : "s") \(names) missing: merge needs the partial output of every shard")
        }
        let listing = partials.flatMap(\.partial.listingDiagnostics).sorted { $0.position < $1.position }.map(\.value)
        let failures = partials.flatMap(\.partial.failures).sorted { $0.position < $1.position }.map(\.value)
        var places: [(position: Int, file: PartialFile, offset: Int, length: Int)] = []
        for (_, partial) in partials {
            guard case .inFile(let file, let filePlaces) = partial.records else { continue }
            places += filePlaces.map { ($0.position, file, $0.offset, $0.length) }
        }
        places.sort { $0.position < $1.position }
        let spill = try RecordSpill()
        var overview = DatasetOverview()
        for place in places {
            var input = BinaryReader(try place.file.bytes(at: place.offset, count: place.length))
            let record = try input.record()
            guard input.isAtEnd else { throw AssayError.unusableInput("\(place.file.path): a record does not decode; build the shard again") }
            try spill.append(record)
            overview.add(record)
        }
        return Dataset(
            ruleSet: ruleSet, documents: DocumentRecords(spill: spill), corpusDiagnostics: listing + failures, overview: overview)
    }
}

/// A partial output file open for reading at any offset.
final class PartialFile: @unchecked Sendable {
    let path: String
    let size: Int
    private let descriptor: Int32

    init?(_ url: URL) {
        path = url.path
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            FileSystem.close(descriptor)
            return nil
        }
        size = Int(status.st_size)
    }

    deinit { FileSystem.close(descriptor) }

    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= size else { throw BinaryReader.Malformed() }
        guard let bytes = FileSystem.read(count, at: offset, from: descriptor) else { throw BinaryReader.Malformed() }
        return bytes
    }

    func fixed(at offset: Int) throws -> Int {
        let bytes = try bytes(at: offset, count: 8)
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        return Int(UInt64(littleEndian: value))
    }
}

extension BinaryWriter {
    mutating func record(_ record: DocumentRecord) {
        string(record.path)
        string(record.docID)
        string(record.sha256)
        string(record.mediaType.rawValue)
        string(record.encoding.rawValue)
        int(record.byteCount)
        optionalString(record.title)
        int(record.blockCount)
        string(record.text)
        int(record.textLength)
        let owner = EvidenceOwner(path: record.path, docID: record.docID, sha256: record.sha256)
        array(record.facts) { $0.fact($1, in: owner) }
        array(record.abbreviations.sorted { $0.key < $1.key }) { out, pair in
            out.int(pair.key)
            out.string(pair.value)
        }
        array(record.diagnostics) { $0.diagnostic($1) }
    }
}

extension BinaryReader {
    mutating func record() throws -> DocumentRecord {
        let path = try string(), docID = try string(), sha256 = try string()
        guard let mediaType = MediaType(rawValue: try string()), let encoding = TextEncoding(rawValue: try string()) else {
            throw Malformed()
        }
        let byteCount = try int(), title = try optionalString(), blockCount = try int(), text = try string(), textLength = try int()
        let owner = EvidenceOwner(path: path, docID: docID, sha256: sha256)
        let facts = try array { try $0.fact(in: owner) }
        var abbreviations: [Int: String] = [:]
        for _ in 0..<(try count()) { abbreviations[try int()] = try string() }
        return DocumentRecord(
            path: path, docID: docID, sha256: sha256, mediaType: mediaType, encoding: encoding, byteCount: byteCount,
            title: title, blockCount: blockCount, text: text, textLength: textLength, facts: facts,
            abbreviations: abbreviations, diagnostics: try array { try $0.diagnostic() })
    }
}
