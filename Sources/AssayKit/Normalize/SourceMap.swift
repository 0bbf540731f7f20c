/// Maps each scalar of the normalised text back to the scalars of the decoded source it came from.
///
/// Folding can turn several source scalars into one (a run of spaces) or one into several (an ellipsis into three
/// dots), and removes some entirely (soft hyphens), so the map stores a source range per normalised scalar.
/// `-1` marks a scalar with no source, such as the line break between two blocks.
public struct SourceMap: Sendable {
    var starts: [Int32] = []
    var ends: [Int32] = []
    /// Scalar offset of the start of every source line, for 1-based line numbers.
    var lineStarts: [Int] = [0]

    /// The source scalar range a normalised range came from, or nil when any end has no source position.
    public func sourceRange(of range: Range<Int>) -> Range<Int>? {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= starts.count else { return nil }
        let start = Int(starts[range.lowerBound]), end = Int(ends[range.upperBound - 1])
        guard start >= 0, end >= start else { return nil }
        return start..<end
    }

    /// The 1-based source line holding a source scalar offset.
    public func line(ofSourceOffset offset: Int) -> Int {
        var low = 0, high = lineStarts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid }
        }
        return low + 1
    }

    static func lineStarts(of scalars: [Unicode.Scalar]) -> [Int] {
        var starts = [0]
        scalars.withUnsafeBufferPointer { scalars in
            var index = 0
            let count = scalars.count
            while index < count {
                let value = scalars[index].value
                index += 1
                // One comparison passes over nearly every scalar: both line ends are below it.
                guard value <= 0x0D else { continue }
                if value == 0x0D {
                    if index < count, scalars[index] == "\n" { index += 1 }
                    starts.append(index)
                } else if value == 0x0A {
                    starts.append(index)
                }
            }
        }
        return starts
    }
}
