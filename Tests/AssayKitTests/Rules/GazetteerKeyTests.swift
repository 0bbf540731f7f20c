@testable import AssayKit
import Testing

/// A name's gazetteer key takes a byte path for ASCII text: it must give the key the Unicode path gives.
@Suite struct GazetteerKeyTests {
    @Test func asciiNamesGetTheKeyTheUnicodePathGives() {
        var random = SeededGenerator(seed: 17)
        let samples = ["", " ", "Southend-on-Sea", "SOUTHEND ON SEA", "West Norfolk Alliance", "O'Brien's 2nd wave", "a\tb\r\nc", "\u{0}\u{7F}`~^_"]
            + (0..<2_000).map { _ in
                String(decoding: (0..<Int.random(in: 0...24, using: &random)).map { _ in UInt8.random(in: 0...127, using: &random) }, as: UTF8.self)
            }
        for text in samples {
            #expect(Gazetteer.asciiKey(text) == Gazetteer.unicodeKey(text), "\(text.debugDescription)")
        }
    }

    @Test func otherNamesTakeTheUnicodePath() {
        for text in ["Southend‑on‑Sea", "café", "ＡＢＣ", "ﬁve sites", "Ⅻ", "straße", "O’Brien", "naïve 😀"] {
            #expect(Gazetteer.asciiKey(text) == nil)
            #expect(Gazetteer.key(text) == Gazetteer.unicodeKey(text))
        }
        #expect(Gazetteer.key("Southend‑on‑Sea") == "southendonsea")
    }
}
