/// Splits a short value phrase into letter runs, digit runs and single symbols.
///
/// Both value normalisers share this lexer so that case folding, whitespace folding and
/// the mapping of typographic dashes and apostrophes happen once, in one place. Letters
/// and digits are split even when glued (`100k`, `25th`, `2018Q4`, `FY2017`), and each
/// token records whether whitespace preceded it, so grammars can tell `1 234` (a spaced
/// thousands group) from `1,234` or `2014-15`.
enum ValueLexer {
    /// One lexical unit of a phrase.
    struct Token: Sendable, Equatable {
        /// What the token is made of.
        enum Kind: Sendable, Equatable {
            /// A run of letters, lowercased (`november`, `st`, `q`).
            case word
            /// A run of ASCII digits, kept as written so leading zeros and width survive.
            case digits
            /// One other character; every dash is `-` and every apostrophe is `'`.
            case symbol
        }

        var kind: Kind
        var text: String
        /// True when whitespace separated this token from the one before it.
        var spaced: Bool

        /// True for a word token spelled exactly `word`.
        @inline(__always)
        func isWord(_ word: String) -> Bool { kind == .word && text == word }

        /// True for the symbol token `symbol`.
        @inline(__always)
        func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

        /// The value of a digit run of at most nine digits; longer runs would be a
        /// different kind of value (and could overflow), so they read as nil.
        var smallInt: Int? {
            guard kind == .digits, text.utf8.count <= 9 else { return nil }
            var value = 0
            for byte in text.utf8 { value = value * 10 + Int(byte &- 48) }
            return value
        }

        /// Number of characters in the token (digit count for a digit run).
        var width: Int { text.utf8.count }
    }

    /// Tokenises `phrase`; never fails, and returns an empty array for blank input.
    static func tokenize(_ phrase: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(8)
        var current = ""
        var currentKind: Token.Kind? = nil
        var currentSpaced = false
        var pendingSpace = false

        func flush() {
            if let kind = currentKind {
                tokens.append(Token(kind: kind, text: current, spaced: currentSpaced))
                current = ""
                currentKind = nil
            }
        }

        for scalar in phrase.unicodeScalars {
            let v = scalar.value
            let kind: Token.Kind
            var emitted = scalar
            switch v {
            case 0x30...0x39:
                kind = .digits
            case 0x41...0x5A:
                kind = .word
                emitted = Unicode.Scalar(v + 0x20)!
            case 0x61...0x7A:
                kind = .word
            case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
                flush()
                pendingSpace = true
                continue
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0x00AD:
                kind = .symbol
                emitted = "-"
            case 0x2018, 0x2019, 0x201B, 0x02BC, 0x2032, 0x0060, 0x00B4:
                kind = .symbol
                emitted = "'"
            default:
                if v < 0x80 {
                    kind = .symbol
                } else if scalar.properties.isAlphabetic {
                    // Non-ASCII letters stay inside their word so `café` does not leave
                    // a stray `caf` that some table might match.
                    kind = .word
                    emitted = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
                } else if scalar.properties.isWhitespace {
                    flush()
                    pendingSpace = true
                    continue
                } else {
                    kind = .symbol
                }
            }
            if kind == .symbol || kind != currentKind {
                flush()
                currentKind = kind
                currentSpaced = pendingSpace
                pendingSpace = false
            }
            current.unicodeScalars.append(emitted)
            if kind == .symbol { flush() }
        }
        flush()
        return tokens
    }
}
