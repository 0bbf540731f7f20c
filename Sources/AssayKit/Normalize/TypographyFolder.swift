/// Folds typography so rules match one spelling: curly quotes to straight, dashes to a hyphen, every space-like
/// character to a space, invisible format characters away.
///
/// Folding happens before matching, so a rule author writes `'types'` and `long-term` once. The originals are
/// kept in the source, and the `SourceMap` leads back to them.
enum TypographyFolder {
    enum Folded {
        case keep
        case space
        case drop
        case replace([Unicode.Scalar])
    }

    /// The most scalars one scalar is replaced by (the ellipsis); `TextBuilder` sizes its buffers by it.
    static let longestReplacement = 3

    static func fold(_ scalar: Unicode.Scalar) -> Folded {
        // ASCII, nearly all text, is decided by one comparison rather than the search through the cases below.
        if scalar.value < 0x80 { return scalar.value > 0x20 && scalar.value < 0x7F ? .keep : .space }
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
             0x205F, 0x3000:
            return .space
        case 0x00...0x1F, 0x7F...0x84, 0x86...0x9F:
            return .space
        case 0xAD, 0x200B, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            // Soft hyphens, zero-width spaces and direction marks sit inside words and must not split them.
            return .drop
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC:
            return .replace(apostrophe)
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB:
            return .replace(quote)
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D:
            return .replace(hyphen)
        case 0x2026:
            return .replace(ellipsis)
        default:
            return .keep
        }
    }

    // The replacements are made once: an array literal in `fold` would allocate at every curly quote and dash.
    private static let apostrophe: [Unicode.Scalar] = ["'"]
    private static let quote: [Unicode.Scalar] = ["\""]
    private static let hyphen: [Unicode.Scalar] = ["-"]
    private static let ellipsis: [Unicode.Scalar] = [".", ".", "."]

    /// Folds a whole string the same way the normaliser does, collapsing and trimming spaces.
    /// Used to compare a source excerpt with the normalised text it produced.
    static func foldedString(_ text: some StringProtocol) -> String {
        var builder = TextBuilder()
        builder.beginBlock(.paragraph)
        let scalars = Array(text.unicodeScalars)
        builder.append(run: scalars.count) { (scalars[$0], $0..<$0 + 1) }
        builder.endBlock()
        return builder.text
    }
}
