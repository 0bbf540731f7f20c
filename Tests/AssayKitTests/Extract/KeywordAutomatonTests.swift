@testable import AssayKit
import Testing
import TestSupport

/// The keyword automaton picks exactly the rules whose keywords occur in a block: the same answer as searching for
/// each rule's keywords one by one.
@Suite struct KeywordAutomatonTests {
    @Test func findsKeywordsAnywhereOverlappingAndNested() {
        let keywords: [[[UInt8]]?] = [
            ["pilot", "pioneer"].map { Array($0.utf8) }, nil, ["she", "he", "hers"].map { Array($0.utf8) },
            ["ushers"].map { Array($0.utf8) }, ["é14"].map { Array($0.utf8) },
        ]
        let automaton = KeywordAutomaton(keywords: keywords)
        func rules(_ text: String) -> [Int] {
            let set = automaton.candidates(in: Array(text.utf8))
            return keywords.indices.filter { KeywordAutomaton.contains(set, $0) }
        }
        #expect(rules("") == [1])
        #expect(rules("ushers") == [1, 2, 3])
        #expect(rules("the pioneers") == [0, 1, 2])
        #expect(rules("xpilox pio") == [1])
        #expect(rules("caf é14") == [1, 4])
        #expect(rules("pilot") == [0, 1])
    }

    /// The plainest search there is, as the reference.
    static func occurs(_ needle: [UInt8], in text: [UInt8]) -> Bool {
        needle.count <= text.count && (0...(text.count - needle.count)).contains { Array(text[$0..<($0 + needle.count)]) == needle }
    }

    @Test func lowercasesLikeUnicodeOnlyWhereItMustBe() {
        #expect(KeywordAutomaton.lowercased("Pioneer SITES 14") == Array("pioneer sites 14".utf8))
        #expect(KeywordAutomaton.lowercased("ÉCOLE Pilots") == Array("école pilots".utf8))
    }

    @Test(arguments: 0..<50) func agreesWithSearchingEachRuleAlone(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) + 1)
        let alphabet = Array("abcé ".utf8)
        func word(_ length: Int) -> [UInt8] { (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] } }
        let keywords: [[[UInt8]]?] = (0..<70).map { _ in
            Int.random(in: 0..<5, using: &random) == 0 ? nil : (0..<(1 + Int.random(in: 0..<3, using: &random))).map { _ in word(1 + Int.random(in: 0..<4, using: &random)) }
        }
        let automaton = KeywordAutomaton(keywords: keywords)
        for _ in 0..<20 {
            let text = word(Int.random(in: 0..<60, using: &random))
            let set = automaton.candidates(in: text)
            for (rule, needles) in keywords.enumerated() {
                let expected = needles.map { $0.contains { Self.occurs($0, in: text) } } ?? true
                #expect(KeywordAutomaton.contains(set, rule) == expected, "rule \(rule) in \(String(decoding: text, as: UTF8.self))")
            }
        }
    }
}
