@testable import AssayKit
import Testing

/// The spills' place tables: what goes in comes out at its position, across chunk boundaries.
@Suite struct ChunkedArrayTests {
    @Test(arguments: [1, 3, 8_192])
    func elementsComeBackAtTheirPositions(chunkSize: Int) {
        var chunked = ChunkedArray<(Int, Int)>(chunkSize: chunkSize)
        var plain: [(Int, Int)] = []
        #expect(chunked.count == 0)
        for value in 0..<20_000 {
            let element = (value &* 2_654_435_761 % 1_000_003, value)
            chunked.append(element)
            plain.append(element)
            #expect(chunked[chunked.count - 1] == element)
        }
        #expect(chunked.count == plain.count)
        for position in [0, 1, 2, 3, chunkSize - 1, chunkSize, chunkSize + 1, 8_191, 8_192, 16_384, 19_999] {
            #expect(chunked[position] == plain[position], "position \(position)")
        }
        #expect((0..<plain.count).allSatisfy { chunked[$0] == plain[$0] })
    }
}
