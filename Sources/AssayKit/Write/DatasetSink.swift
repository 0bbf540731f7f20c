import Foundation

/// Where `DatasetWriter` puts the files it makes, one at a time and each in pieces, so that writing a dataset holds
/// about a megabyte of it in memory, whatever the corpus's size: a staging folder (`assay build`), a comparison
/// with an existing folder (`assay build --check`), or memory (tests, `render`).
///
/// Every file's SHA-256 and size are kept (`digests`), for `datapackage.json`, `manifest.json` and `SHA256SUMS`.
///
/// Groups of files are made on several threads at once, each into its own `part()`: a part shares the target (the
/// folders made, the comparison) under a lock, but keeps its own digests and files, which join the whole when it is
/// `absorb`ed. Parts are absorbed in a fixed order once their threads are done, so `digests` and `collected` come in
/// the same order whatever thread finished first, and whatever the number of threads.
final class DatasetSink: @unchecked Sendable {
    enum Target {
        case folder(URL)
        case comparison(URL)
        case memory
    }

    /// What a sink and its parts share; every access holds `lock`.
    private final class Shared: @unchecked Sendable {
        let target: Target
        let lock = NSLock()
        var folders: Set<String> = [""]
        var comparison: OutputComparison?
        /// A folder target's path, ending in `/`.
        let rootPath: String

        init(_ target: Target) {
            self.target = target
            if case .folder(let root) = target { rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/" } else { rootPath = "" }
            if case .comparison(let folder) = target { comparison = OutputComparison(folder: folder) }
        }
    }

    private let shared: Shared
    /// This sink's own files (a part's, until absorbed), in the order they were made. A sink is used by one thread
    /// at a time; only what `shared` holds is touched by several.
    private(set) var digests: [FileDigest] = []
    private(set) var collected: [DatasetFile] = []

    init(_ target: Target) {
        shared = Shared(target)
    }

    private init(shared: Shared) {
        self.shared = shared
    }

    var target: Target { shared.target }

    /// For a comparison target: what differs so far, over every part.
    var comparison: OutputComparison? { shared.lock.withLock { shared.comparison } }

    /// A sink for files made on another thread, into the same target.
    func part() -> DatasetSink {
        DatasetSink(shared: shared)
    }

    /// Adds a part's files after this sink's own, in the order the part made them.
    func absorb(_ part: DatasetSink) {
        digests += part.digests
        collected += part.collected
        part.digests = []
        part.collected = []
    }

    /// Makes the file at `path` from what `body` writes to it; returns its digest.
    @discardableResult
    func file(_ path: String, _ body: (FileStream) throws -> Void) throws -> FileDigest {
        let stream = try FileStream(path: path, descriptor: try open(path), keeps: { if case .memory = shared.target { true } else { false } }())
        defer { stream.close() }
        try body(stream)
        try stream.flush()
        let digest = FileDigest(path: path, sha256: stream.hash.finalize(), size: stream.size)
        digests.append(digest)
        switch shared.target {
        case .folder: break
        case .comparison(let folder):
            // Reading and hashing the folder's file is the work: done outside the lock.
            let verdict = OutputComparison.verdict(path, sha256: digest.sha256, in: folder)
            shared.lock.withLock { shared.comparison?.record(path, verdict) }
        case .memory: collected.append(DatasetFile(path: path, bytes: stream.kept))
        }
        return digest
    }

    /// A file made whole in memory (a small one: `datapackage.json`, `README.md` …).
    @discardableResult
    func file(_ path: String, bytes: [UInt8]) throws -> FileDigest {
        try file(path) { try $0.write(bytes) }
    }

    @discardableResult
    func file(_ path: String, text: String) throws -> FileDigest {
        try file(path, bytes: Array(text.utf8))
    }

    /// Opens `path` (relative, `/`-separated, as the dataset names its files) in the folder, made first if new.
    /// Paths are joined as strings: the output has some 30,000 files, and URLs for each were a percent of a build.
    private func open(_ path: String) throws -> Int32? {
        guard case .folder(let root) = shared.target else { return nil }
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        // Made while holding the lock, so no part opens a file in a folder another part is still making.
        try shared.lock.withLock {
            if shared.folders.insert(folder).inserted {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        }
        return try FileSystem.create(path: shared.rootPath + path)
    }

    /// One file being written: bytes gather in a buffer that goes to the file (and the hash) 256 KB at a time.
    ///
    /// Why so little, and never more: several files are written at once (the tables, the review index, the report),
    /// and a buffer let grow past its flush size doubles its capacity, so a megabyte's buffer held two each; writing
    /// big pieces straight through keeps each at its size. Larger buffers saved no measurable time.
    final class FileStream {
        let path: String
        private let descriptor: Int32?
        private var buffer: [UInt8] = []
        fileprivate var hash = SHA256Hex.Stream()
        fileprivate var size = 0
        /// Everything written, for a sink that keeps files in memory.
        fileprivate var kept: [UInt8] = []
        private let keeps: Bool
        static let flushSize = 1 << 18

        fileprivate init(path: String, descriptor: Int32?, keeps: Bool) throws {
            self.path = path
            self.descriptor = descriptor
            self.keeps = keeps
        }

        func write(_ bytes: [UInt8]) throws {
            if buffer.count + bytes.count > Self.flushSize { try flush() }
            if bytes.count >= Self.flushSize { return try pass(bytes) }
            if buffer.capacity < Self.flushSize { buffer.reserveCapacity(Self.flushSize) }
            buffer += bytes
        }

        func write(_ text: String) throws {
            try write(Array(text.utf8))
        }

        fileprivate func flush() throws {
            guard !buffer.isEmpty else { return }
            try pass(buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Bytes on to the file and the hash, in order after everything passed before.
        private func pass(_ bytes: [UInt8]) throws {
            hash.update(bytes)
            size += bytes.count
            if let descriptor { try FileSystem.write(bytes, to: descriptor, path: path) }
            if keeps { kept += bytes }
        }

        fileprivate func close() {
            if let descriptor { FileSystem.close(descriptor) }
        }
    }
}
