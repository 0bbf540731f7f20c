/// Says where and why a regular expression is invalid, because Foundation on Linux reports only that it is.
///
/// It finds the common mistakes by reading the pattern: a bracket or parenthesis left open or closed twice, a group
/// name ICU does not accept, a quantifier with nothing to repeat, `{n,m}` with n > m, a trailing backslash.
/// Offsets count Unicode scalars from the start of the pattern.
enum RegexDiagnoser {
    struct Finding: Equatable {
        var offset: Int
        var message: String
    }

    static func diagnose(_ pattern: String) -> Finding? {
        let scalars = Array(pattern.unicodeScalars)
        var open: [Int] = []
        var index = 0
        var previousAllowsQuantifier = false
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else { return Finding(offset: index, message: "the pattern ends with a lone backslash") }
                // `\p{…}`, `\x{…}` and `\N{…}` run to their closing brace.
                if "pPxN".unicodeScalars.contains(scalars[index + 1]), index + 2 < scalars.count, scalars[index + 2] == "{" {
                    guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                        return Finding(offset: index, message: "'\\\(scalars[index + 1]){' is not closed with '}'")
                    }
                    index = close + 1
                } else {
                    index += 2
                }
                previousAllowsQuantifier = true
                continue
            case "[":
                guard let close = classEnd(scalars, from: index) else {
                    return Finding(offset: index, message: "'[' opens a character class that is never closed with ']'")
                }
                index = close + 1
                previousAllowsQuantifier = true
                continue
            case "(":
                open.append(index)
                if index + 2 < scalars.count, scalars[index + 1] == "?", scalars[index + 2] == "<",
                    index + 3 < scalars.count, scalars[index + 3] != "=", scalars[index + 3] != "!"
                {
                    var end = index + 3
                    while end < scalars.count, scalars[end] != ">" {
                        let character = scalars[end]
                        let allowed = character.isASCII && (character.properties.isAlphabetic || ("0"..."9").contains(character))
                        if !allowed || (end == index + 3 && ("0"..."9").contains(character)) {
                            return Finding(offset: end, message: "group names take ASCII letters and digits only, starting with a letter (ICU allows no '_' or '-')")
                        }
                        end += 1
                    }
                    guard end < scalars.count else { return Finding(offset: index, message: "the group name is not closed with '>'") }
                }
                previousAllowsQuantifier = false
            case ")":
                guard open.popLast() != nil else { return Finding(offset: index, message: "')' closes a group that was never opened") }
                previousAllowsQuantifier = true
            case "|":
                previousAllowsQuantifier = false
            case "*", "+", "?":
                let isLazyOrPossessive = index > 0 && "*+?}".unicodeScalars.contains(scalars[index - 1]) && scalar != "*"
                let isGroupFlag = scalar == "?" && index > 0 && scalars[index - 1] == "("
                if !previousAllowsQuantifier && !isLazyOrPossessive && !isGroupFlag {
                    return Finding(offset: index, message: "'\(scalar)' has nothing to repeat")
                }
            case "{":
                if let (lower, upper, end) = bounds(scalars, from: index) {
                    if !previousAllowsQuantifier { return Finding(offset: index, message: "'{' repeats nothing") }
                    if let upper, upper < lower {
                        return Finding(offset: index, message: "{\(lower),\(upper)}: the minimum is larger than the maximum")
                    }
                    index = end + 1
                    continue
                }
                previousAllowsQuantifier = true
            default:
                previousAllowsQuantifier = true
            }
            index += 1
        }
        if let unclosed = open.last { return Finding(offset: unclosed, message: "'(' opens a group that is never closed with ')'") }
        return nil
    }

    /// The index of the `]` closing the class that opens at `start`, allowing nested classes and a leading `]`.
    private static func classEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < scalars.count {
            switch scalars[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// `{n}`, `{n,}` or `{n,m}` starting at `start`: the bounds and the index of `}`.
    private static func bounds(_ scalars: [Unicode.Scalar], from start: Int) -> (Int, Int?, Int)? {
        guard let close = scalars[start...].firstIndex(of: "}") else { return nil }
        let inside = String(String.UnicodeScalarView(scalars[(start + 1)..<close]))
        let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let lower = Int(parts[0]) else { return nil }
        if parts.count == 1 { return (lower, lower, close) }
        if parts[1].isEmpty { return (lower, nil, close) }
        guard let upper = Int(parts[1]) else { return nil }
        return (lower, upper, close)
    }
}
