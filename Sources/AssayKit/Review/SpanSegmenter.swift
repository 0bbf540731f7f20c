/// Turns spans that may nest, overlap or cross into properly nested open and close events over a text.
///
/// The text is cut at every span boundary; each piece between two boundaries is covered by the spans open there.
/// Spans that nest become nested elements. A span that crosses another (starts inside it, ends after it) cannot be
/// one element, so where the inner one ends, the elements above it are closed and reopened as continuations: the
/// events always nest, whatever the input. Only a span's first element is `continued == false` (the one that
/// carries its id); the text of all its elements, in order, is exactly the span's text.
///
/// Offsets are Unicode scalar offsets into the text, 0-based, end exclusive, clamped to `0...length`. An empty span
/// becomes an empty element at its position.
enum SpanSegmenter {
    enum Event: Hashable, Sendable {
        /// The text between two scalar offsets, covered by every span open at that point.
        case text(Range<Int>)
        /// The span at this index of the input opens; `continued` when it is a continuation after a split.
        case open(Int, continued: Bool)
        /// The innermost open span closes.
        case close(Int)
    }

    static func events(length: Int, spans: [Range<Int>]) -> [Event] {
        let spans = spans.map { range -> Range<Int> in
            let start = min(max(range.lowerBound, 0), length)
            return start..<min(max(range.upperBound, start), length)
        }
        // Outer first: earlier start, then later end, then input order.
        let order = spans.indices.sorted {
            (spans[$0].lowerBound, -spans[$0].upperBound, $0) < (spans[$1].lowerBound, -spans[$1].upperBound, $1)
        }
        let boundaries = Array(Set([0, length] + spans.flatMap { [$0.lowerBound, $0.upperBound] })).sorted()
        var events: [Event] = []
        var stack: [Int] = []
        var next = 0  // position in `order` of the next span to open
        for (position, boundary) in boundaries.enumerated() {
            // Close the spans that end here; those above them in the stack close too and reopen as continuations.
            if let lowest = stack.firstIndex(where: { spans[$0].upperBound == boundary }) {
                let popped = stack[lowest...]
                for index in popped.reversed() { events.append(.close(index)) }
                stack.removeSubrange(lowest...)
                let survivors = popped.filter { spans[$0].upperBound != boundary }
                    .sorted { (-spans[$0].upperBound, spans[$0].lowerBound, $0) < (-spans[$1].upperBound, spans[$1].lowerBound, $1) }
                for index in survivors {
                    events.append(.open(index, continued: true))
                    stack.append(index)
                }
            }
            // Open the spans that start here, outer first; an empty one closes at once.
            while next < order.count, spans[order[next]].lowerBound == boundary {
                let index = order[next]
                next += 1
                events.append(.open(index, continued: false))
                if spans[index].isEmpty {
                    events.append(.close(index))
                } else {
                    stack.append(index)
                }
            }
            if position + 1 < boundaries.count, boundaries[position + 1] > boundary {
                events.append(.text(boundary..<boundaries[position + 1]))
            }
        }
        return events
    }
}
