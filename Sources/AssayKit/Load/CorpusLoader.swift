import Dispatch
import Foundation

/// Reads every document under a corpus folder: walks it in a deterministic order, sniffs each file's type,
/// hashes and decodes it.
///
/// Input: a folder. Output: `Corpus` (documents sorted by path, plus diagnostics). A file that cannot be read
/// becomes an error diagnostic naming the file and the reason, never a silent drop; files of other types are
/// reported as skipped.
public struct CorpusLoader: Sendable {
    /// The folder that relative document paths are written against (the repository root, normally).
    public var base: URL
    /// Files larger than this are not read (`limits.document_bytes`).
    public var maxDocumentBytes: Int

    public init(base: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), maxDocumentBytes: Int = Limits().documentBytes) {
        self.base = base
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// Loads every document under `root` (recursively), sorted by path.
    public func load(from root: URL) throws -> Corpus {
        let index = try scan(from: root)
        var corpus = Corpus(diagnostics: index.diagnostics)
        for entry in index.entries {
            switch load(entry) {
            case .success(let document): corpus.documents.append(document)
            case .failure(let diagnostic): corpus.diagnostics.append(diagnostic)
            }
        }
        return corpus
    }

    /// Lists the documents under `root` (recursively) by path, each with its hash, without keeping their bytes:
    /// what a streaming build needs before it reads any document in full, to know what there is, whether anything
    /// changed since the last build, and which documents are a shard's. Every file that is not a document assay
    /// can read is a diagnostic here.
    public func scan(from root: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> CorpusIndex {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw AssayError.unusableInput("corpus folder '\(root.path)' does not exist")
        }
        var index = CorpusIndex()
        let files: [(url: URL, path: String)]
        if isDirectory.boolValue {
            let listing = try listFiles(under: root)
            files = listing.files
            index.diagnostics += listing.diagnostics
        } else {
            files = [(root, relativePath(of: root))]
        }
        // Reading and hashing every file is the one pass before the workers start: it runs on them too, each file's
        // outcome in its own slot, so the listing is the same whatever the number.
        // Only the hash is kept: the listing must not hold the corpus.
        let listed = ResultSlots<Result<CorpusIndex.Entry, Diagnostic>?>(count: files.count)
        let read: @Sendable (Int) -> Void = { position in
            let (file, path) = files[position]
            switch self.read(file: file) {
            case .success(let (bytes, declared)):
                listed[position] = .success(CorpusIndex.Entry(
                    url: file, path: path, declared: declared, sha256: SHA256Hex.digest(bytes), byteCount: bytes.count))
            case .failure(let diagnostic): listed[position] = .failure(diagnostic)
            case .none: listed[position] = .some(nil)
            }
        }
        if jobs <= 1 || files.count < 2 {
            files.indices.forEach(read)
        } else {
            let next = WorkCounter()
            DispatchQueue.concurrentPerform(iterations: min(jobs, files.count)) { _ in
                while let position = next.next(below: files.count) { read(position) }
            }
        }
        for outcome in listed.values {
            switch outcome {
            case .success(let entry): index.entries.append(entry)
            case .failure(let diagnostic): index.diagnostics.append(diagnostic)
            case .none: continue
            }
        }
        return index
    }

    /// Reads and decodes one listed document. The bytes must still be those `scan` hashed: a file changed in
    /// between is an error, not a document whose id and facts disagree with the listing.
    public func load(_ entry: CorpusIndex.Entry) -> Result<SourceDocument, Diagnostic> {
        switch read(file: entry.url) {
        case .success(let (bytes, declared)):
            let document = load(bytes: bytes, path: entry.path, mediaType: declared)
            guard document.sha256 == entry.sha256 else {
                return .failure(Diagnostic(
                    .error, stage: .load, "the file changed while assay was reading the corpus; not read",
                    at: SourceLocation(file: entry.path), notes: ["run assay again once the corpus stays still"]))
            }
            return .success(document)
        case .failure(let diagnostic): return .failure(diagnostic)
        case .none:
            return .failure(Diagnostic(
                .error, stage: .load, "the file is no longer a document assay reads; not read", at: SourceLocation(file: entry.path)))
        }
    }

    /// Loads one document from bytes already in memory, e.g. standard input.
    public func load(bytes: [UInt8], path: String, mediaType declared: MediaType?) -> SourceDocument {
        let sniffed = MediaSniffer.sniff(bytes)
        let mediaType = sniffed ?? declared ?? .text
        // Plain text has no declaration: a byte order mark, UTF-8, or the windows-1252 fallback.
        let declared = mediaType == .html ? EncodingSniffer.declaredEncoding(bytes) : nil
        let decoded = TextDecoder().decode(bytes, declared: declared)
        var diagnostics: [Diagnostic] = []
        if decoded.basis == .zeroBytes {
            diagnostics.append(Diagnostic(
                .warning, stage: .load, "no byte order mark, but every other byte is zero: read as \(decoded.encoding.rawValue)",
                at: SourceLocation(file: path)))
        }
        if let offset = decoded.firstInvalidByte {
            let message = decoded.basis == .fallback
                ? "not valid UTF-8 at byte \(offset); decoded as windows-1252"
                : "\(decoded.replacements) invalid \(decoded.encoding.rawValue) sequence(s), the first at byte \(offset); each became U+FFFD"
            diagnostics.append(Diagnostic(.warning, stage: .load, message, at: SourceLocation(file: path, byteOffset: offset)))
        }
        return SourceDocument(
            path: path, mediaType: mediaType, bytes: bytes, sha256: SHA256Hex.digest(bytes),
            encoding: decoded.encoding, text: decoded.text, diagnostics: diagnostics)
    }

    private enum FileOutcome {
        case success(([UInt8], MediaType?))
        case failure(Diagnostic)
        case none
    }

    /// A file's bytes and the media type its name declares, or why it is no document.
    private func read(file: URL) -> FileOutcome {
        // Only a diagnostic names the file: working the relative path out (standardising two URLs) for every file
        // read cost about as much as reading it.
        var path: String { relativePath(of: file) }
        let declared = MediaType(pathExtension: file.pathExtension)
        let bytes: [UInt8]
        switch FileReader.read(file.path, limit: maxDocumentBytes) {
        case .bytes(let read): bytes = read
        case .tooLarge(let size):
            return .failure(Diagnostic(
                .error, stage: .load, "the file is \(size) bytes, more than the limit of \(maxDocumentBytes) (limits.document_bytes); not read",
                at: SourceLocation(file: path), notes: ["raise limits.document_bytes in a rule file to read it"]))
        case .failed(let reason):
            return .failure(Diagnostic(.error, stage: .load, "cannot read the file: \(reason)", at: SourceLocation(file: path)))
        }
        if let kind = MediaSniffer.binaryKind(bytes) {
            return .failure(Diagnostic(
                .error, stage: .load, "the file holds \(kind), not text or HTML", at: SourceLocation(file: path),
                notes: ["remove it from the corpus, or convert it to text first"]))
        }
        guard declared != nil || MediaSniffer.sniff(bytes) != nil else {
            return .failure(Diagnostic(
                .warning, stage: .load, "skipped: '.\(file.pathExtension)' is not a document type assay reads",
                at: SourceLocation(file: path), notes: ["assay reads .txt, .text, .md, .html, .htm and .xhtml"]))
        }
        return .success((bytes, declared))
    }

    /// Regular files under `root`, sorted by their path's UTF-8 bytes so the order is the same on every machine.
    /// A symbolic link is followed only when it leads to a file inside the corpus; one that leads outside, or
    /// nowhere (a loop, a missing target), is reported and not read, so a corpus can never make assay read
    /// anything else on the machine.
    private func listFiles(under root: URL) throws -> (files: [(url: URL, path: String)], diagnostics: [Diagnostic]) {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        else { throw AssayError.unusableInput("cannot list '\(root.path)'") }
        let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
        var files: [URL] = []
        var diagnostics: [Diagnostic] = []
        for case let url as URL in walker {
            let kind = FileReader.kind(url.path)
            if kind == .symbolicLink {
                let target = url.resolvingSymlinksInPath().standardizedFileURL
                var targetIsDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: target.path, isDirectory: &targetIsDirectory)
                if !exists || target.path == url.standardizedFileURL.path {
                    diagnostics.append(Diagnostic(
                        .error, stage: .load, "symbolic link that leads nowhere (a loop or a missing target); not read",
                        at: SourceLocation(file: relativePath(of: url))))
                } else if !(target.path + "/").hasPrefix(rootPath + "/") {
                    diagnostics.append(Diagnostic(
                        .error, stage: .load, "symbolic link to '\(target.path)', outside the corpus; not read",
                        at: SourceLocation(file: relativePath(of: url)), notes: ["copy the document into the corpus if it belongs there"]))
                } else if !targetIsDirectory.boolValue {
                    files.append(url)
                }
            } else if kind == .regular {
                files.append(url)
            } else if kind != .directory {
                // A FIFO would block the read forever; sockets and devices are no documents either.
                diagnostics.append(Diagnostic(
                    .warning, stage: .load, "not a regular file (a FIFO, socket or device); not read",
                    at: SourceLocation(file: relativePath(of: url))))
            }
        }
        // Each path once, kept for the listing: the comparison would otherwise standardise both URLs at every step
        // of the sort.
        let base = basePrefix
        let sorted = files.map { file in
            let path = relativePath(of: file, basePrefix: base)
            return (key: Array(path.utf8), url: file, path: path)
        }
        .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        .map { (url: $0.url, path: $0.path) }
        diagnostics.sort { ($0.location?.file ?? "") < ($1.location?.file ?? "") }
        return (sorted, diagnostics)
    }

    func relativePath(of file: URL) -> String {
        relativePath(of: file, basePrefix: basePrefix)
    }

    /// `base` as the prefix of the paths under it.
    private var basePrefix: String {
        let basePath = base.standardizedFileURL.path
        return basePath.hasSuffix("/") ? basePath : basePath + "/"
    }

    private func relativePath(of file: URL, basePrefix prefix: String) -> String {
        let full = file.standardizedFileURL.path
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
    }
}

/// What `CorpusLoader.scan` found: every document's path and hash, in path order, and a finding for every file that
/// is not among them.
public struct CorpusIndex: Sendable {
    public struct Entry: Sendable {
        public var url: URL
        public var path: String
        public var declared: MediaType?
        public var sha256: String
        public var byteCount: Int
    }

    public var entries: [Entry] = []
    public var diagnostics: [Diagnostic] = []

    public init(entries: [Entry] = [], diagnostics: [Diagnostic] = []) {
        self.entries = entries
        self.diagnostics = diagnostics
    }
}

/// What `CorpusLoader` read: the documents, and a finding for every file that is not among them.
public struct Corpus: Sendable {
    public var documents: [SourceDocument] = []
    public var diagnostics: [Diagnostic] = []

    public init(documents: [SourceDocument] = [], diagnostics: [Diagnostic] = []) {
        self.documents = documents
        self.diagnostics = diagnostics
    }
}
