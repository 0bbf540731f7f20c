@testable import AssayKit
import Testing

/// Held rows and the manifest's list of documents go through `TemporaryBytes`: what is read back must be exactly
/// the pieces appended, in order, piece for piece (held rows replay whole rows per piece).
@Suite struct TemporaryBytesTests {
    @Test func piecesReadBackAsAppended() throws {
        let temporary = TemporaryBytes(named: "assay-test")
        var none: [[UInt8]] = []
        try temporary.forEachPiece { none.append($0) }
        #expect(none.isEmpty)
        let pieces: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 7, count: 70_000), [0xFF]]
        for piece in pieces { try temporary.append(piece) }
        var read: [[UInt8]] = []
        try temporary.forEachPiece { read.append($0) }
        #expect(read == pieces)
    }
}
