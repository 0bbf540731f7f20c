import Foundation

/// Remembers what Normalize and Extract made of each document, so that a rebuild touches only what changed.
///
/// **Key.** An entry is found by the document's SHA-256 and path, the rule set's fingerprint (every rule file's path
/// and hash) and the tool stamp (`ToolStamp`: the release and the running executable). Any change to a rule file
/// therefore misses for every document: a rule's reach cannot be bounded by the file it is in (lexicon entries,
/// gazetteers, attribution and overlap policy affect every rule), so finer invalidation could let a stale fact
/// survive, and a full re-extraction is what a rule change costs anyway. The path is in the key because it is in
/// the output (doc ids, evidence), so a moved document is a new entry.
///
/// **Where.** By default `.assay-cache/` beside the output folder (ignored by git), not the system's temporary
/// folder: that one is shared by every user of the machine, so another account could plant an entry there and have
/// it published as facts; it is also emptied at reboots. Beside `Output/` it belongs to the project and is deleted
/// with it.
///
/// **Layout.** `.assay-cache/<generation>/<key>.entry`, one generation folder per (tool stamp, rule set): old
/// generations are pruned as a whole (the three most recently used are kept, so switching branches back and forth
/// stays fast), and in the current one every entry the last full run did not use goes.
///
/// **Safety.** An entry is written to a temporary file and renamed into place, so readers see a whole entry or
/// none; the entry repeats its full key, and any entry that does not decode exactly is a miss. Extractions with
/// diagnostics from the Extract stage (a rule stopped by its time limit) are not stored: they depend on the clock,
/// not only on the inputs.
public struct ExtractionCache: Sendable {
    /// The cache's root folder.
    public let folder: URL
    let tool: String
    let ruleFingerprint: String
    let generationFolder: URL

    public init(folder: URL, ruleSet: RuleSet, tool: String = ToolStamp.current) {
        self.folder = folder
        self.tool = tool
        ruleFingerprint = ruleSet.fingerprint
        let generation = "v\(ExtractionCoder.formatVersion)-" + String(SHA256Hex.digest(tool + "\u{0}" + ruleFingerprint).prefix(16))
        generationFolder = folder.appendingPathComponent(generation)
    }

    /// `.assay-cache` in the folder that holds `output`.
    public static func folder(besideOutput output: URL) -> URL {
        output.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".assay-cache")
    }

    /// The key material of a document's entry; the file name is its hash.
    func keyText(for document: SourceDocument) -> String {
        keyText(path: document.path, sha256: document.sha256)
    }

    private func keyText(path: String, sha256: String) -> String {
        ["assay-extraction", tool, ruleFingerprint, path, sha256].joined(separator: "\u{0}")
    }

    /// The entry's name within the generation folder.
    public func key(for document: SourceDocument) -> String {
        key(path: document.path, sha256: document.sha256)
    }

    /// The entry's name for a document known by its path and hash.
    public func key(path: String, sha256: String) -> String {
        String(SHA256Hex.digest(keyText(path: path, sha256: sha256)).prefix(32))
    }

    private func entryURL(_ key: String) -> URL {
        generationFolder.appendingPathComponent(key + ".entry")
    }

    private static let magic = Array("assay-cache\n".utf8)

    /// The stored extraction of `document`, or nil when there is none or it cannot be read back exactly.
    public func load(_ document: SourceDocument) -> Extraction? {
        guard let data = FileManager.default.contents(atPath: entryURL(key(for: document)).path) else { return nil }
        var input = BinaryReader(Array(data))
        do {
            guard try input.raw(count: Self.magic.count).elementsEqual(Self.magic),
                try input.unsigned() == ExtractionCoder.formatVersion,
                try input.string() == keyText(for: document)
            else { return nil }
            let payload = Array(try input.raw(count: try input.count()))
            guard input.isAtEnd else { return nil }
            return try ExtractionCoder.decode(payload, source: document)
        } catch {
            return nil
        }
    }

    /// Whether an extraction may be stored: it must depend on the inputs alone.
    static func isStorable(_ extraction: Extraction) -> Bool {
        !extraction.diagnostics.contains { $0.stage == .extract }
    }

    /// Stores an extraction; false when it may not be stored or the write failed (the cache only costs speed then).
    @discardableResult
    public func store(_ extraction: Extraction) -> Bool {
        guard Self.isStorable(extraction) else { return false }
        let document = extraction.document.source
        let key = key(for: document)
        var out = BinaryWriter(capacity: extraction.document.scalars.count * 3 + 1_024)
        out.raw(Self.magic)
        out.unsigned(ExtractionCoder.formatVersion)
        out.string(keyText(for: document))
        let payload = ExtractionCoder.encode(extraction)
        out.unsigned(UInt64(payload.count))
        out.raw(payload)
        let temporary = generationFolder.appendingPathComponent("\(key).tmp-\(FileSystem.processID)")
        do {
            try FileManager.default.createDirectory(at: generationFolder, withIntermediateDirectories: true)
            try writeTag()
            try StagingArea.shared.begin(temporary)
            defer { StagingArea.shared.end(temporary) }
            try FileSystem.write(out.bytes, to: temporary)
            try FileSystem.replace(entryURL(key), with: temporary)
            return true
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return false
        }
    }

    /// Marks the folder as a cache (https://bford.info/cachedir/), so backup tools skip it.
    private func writeTag() throws {
        let tag = folder.appendingPathComponent("CACHEDIR.TAG")
        guard !FileManager.default.fileExists(atPath: tag.path) else { return }
        let text = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is assay's extraction cache; delete it at will.\n"
        try Data(text.utf8).write(to: tag, options: .atomic)
    }

    /// How many generations besides the current one are kept.
    static let keptGenerations = 3

    /// After a run over a whole corpus: removes the current generation's entries that run did not use (documents
    /// changed or gone), temporary files of processes no longer running, and all but the most recently used older
    /// generations.
    public func prune(keeping keys: Set<String>) {
        let manager = FileManager.default
        if let names = try? manager.contentsOfDirectory(atPath: generationFolder.path) {
            for name in names {
                if name.hasSuffix(".entry") {
                    if !keys.contains(String(name.dropLast(".entry".count))) {
                        try? manager.removeItem(at: generationFolder.appendingPathComponent(name))
                    }
                } else if let range = name.range(of: ".tmp-"), let pid = Int32(name[range.upperBound...]), !FileSystem.isRunning(pid) {
                    try? manager.removeItem(at: generationFolder.appendingPathComponent(name))
                }
            }
            // The folder's time says when the generation was last used.
            try? manager.setAttributes([.modificationDate: Date()], ofItemAtPath: generationFolder.path)
        }
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        let others = names.filter { $0.hasPrefix("v") && $0 != generationFolder.lastPathComponent }.compactMap { name -> (String, Date)? in
            let url = folder.appendingPathComponent(name)
            guard let modified = (try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date else { return nil }
            return (name, modified)
        }
        for (name, _) in others.sorted(by: { $0.1 > $1.1 }).dropFirst(Self.keptGenerations) {
            try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}
