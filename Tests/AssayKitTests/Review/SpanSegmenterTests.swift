@testable import AssayKit
import Testing

/// Spans that nest, cross, coincide or are empty always give properly nested events, and each span's pieces hold
/// exactly its text.
@Suite struct SpanSegmenterTests {
    /// Renders events as `[i` … `]` around the text's characters, to compare with an expected string.
    static func render(_ text: String, _ spans: [Range<Int>]) -> String {
        let scalars = Array(text.unicodeScalars)
        return SpanSegmenter.events(length: scalars.count, spans: spans).map { event in
            switch event {
            case .text(let range): String(String.UnicodeScalarView(scalars[range]))
            case .open(let index, let continued): continued ? "[\(index)+" : "[\(index)"
            case .close: "]"
            }
        }.joined()
    }

    @Test func nestedSpansNest() {
        #expect(Self.render("abcdef", [1..<5, 2..<4]) == "a[0b[1cd]e]f")
        #expect(Self.render("abcdef", [2..<4, 1..<5]) == "a[1b[0cd]e]f")
    }

    @Test func crossingSpansAreSplitAndStillNest() {
        // 0 covers "bcd", 1 covers "cdef": 1 starts inside 0 and ends after it.
        #expect(Self.render("abcdefg", [1..<4, 2..<6]) == "a[0b[1cd]][1+ef]g")
    }

    @Test func coincidingAndEmptySpans() {
        #expect(Self.render("abc", [0..<3, 0..<3]) == "[0[1abc]]")
        #expect(Self.render("abc", [1..<1, 0..<3]) == "[1a[0]bc]")
        #expect(Self.render("abc", [3..<3]) == "abc[0]")
    }

    @Test func offsetsCountUnicodeScalars() {
        #expect(Self.render("é😀 14", [3..<5]) == "é😀 [014]")
    }

    /// Random spans over a random text: the events balance, and each span's pieces, in order, are its text.
    @Test(arguments: 0..<200)
    func randomSpansAlwaysNest(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        let length = Int.random(in: 0...40, using: &generator)
        let spans = (0..<Int.random(in: 0...8, using: &generator)).map { _ -> Range<Int> in
            let start = Int.random(in: 0...length, using: &generator)
            return start..<Int.random(in: start...length, using: &generator)
        }
        var stack: [Int] = [], covered = Array(repeating: [Int](), count: spans.count), opened = Array(repeating: 0, count: spans.count)
        var position = 0
        for event in SpanSegmenter.events(length: length, spans: spans) {
            switch event {
            case .open(let index, let continued):
                #expect(continued == (opened[index] > 0))
                opened[index] += 1
                stack.append(index)
            case .close(let index):
                #expect(stack.popLast() == index)
            case .text(let range):
                #expect(range.lowerBound == position && !range.isEmpty)
                position = range.upperBound
                for index in stack { covered[index] += Array(range) }
            }
        }
        #expect(stack.isEmpty)
        #expect(position == length)
        for (index, span) in spans.enumerated() {
            #expect(covered[index] == Array(span), "span \(index) \(span)")
            #expect(opened[index] >= 1)
        }
    }
}

/// SplitMix64, so a failing seed fails again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
