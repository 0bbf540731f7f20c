/// An append-only array kept in fixed chunks of `chunkSize` elements.
///
/// For the spills' tables of places, which grow with the corpus: a single array doubles its capacity as it grows,
/// so it holds up to twice what it needs, and while it grows the old and the new storage are alive together (three
/// times its size at that moment, at the build's busiest time). Chunks hold what they need and never move.
struct ChunkedArray<Element> {
    private var chunks: [[Element]] = []
    private let chunkSize: Int
    private(set) var count = 0

    init(chunkSize: Int = 8_192) {
        precondition(chunkSize > 0)
        self.chunkSize = chunkSize
    }

    mutating func append(_ element: Element) {
        if count % chunkSize == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(chunkSize)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "position \(position) out of 0..<\(count)")
        return chunks[position / chunkSize][position % chunkSize]
    }
}
