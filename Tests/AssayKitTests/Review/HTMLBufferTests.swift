@testable import AssayKit
import Testing

/// The byte builder both kinds of review page are made with: markup as it is, text escaped, numbers as `String`
/// writes them.
@Suite struct HTMLBufferTests {
    @Test func appendsMarkupAsItIsAndTextEscaped() {
        var out = HTMLBuffer(capacity: 4)
        #expect(out.isEmpty)
        out.append("<p title=\"")
        out.escaped("a \"quoted\" <b>")
        out.append("\">")
        out.escaped("R&D's"[...])
        out.append([0x21])
        var other = HTMLBuffer()
        other.append("</p>😀")
        out.append(other)
        #expect(out.string == "<p title=\"a &quot;quoted&quot; &lt;b&gt;\">R&amp;D&#39;s!</p>😀")
        #expect(out.count == out.string.utf8.count)
        out.removeAll()
        #expect(out.isEmpty)
        out.escaped("")
        #expect(out.string == "")
    }

    @Test(arguments: [0, 1, 9, 10, 11, 99, 100, 12_345, -1, -10, -987_654_321, Int.max, Int.min, Int.max - 1, Int.min + 1])
    func writesNumbersAsStringDoes(number: Int) {
        var out = HTMLBuffer()
        out.append("n=")
        out.append(number)
        #expect(out.string == "n=\(number)")
    }

    @Test func writesRandomNumbersAsStringDoes() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            let number = Int.random(in: Int.min...Int.max, using: &random) >> Int.random(in: 0..<64, using: &random)
            var out = HTMLBuffer()
            out.append(number)
            #expect(out.string == String(number))
        }
    }

    /// A string not stored as one native buffer (a substring in the middle of one, a string made from scalars) is
    /// escaped like any other.
    @Test func escapesSubstringsAndMadeStrings() {
        let text = "xx<a & b>yy"
        let middle = text.dropFirst(2).dropLast(2)
        var out = HTMLBuffer()
        out.escaped(middle)
        #expect(out.string == "&lt;a &amp; b&gt;")
        var made = ""
        for scalar in "é'😀".unicodeScalars { made.unicodeScalars.append(scalar) }
        out.removeAll()
        out.escaped(made)
        #expect(out.string == "é&#39;😀")
    }
}
