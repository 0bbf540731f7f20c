@testable import AssayKit
import Testing

/// The review pages' one escaping function, byte by byte, against its definition scalar by scalar.
@Suite struct HTMLEscapeTests {
    /// The definition: the five markup characters as entities, characters HTML may not hold as U+FFFD.
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The String-based escaping the pages used before they were built as bytes, kept to show the byte-level one
    /// gives the same text.
    static func legacy(_ text: some StringProtocol) -> String {
        func needsWork(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F, 0xEF: true
            case 0x00...0x1F: byte != 0x09 && byte != 0x0A && byte != 0x0D
            default: false
            }
        }
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        let utf8 = text.utf8
        guard utf8.contains(where: needsWork) else { return String(text) }
        var out: [UInt8] = []
        var bytes = Array(utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(byte)
            case 0x00...0x1F, 0x7F: out += replacement
            case 0xEF where bytes.count >= 2 && bytes[bytes.startIndex] == 0xBF && bytes[bytes.startIndex + 1] >= 0xBE:
                bytes.removeFirst(2)
                out += replacement
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Texts that have tripped escapers: nothing to do, only markup, markup at either end, every control, the
    /// noncharacters at the very end, scalars whose UTF-8 starts with EF but are kept, astral scalars.
    static let tricky: [String] = [
        "", "a", "plain text with nothing to do, and more of it than a word", "&", "<>&\"'", "'x'", "x&", "&x", "a&&b<<c",
        "\u{0}", "\t\n\r", "\u{1F}\u{7F}", String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }),
        "\u{FFFE}", "\u{FFFF}", "x\u{FFFF}", "\u{FFFE}x", "\u{FFFD}\u{FFEF}\u{EFFF}\u{F000}\u{FEFF}", "\u{EFBF}\u{BFBE}",
        "😀", "a😀<😀>", "𝄞&𐍈", "é\u{301}<", "R&D's \"café\" — ½ < ¾", "\r\n<br>\r\n", "\u{FFFF}\u{FFFE}\u{FFFF}",
    ]

    @Test(arguments: tricky) func bytesAgreeWithTheStringBasedEscaping(text: String) {
        #expect(HTMLEscape.escape(text) == Self.legacy(text), "\(text.debugDescription)")
        #expect(HTMLEscape.escape(text) == Self.reference(text), "\(text.debugDescription)")
        #expect(HTMLEscape.escape(text[...]) == Self.legacy(text[...]))
    }

    /// Escaping is per scalar: a text cut anywhere between scalars, its pieces escaped one after the other into one
    /// buffer, gives the bytes of the whole escaped (the document pages escape a text a piece at a time).
    @Test(arguments: tricky) func escapingPiecesGivesTheWhole(text: String) {
        let scalars = Array(text.unicodeScalars)
        for cut in 0...scalars.count {
            var out = HTMLBuffer()
            var text = text
            let bytesBefore = String(String.UnicodeScalarView(scalars[..<cut])).utf8.count
            text.withUTF8 { utf8 in
                out.escaped(utf8: UnsafeBufferPointer(rebasing: utf8[..<bytesBefore]))
                out.escaped(utf8: UnsafeBufferPointer(rebasing: utf8[bytesBefore...]))
            }
            #expect(out.string == Self.legacy(text), "\(text.debugDescription) cut at \(cut)")
        }
    }

    @Test func everyByteIsClassifiedAsTheDefinitionSays() {
        for byte in UInt8.min...UInt8.max {
            let expected: Bool = switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F, 0xEF: true
            case 0x00...0x1F: byte != 0x09 && byte != 0x0A && byte != 0x0D
            default: false
            }
            #expect(HTMLEscape.needsWork(byte) == expected, "byte \(byte)")
        }
    }

    @Test func escapesMarkupAndReplacesWhatHTMLMayNotHold() {
        #expect(HTMLEscape.escape("<a href=\"x\">R&D's</a>") == "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;")
        #expect(HTMLEscape.escape("a\u{0}b\u{7F}c\u{FFFE}d\u{FFFF}e\u{FFFD}\tf\ng") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}\tf\ng")
        #expect(HTMLEscape.escape("café 😀 \u{EFFF} \u{FFEF}") == "café 😀 \u{EFFF} \u{FFEF}")
        #expect(HTMLEscape.escape("") == "")
    }

    /// Longer texts, mostly plain with a few characters that need work anywhere: the escaper skips eight bytes at
    /// a time while none needs work, so every place in a word, and words cut by the end, are tried.
    @Test(arguments: 0..<40) func agreesWithTheDefinitionOnLongTexts(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) + 1_000)
        let rare: [Unicode.Scalar] = ["&", "<", ">", "\"", "'", "\u{0}", "\t", "\n", "\u{1F}", "\u{7F}", "é", "\u{EFBF}", "\u{FFFE}", "\u{FFFF}", "😀", "\u{BFBE}", "\u{FFFD}"]
        let common: [Unicode.Scalar] = ["a", "Z", " ", "0", ",", ".", "-", ":", "(", "~", "\u{80}", "ÿ"]
        for _ in 0..<30 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<100, using: &random) {
                let pool = Int.random(in: 0..<12, using: &random) == 0 ? rare : common
                text.unicodeScalars.append(pool[Int.random(in: 0..<pool.count, using: &random)])
            }
            #expect(HTMLEscape.escape(text) == Self.reference(text), "\(text.debugDescription)")
            // From every start, so that each byte comes at every place in a word.
            for start in 0..<min(9, text.unicodeScalars.count) {
                let tail = String(text.unicodeScalars.dropFirst(start))
                #expect(HTMLEscape.escape(tail) == Self.reference(tail), "\(tail.debugDescription)")
            }
        }
    }

    /// Every byte alone in a word of plain letters, at every place: a byte that needs work is never let through.
    @Test func wordsWithAByteThatNeedsWorkAreLookedAt() {
        for byte in UInt8.min...UInt8.max {
            for place in 0..<8 {
                var word = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                word[place] = byte
                let value = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                if HTMLEscape.needsWork(byte) { #expect(HTMLEscape.mayNeedWork(value), "byte \(byte) at \(place)") }
                if byte >= 0x20, !HTMLEscape.needsWork(byte) { #expect(!HTMLEscape.mayNeedWork(value), "byte \(byte) at \(place)") }
            }
        }
    }

    @Test(arguments: 0..<40) func agreesWithTheDefinition(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) + 7)
        let pool: [Unicode.Scalar] = ["a", " ", "&", "<", ">", "\"", "'", "\u{0}", "\t", "\u{1F}", "\u{7F}", "é", "\u{EFBF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "😀", "\u{BFBE}"]
        for _ in 0..<30 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<24, using: &random) { text.unicodeScalars.append(pool[Int.random(in: 0..<pool.count, using: &random)]) }
            #expect(HTMLEscape.escape(text) == Self.reference(text), "\(text.debugDescription)")
            #expect(HTMLEscape.escape(text) == Self.legacy(text), "\(text.debugDescription)")
        }
    }
}
