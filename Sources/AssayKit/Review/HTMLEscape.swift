/// The one escaping function of the review pages: every piece of text and every attribute value goes through it.
///
/// Escapes the five characters that can end a text run or an attribute value (`&`, `<`, `>`, `"`, `'`), so the
/// result is safe both as element content and inside a double- or single-quoted attribute. Characters a document
/// may hold but HTML may not (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) become
/// U+FFFD, as a browser would show them.
enum HTMLEscape {
    static func escape(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}": out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
