/// Finds the abbreviation a document defines right after a name: "INTEGRATED CARE AND SUPPORT PIONEERS
/// (PIONEERS)", "Integrated Care Pilots (ICPs)".
///
/// Why: documents define a short name once and then use it, and the short name is often a word that means nothing
/// alone ("pioneers"), so the rule files rightly do not list it as an alias; but the entity tables should still show
/// that the document called the entity so. The test is Schwartz and Hearst's (2003): the parenthesis follows the
/// name directly, the short form starts with a letter and holds a capital, and its letters and digits occur in the
/// name in order, the first at the start of a word.
enum AbbreviationFinder {
    /// The abbreviation defined in parentheses right after `span` of `scalars`, if any.
    static func abbreviation(after span: Range<Int>, in scalars: [Unicode.Scalar]) -> String? {
        guard span.upperBound <= scalars.count, !span.isEmpty else { return nil }
        var index = span.upperBound
        while index < scalars.count, scalars[index] == " " { index += 1 }
        guard index < scalars.count, scalars[index] == "(" else { return nil }
        let start = index + 1
        guard let close = scalars[start..<min(scalars.count, start + 24)].firstIndex(where: { $0 == ")" || $0 == "(" || $0 == "\n" }),
            scalars[close] == ")"
        else { return nil }
        let short = ScalarText.string(scalars[start..<close])
        let long = ScalarText.string(scalars[span])
        return isAbbreviation(short, of: long) ? short : nil
    }

    static func isAbbreviation(_ short: String, of long: String) -> Bool {
        let shortScalars = Array(short.unicodeScalars)
        guard let first = shortScalars.first, first.properties.isAlphabetic, shortScalars.count >= 2,
            shortScalars.contains(where: { $0.properties.isUppercase }),
            short.split(separator: " ").count <= 2,
            short.lowercased() != long.lowercased()
        else { return false }
        let letters = shortScalars.filter(isWordCharacter).map(lowered)
        let longScalars = Array(long.unicodeScalars).map(lowered)
        // Match from the end, as Schwartz and Hearst do, so the last letters find the nearest words.
        var position = longScalars.count - 1
        for (index, letter) in letters.enumerated().reversed() {
            while position >= 0 {
                let matches = longScalars[position] == letter
                let wordStart = position == 0 || !isWordCharacter(longScalars[position - 1])
                if matches, index > 0 || wordStart { break }
                position -= 1
            }
            guard position >= 0 else { return false }
            position -= 1
        }
        return true
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func lowered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }
}
