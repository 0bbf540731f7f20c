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

    static let tricky = [
        "", "a", "plain ASCII text", "café", "e\u{301}", "😀", "a😀b", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
        "ﬁ ﬂ", "line\r\nnext\rlast\n", "\u{A0}\u{AD}\u{200B}", "…‘’“”–—", String(repeating: "ab😀é", count: 40),
    ]

    /// Strings are written straight into their storage; the result is the string of those scalars, whatever their
    /// UTF-8 lengths, from whole arrays and from slices.
    @Test(arguments: tricky) func stringsAreTheirScalars(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        #expect(ScalarText.string(scalars) == text)
        #expect(ScalarText.string(scalars[...]).utf8.elementsEqual(text.utf8))
        if scalars.count > 2 {
            #expect(ScalarText.string(scalars[1..<scalars.count - 1]) == String(String.UnicodeScalarView(scalars[1..<scalars.count - 1])))
        }
        // A collection with no contiguous storage takes the generic path, to the same string.
        #expect(ScalarText.string(scalars.lazy.map { $0 }) == text)
    }

    /// Line starts counted then written agree with appending them one by one, for every kind of line break.
    @Test func lineStartsFollowEveryLineBreak() {
        for text in ["", "a", "a\nb", "a\r\nb", "a\rb", "\r\n\r\n", "\n\r", "a\r", "é\n😀\r\nb\r", "\r\r\n\n"] {
            let scalars = Array(text.unicodeScalars)
            var expected = [0]
            var index = 0
            while index < scalars.count {
                if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                if scalars[index] == "\r" || scalars[index] == "\n" { expected.append(index + 1) }
                index += 1
            }
            #expect(SourceMap.lineStarts(of: scalars) == expected, "\(text.debugDescription)")
        }
    }

    /// ASCII is folded by one comparison (and the text builder keeps printable ASCII without asking): printable
    /// characters stay, controls, the space and DEL are spaces, as the full table has them.
    @Test func asciiFoldsAsTheTableSays() {
        for value in UInt8(0)...UInt8(0x7F) {
            switch TypographyFolder.fold(Unicode.Scalar(value)) {
            case .keep where (0x21...0x7E).contains(value), .space where !(0x21...0x7E).contains(value): continue
            default: Issue.record("U+\(String(value, radix: 16)) is folded wrongly")
            }
        }
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

    /// A whole path read back from the cache, and a chain with no root, compose as before.
    @Test func pathsComposeFromWholePathsAndRootlessChains() {
        var table = ElementTable()
        let cached = table.add(path: "/html/body/main", parent: -1)
        let item = table.add(step: "li[2]", parent: cached)
        let loose = table.add(step: "p", parent: -1)
        let under = table.add(step: "b", parent: loose)
        let other = table.add(step: "i", parent: -1)
        #expect(table.paths == ["/html/body/main", "/html/body/main/li[2]", "/p", "/p/b", "/i"])
        #expect(table.commonPath(item, cached) == "/html/body/main")
        #expect(table.commonPath(under, other) == nil)
        #expect(table.commonPath(-1, item) == nil)
    }
}
