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

/// Element steps: `[n]` exactly when a sibling shares the name, counted the same way for few and many siblings.
@Suite struct ElementStepTests {
    static func reference(_ names: [String]) -> [String] {
        names.enumerated().map { index, name in
            let total = names.count { $0 == name }
            return total > 1 ? "\(name)[\(names[...index].count { $0 == name })]" : name
        }
    }

    @Test(arguments: [3, 16, 17, 40]) func stepsNumberRepeatedNames(count: Int) {
        var random = SeededGenerator(seed: UInt64(count))
        let names = (0..<count).map { _ in ["li", "p", "div", "span"][Int.random(in: 0..<4, using: &random)] }
        #expect(TreeWalker.steps(names) == Self.reference(names))
    }

    @Test func pathsAreComposedFromSteps() {
        var table = ElementTable()
        let root = table.add(step: "/html", parent: -1)
        let body = table.add(step: "body", parent: root)
        let first = table.add(step: "li[1]", parent: body), second = table.add(step: "li[2]", parent: body)
        #expect(table.paths == ["/html", "/html/body", "/html/body/li[1]", "/html/body/li[2]"])
        #expect(table.commonPath(first, second) == "/html/body")
        #expect(table.commonPath(first, first) == "/html/body/li[1]")
    }
}
