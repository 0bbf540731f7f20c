@testable import AssayKit
import Testing

/// The prefilter's byte search finds a needle anywhere, including at the ends and after false starts.
@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("population of 6300", "population", true), ("a pop population", "population", true), ("ends with pop", "pop", true),
        ("p", "pop", false), ("", "a", false), ("popul", "population", false), ("café sites", "é s", true),
    ])
    func findsWhatIsThere(_ hay: String, _ needle: String, _ expected: Bool) {
        #expect(ByteSearch.containsAny([Array(needle.utf8)], in: Array(hay.utf8)) == expected)
    }
}
