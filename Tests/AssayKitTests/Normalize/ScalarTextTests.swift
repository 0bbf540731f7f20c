@testable import AssayKit
import Testing
import TestSupport

/// The one-pass UTF-8 decoder gives exactly the standard library's scalars, replacement characters included.
@Suite struct ScalarTextTests {
    @Test func decodesLikeTheStandardLibrary() {
        for text in ["", "plain", "café – ‘quoted’ … 𝔘𝔫𝔦", "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"] {
            #expect(ScalarText.scalars(of: text) == Array(text.unicodeScalars), "\(text)")
        }
    }

    /// Random bytes, mostly ill-formed: overlong forms, surrogates, truncated sequences, stray continuation bytes.
    @Test(arguments: 0..<20) func illFormedBytesBecomeWhatStringMakesOfThem(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) + 1)
        let pieces: [[UInt8]] = [[0x41], [0xC3, 0xA9], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x80], [0x80], [0xF4, 0x90, 0x80, 0x80],
                                 [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xE2, 0x80, 0x93]]
        let bytes = (0..<40).flatMap { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }
        let expected = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        #expect(bytes.withUnsafeBufferPointer { ScalarText.scalars(utf8: $0) } == expected)
    }
}
