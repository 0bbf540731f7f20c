import Foundation

/// Bytes appended in pieces to an unlinked temporary file (opened at the first piece; where none can be made, the
/// pieces are kept in memory) and read back piece by piece, in order: for what must be made before it can be
/// written and grows with the corpus (held table rows, the manifest's list of documents). Written by one thread,
/// then read once the writing has ended.
final class TemporaryBytes: @unchecked Sendable {
    private let prefix: String
    private var descriptor: Int32?
    /// The pieces, where no temporary file could be made.
    private var kept: [[UInt8]]?
    /// Each piece's length, in the order appended.
    private var lengths: [Int] = []
    private var count = 0

    init(named prefix: String) { self.prefix = prefix }

    deinit { descriptor.map(FileSystem.close) }

    func append(_ piece: [UInt8]) throws {
        if descriptor == nil, kept == nil {
            descriptor = try? FileSystem.unlinkedTemporaryFile(named: prefix)
            if descriptor == nil { kept = [] }
        }
        if let descriptor {
            try FileSystem.write(piece, to: descriptor, at: count)
        } else {
            kept!.append(piece)
        }
        lengths.append(piece.count)
        count += piece.count
    }

    /// Hands each piece to `body`, as it was appended, in order.
    func forEachPiece(_ body: ([UInt8]) throws -> Void) throws {
        if let kept { return try kept.forEach(body) }
        guard let descriptor else { return }
        var offset = 0
        for length in lengths {
            guard let piece = FileSystem.read(length, at: offset, from: descriptor) else {
                throw AssayError.writeFailed("a temporary file (\(prefix)) could not be read back (errno \(errno))")
            }
            try body(piece)
            offset += length
        }
    }
}
