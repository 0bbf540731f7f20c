/// Finds words that every match of a pattern must contain, so the extractor can skip a block (with a cheap
/// substring test) where the pattern cannot match instead of running the regular expression there.
///
/// The result is a disjunction of conjunctions: a list of clauses, each a list of literals, such that every match
/// contains all the literals of at least one clause. The pattern is read at its top level: each atom that must
/// match (no `?`, `*` or `{0,…}` after it) gives such a list: a run of letters gives one clause of one literal; a
/// group gives the union of its alternatives' lists. A sequence keeps every atom that gives a single clause (all are
/// in every match, so their literals join one conjunction) and the most selective atom of several clauses, whose
/// clauses each get that conjunction. Why conjunctions: an alternation of names (a gazetteer) would otherwise be
/// filtered by one word per name, and the longest word of "high service users" is in nearly every block of a
/// health-care report; all three words together are in few. When no atom gives a literal (a pattern of classes and
/// escapes only), there is no prefilter and the rule runs everywhere. Literals are lowercased: patterns run
/// case-insensitively on folded text, and blocks are lowercased to compare.
enum RequiredLiterals {
    /// Clauses, each a sorted list of literals, all of one clause in every match.
    typealias Clauses = [[String]]

    static func derive(from pattern: String) -> Clauses? {
        let scalars = Array(pattern.unicodeScalars)
        guard let clauses = sequence(scalars, 0..<scalars.count), !clauses.isEmpty else { return nil }
        return normalized(clauses)
    }

    /// Sorted literals in each clause and sorted clauses, duplicates out: the same pattern gives the same bytes.
    private static func normalized(_ clauses: Clauses) -> Clauses {
        Array(Set(clauses.map { Array(Set($0)).sorted() })).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// How selective a list of clauses is: its weakest clause's longest literal (a block is skipped only when no
    /// clause is wholly in it, so the weakest clause decides).
    private static func score(_ clauses: Clauses) -> Int {
        clauses.map { $0.map(\.count).max() ?? 0 }.min() ?? 0
    }

    /// Combines the lists of a sequence's mandatory atoms: every single-clause atom's literals, with each clause of
    /// the most selective many-clause atom (if any). Empty when no atom gave a literal.
    private static func combine(_ lists: [Clauses]) -> Clauses {
        let conjunction = lists.filter { $0.count == 1 }.flatMap { $0[0] }
        let choices = lists.filter { $0.count > 1 }
        guard let best = choices.max(by: { score($0) < score($1) }) else {
            return conjunction.isEmpty ? [] : [conjunction]
        }
        return best.map { $0 + conjunction }
    }

    /// For a sequence of atoms: the clauses its mandatory atoms combine to (empty when none gives a literal); nil
    /// when the sequence has a top-level `|` (its alternatives are handled by the caller).
    private static func sequence(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Clauses? {
        var sets: [Clauses] = []
        var run = ""
        var index = range.lowerBound
        func flush() {
            // Three letters, or two characters with a digit ("19", "20" of a year), are selective enough.
            let hasDigit = run.unicodeScalars.contains { ("0"..."9").contains($0) }
            if run.count >= 3 || (hasDigit && run.count >= 2) { sets.append([[run.lowercased()]]) }
            run = ""
        }
        while index < range.upperBound {
            let scalar = scalars[index]
            var atomEnd = index + 1
            var literal: Clauses?
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
        return combine(sets)
    }

    /// The clauses of a group's content: the union of its alternatives' clauses, or nil when some alternative gives
    /// none (it could match without any literal).
    private static func alternatives(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Clauses? {
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
        var union: Clauses = []
        for part in parts {
            guard let clauses = sequence(scalars, part), !clauses.isEmpty else { return nil }
            union += clauses
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
