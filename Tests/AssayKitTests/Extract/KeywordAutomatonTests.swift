@testable import AssayKit
import Testing
import TestSupport

/// The keyword automaton picks exactly the rules one of whose clauses occurs whole in a block (all its literals):
/// the same answer as searching for each rule's literals one by one.
@Suite struct KeywordAutomatonTests {
    @Test func findsKeywordsAnywhereOverlappingAndNested() {
        func clauses(_ words: [[String]]) -> [[[UInt8]]] { words.map { $0.map { Array($0.utf8) } } }
        let keywords: [[[[UInt8]]]?] = [
            clauses([["pilot"], ["pioneer"]]), nil, clauses([["she"], ["he"], ["hers"]]),
            clauses([["ushers"]]), clauses([["é14"]]), clauses([["high", "users"], ["dementia"]]),
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
        #expect(rules("high service users") == [1, 5])
        #expect(rules("high services") == [1])
        #expect(rules("users of dementia services") == [1, 5])
        #expect(rules("users who are high") == [1, 5])
    }

    /// The plainest search there is, as the reference.
    static func occurs(_ needle: [UInt8], in text: [UInt8]) -> Bool {
        needle.count <= text.count && (0...(text.count - needle.count)).contains { Array(text[$0..<($0 + needle.count)]) == needle }
    }

    /// Text is scanned as it is when it is ASCII (the table folds capitals) and lowercased by Unicode otherwise: the
    /// answer is always that for the lowercased text, including where lowercasing makes ASCII of something else
    /// (`İ` becomes `i` and a combining dot; the Kelvin sign becomes `k`).
    @Test func scanningTextAgreesWithScanningItLowercased() {
        func clauses(_ words: [[String]]) -> [[[UInt8]]] { words.map { $0.map { Array($0.utf8) } } }
        let keywords: [[[[UInt8]]]?] = [
            clauses([["pilot"]]), clauses([["i"]]), clauses([["kit"]]), clauses([["école"]]), nil,
            clauses([["ß"]]), clauses([["wave", "2015"]]), clauses([[":"]]), clauses([["@"], ["["]]), clauses([["z"]]),
        ]
        let automaton = KeywordAutomaton(keywords: keywords)
        let texts = [
            "", "PILOT", "Pilot Sites", "İ", "\u{212A}IT", "ÉCOLE", "École", "STRASSE", "Straße", "WAVE of 2015", "a: b",
            "@[`{", "ZZ", "e\u{301}cole", "😀 pilot", "pi\u{AD}lot", "AZaz@[`{", "Pioneer SITES 14", "ÉCOLE Pilots",
        ]
        for text in texts {
            var rules = Array(repeating: UInt64(0), count: automaton.ruleWords)
            automaton.candidates(in: text, into: &rules)
            #expect(rules == automaton.candidates(in: Array(text.lowercased().utf8)), "\(text)")
        }
    }

    @Test(arguments: 0..<50) func agreesWithSearchingEachRuleAlone(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) + 1)
        let alphabet = Array("abcé ".utf8)
        func word(_ length: Int) -> [UInt8] { (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] } }
        let keywords: [[[[UInt8]]]?] = (0..<70).map { _ in
            Int.random(in: 0..<5, using: &random) == 0 ? nil : (0..<(1 + Int.random(in: 0..<3, using: &random))).map { _ in
                (0..<(1 + Int.random(in: 0..<3, using: &random))).map { _ in word(1 + Int.random(in: 0..<4, using: &random)) }
            }
        }
        let automaton = KeywordAutomaton(keywords: keywords)
        for attempt in 0..<24 {
            // Some texts are long enough to be read as two halves at once.
            let text = word(attempt < 20 ? Int.random(in: 0..<60, using: &random) : Int.random(in: 60..<400, using: &random))
            let set = automaton.candidates(in: text)
            for (rule, clauses) in keywords.enumerated() {
                let expected = clauses.map { $0.contains { $0.allSatisfy { Self.occurs($0, in: text) } } } ?? true
                #expect(KeywordAutomaton.contains(set, rule) == expected, "rule \(rule) in \(String(decoding: text, as: UTF8.self))")
            }
        }
    }

    /// A long text is read as two halves at once: a literal is found wherever it lies, across the middle included,
    /// and only where it lies.
    @Test func aLiteralIsFoundAtEveryPlaceInALongText() {
        let literal = Array("pioneers".utf8)
        let automaton = KeywordAutomaton(keywords: [[[literal]], [[Array("xyz".utf8)]]])
        for length in [100, 101, 157] {
            for position in 0...(length - literal.count) {
                var text = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                text.replaceSubrange(position..<position + literal.count, with: literal)
                let set = automaton.candidates(in: text)
                #expect(KeywordAutomaton.contains(set, 0), "at \(position) of \(length)")
                #expect(!KeywordAutomaton.contains(set, 1))
            }
            // Cut anywhere, it is no longer there.
            for cut in 1..<literal.count {
                var text = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                let middle = length / 2 - cut
                text.replaceSubrange(middle..<middle + cut, with: literal[..<cut])
                text.replaceSubrange(middle + cut + 1..<middle + literal.count + 1, with: literal[cut...])
                #expect(!KeywordAutomaton.contains(automaton.candidates(in: text), 0))
            }
        }
    }
}
