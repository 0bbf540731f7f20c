import Foundation

/// Where `DatasetWriter` puts the files it makes, one at a time and each in pieces, so that writing a dataset holds
/// about a megabyte of it in memory, whatever the corpus's size: a staging folder (`assay build`), a comparison
/// with an existing folder (`assay build --check`), or memory (tests, `render`).
///
/// Every file's SHA-256 and size are kept (`digests`), for `datapackage.json`, `manifest.json` and `SHA256SUMS`.
final class DatasetSink {
    enum Target {
        case folder(URL)
        case comparison(URL)
        case memory
    }

    private let target: Target
    private(set) var digests: [FileDigest] = []
    private(set) var collected: [DatasetFile] = []
    /// For a comparison target: what differs so far.
    private(set) var comparison: OutputComparison?
    private var folders: Set<String> = [""]

    init(_ target: Target) {
        self.target = target
        if case .comparison(let folder) = target { comparison = OutputComparison(folder: folder) }
    }

    /// Makes the file at `path` from what `body` writes to it; returns its digest.
    @discardableResult
    func file(_ path: String, _ body: (FileStream) throws -> Void) throws -> FileDigest {
        let stream = try FileStream(path: path, descriptor: try open(path))
        defer { stream.close() }
        try body(stream)
        try stream.flush()
        let digest = FileDigest(path: path, sha256: stream.hash.finalize(), size: stream.size)
        digests.append(digest)
        switch target {
        case .folder: break
        case .comparison: comparison?.compare(path, sha256: digest.sha256)
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

    private func open(_ path: String) throws -> Int32? {
        guard case .folder(let root) = target else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        if folders.insert(folder).inserted {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        return try FileSystem.create(root.appendingPathComponent(path))
    }

    /// One file being written: bytes gather in a buffer that goes to the file (and the hash) a megabyte at a time.
    final class FileStream {
        let path: String
        private let descriptor: Int32?
        private var buffer: [UInt8] = []
        fileprivate var hash = SHA256Hex.Stream()
        fileprivate var size = 0
        /// Everything written, for a sink that keeps files in memory.
        fileprivate var kept: [UInt8] = []
        private let keeps: Bool
        private static let flushSize = 1 << 20

        fileprivate init(path: String, descriptor: Int32?) throws {
            self.path = path
            self.descriptor = descriptor
            keeps = descriptor == nil
        }

        func write(_ bytes: [UInt8]) throws {
            buffer += bytes
            if buffer.count >= Self.flushSize { try flush() }
        }

        func write(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.flushSize { try flush() }
        }

        fileprivate func flush() throws {
            guard !buffer.isEmpty else { return }
            hash.update(buffer)
            size += buffer.count
            if let descriptor { try FileSystem.write(buffer, to: descriptor, path: path) }
            if keeps { kept += buffer }
            buffer.removeAll(keepingCapacity: true)
        }

        fileprivate func close() {
            if let descriptor { FileSystem.close(descriptor) }
        }
    }
}
