import Foundation

/// Bytes written in pieces to an unlinked temporary file (kept in memory where none can be made) and read back in
/// pieces, in order: for a part of a file made before the file itself can be, whose size grows with the corpus.
/// Written by one thread, then read once the writing has ended (`ConcurrentGroups.run` has returned).
final class TemporaryBytes: @unchecked Sendable {
    private let descriptor: Int32?
    private var kept: [UInt8] = []
    private(set) var count = 0

    init() {
        descriptor = try? FileSystem.unlinkedTemporaryFile(named: "assay-part")
    }

    deinit { descriptor.map(FileSystem.close) }

    func append(_ bytes: [UInt8]) throws {
        if let descriptor {
            try FileSystem.write(bytes, to: descriptor, at: count)
        } else {
            kept += bytes
        }
        count += bytes.count
    }

    /// Hands every byte appended to `body`, in pieces of at most `size` bytes.
    func forEachPiece(size: Int = 1 << 16, _ body: ([UInt8]) throws -> Void) throws {
        guard let descriptor else { return try body(kept) }
        for offset in stride(from: 0, to: count, by: size) {
            guard let piece = FileSystem.read(min(size, count - offset), at: offset, from: descriptor) else {
                throw AssayError.writeFailed("a temporary file could not be read back (errno \(errno))")
            }
            try body(piece)
        }
    }
}
