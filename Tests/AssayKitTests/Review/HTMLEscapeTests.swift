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

    @Test func escapesMarkupAndReplacesWhatHTMLMayNotHold() {
        #expect(HTMLEscape.escape("<a href=\"x\">R&D's</a>") == "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;")
        #expect(HTMLEscape.escape("a\u{0}b\u{7F}c\u{FFFE}d\u{FFFF}e\u{FFFD}\tf\ng") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}\tf\ng")
        #expect(HTMLEscape.escape("café 😀 \u{EFFF} \u{FFEF}") == "café 😀 \u{EFFF} \u{FFEF}")
        #expect(HTMLEscape.escape("") == "")
    }

    @Test(arguments: 0..<40) func agreesWithTheDefinition(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) + 7)
        let pool: [Unicode.Scalar] = ["a", " ", "&", "<", ">", "\"", "'", "\u{0}", "\t", "\u{1F}", "\u{7F}", "é", "\u{EFBF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "😀", "\u{BFBE}"]
        for _ in 0..<30 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<24, using: &random) { text.unicodeScalars.append(pool[Int.random(in: 0..<pool.count, using: &random)]) }
            #expect(HTMLEscape.escape(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
