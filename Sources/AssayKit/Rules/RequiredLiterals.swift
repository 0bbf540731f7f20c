/// Finds words that every match of a pattern must contain, so the extractor can skip a block (with a cheap
/// substring test) where the pattern cannot match instead of running the regular expression there.
///
/// The pattern is read at its top level: each atom that must match (no `?`, `*` or `{0,…}` after it) gives a set
/// of literals one of which every match contains: a run of letters, or for a group, one literal from each of its
/// alternatives. The most selective set (the one whose shortest literal is longest) is the rule's prefilter. When
/// no atom gives one (a pattern of classes and escapes only), there is no prefilter and the rule runs everywhere.
/// Literals are lowercased: patterns run case-insensitively on folded text, and blocks are lowercased to compare.
enum RequiredLiterals {
    static func derive(from pattern: String) -> [String]? {
        let scalars = Array(pattern.unicodeScalars)
        guard let sets = sequence(scalars, 0..<scalars.count) else { return nil }
        return sets.max { score($0) < score($1) }.map { Array(Set($0)).sorted() }
    }

    private static func score(_ set: [String]) -> Int { set.map(\.count).min() ?? 0 }

    /// For a sequence of atoms: the literal sets of its mandatory atoms (empty when none gives one); nil when the
    /// sequence has a top-level `|` (its alternatives are handled by the caller).
    private static func sequence(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> [[String]]? {
        var sets: [[String]] = []
        var run = ""
        var index = range.lowerBound
        func flush() {
            // Three letters, or two characters with a digit ("19", "20" of a year), are selective enough.
            let hasDigit = run.unicodeScalars.contains { ("0"..."9").contains($0) }
            if run.count >= 3 || (hasDigit && run.count >= 2) { sets.append([run.lowercased()]) }
            run = ""
        }
        while index < range.upperBound {
            let scalar = scalars[index]
            var atomEnd = index + 1
            var literal: [String]?
            var isLetter = false
            switch scalar {
            case "\\":
                atomEnd = min(index + 2, range.upperBound)
                if atomEnd < range.upperBound, "pPxN".unicodeScalars.contains(scalars[index + 1]), scalars[atomEnd] == "{" {
                    atomEnd = (scalars[atomEnd..<range.upperBound].firstIndex(of: "}") ?? range.upperBound - 1) + 1
                }
            case "[":
                var end = index + 1
                while end < range.upperBound, scalars[end] != "]" { end += scalars[end] == "\\" ? 2 : 1 }
                atomEnd = min(end + 1, range.upperBound)
            case "(":
                guard let close = closingParenthesis(scalars, from: index, limit: range.upperBound) else { return nil }
                atomEnd = close + 1
                var inner = index + 1
                if inner < close, scalars[inner] == "?" {
                    // Lookarounds say nothing about the match's own text.
                    if inner + 1 < close, "=!".unicodeScalars.contains(scalars[inner + 1]) || (scalars[inner + 1] == "<" && inner + 2 < close && "=!".unicodeScalars.contains(scalars[inner + 2])) {
                        inner = close
                    } else if inner + 1 < close, scalars[inner + 1] == "<" {
                        inner = (scalars[inner..<close].firstIndex(of: ">") ?? close - 1) + 1
                    } else {
                        inner = (scalars[inner..<close].firstIndex(where: { $0 == ":" || $0 == ")" }) ?? close - 1) + 1
                    }
                }
                literal = inner < close ? alternatives(scalars, inner..<close) : nil
            case ")", "|":
                return nil
            case "^", "$", ".":
                break
            default:
                isLetter = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            }
            // What follows the atom: a quantifier that allows zero makes it optional.
            var optional = false
            var repeats = false
            if atomEnd < range.upperBound {
                switch scalars[atomEnd] {
                case "?", "*": optional = true
                case "+": repeats = true
                case "{":
                    if let close = scalars[atomEnd..<range.upperBound].firstIndex(of: "}") {
                        let inside = String(String.UnicodeScalarView(scalars[(atomEnd + 1)..<close]))
                        optional = inside.hasPrefix("0")
                        repeats = true
                    }
                default: break
                }
            }
            if isLetter && !optional && !repeats {
                run.unicodeScalars.append(scalar)
            } else {
                if isLetter && !optional { run.unicodeScalars.append(scalar) }
                flush()
                if let literal, !optional { sets.append(literal) }
            }
            index = atomEnd
            // Step over the quantifier (and a lazy or possessive mark).
            while index < range.upperBound, "?*+".unicodeScalars.contains(scalars[index]) { index += 1 }
            if index < range.upperBound, scalars[index] == "{", let close = scalars[index..<range.upperBound].firstIndex(of: "}"),
                String(String.UnicodeScalarView(scalars[(index + 1)..<close])).allSatisfy({ $0.isNumber || $0 == "," })
            {
                index = close + 1
                while index < range.upperBound, "?+".unicodeScalars.contains(scalars[index]) { index += 1 }
            }
        }
        flush()
        return sets
    }

    /// One literal set covering every alternative of a group's content, or nil when some alternative gives none.
    private static func alternatives(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> [String]? {
        var parts: [Range<Int>] = []
        var depth = 0, start = range.lowerBound, index = range.lowerBound
        while index < range.upperBound {
            switch scalars[index] {
            case "\\": index += 1
            case "[":
                while index < range.upperBound, scalars[index] != "]" { index += scalars[index] == "\\" ? 2 : 1 }
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0:
                parts.append(start..<index)
                start = index + 1
            default: break
            }
            index += 1
        }
        parts.append(start..<range.upperBound)
        var union: [String] = []
        for part in parts {
            guard let sets = sequence(scalars, part), let best = sets.max(by: { score($0) < score($1) }) else { return nil }
            union += best
        }
        return union
    }

    private static func closingParenthesis(_ scalars: [Unicode.Scalar], from start: Int, limit: Int) -> Int? {
        var depth = 0, index = start
        while index < limit {
            switch scalars[index] {
            case "\\": index += 1
            case "[":
                while index < limit, scalars[index] != "]" { index += scalars[index] == "\\" ? 2 : 1 }
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }
}
