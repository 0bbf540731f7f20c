/// Finds rule-file habits that cost later: patterns prone to catastrophic backtracking, lexicon entries nothing
/// uses, aliases written twice, rules without examples.
///
/// Input: a compiled `RuleSet` (and the diagnostics its loading produced). Output: warnings at `file:line:column`.
/// The backtracking checks read the expanded pattern's structure; they are heuristics that flag the shapes known to
/// explode (`(a+)+`, `(a|ab)*`, `.*x.*y`), not proofs.
public struct RuleLinter: Sendable {
    public var ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    public func lint(loadDiagnostics: [Diagnostic] = []) -> [Diagnostic] {
        // Unused lexicon entries and rules without examples are found while loading; lint shows them too.
        var findings = loadDiagnostics.filter { $0.severity == .warning }
        for rule in ruleSet.rules {
            for problem in PatternShape.problems(in: rule.expandedPattern) {
                findings.append(Diagnostic(
                    .warning, stage: .rules, "pattern may backtrack catastrophically: \(problem)", at: rule.location,
                    ruleID: rule.id, notes: ["make the repeated parts exclusive, bound the gap ({0,80}), or use a possessive (*+) or atomic group (?>…)"]))
            }
        }
        for (name, entry) in ruleSet.lexicon.sorted(by: { $0.key < $1.key }) {
            for problem in PatternShape.problems(in: entry.pattern) {
                findings.append(Diagnostic(
                    .warning, stage: .rules, "lexicon entry '\(name)' may backtrack catastrophically: \(problem)", at: entry.location))
            }
        }
        for (name, gazetteer) in ruleSet.gazetteers.sorted(by: { $0.key < $1.key }) {
            for entry in gazetteer.entries {
                var seen: Set<String> = []
                for alias in entry.aliases where !seen.insert(Gazetteer.key(alias)).inserted {
                    findings.append(Diagnostic(
                        .warning, stage: .rules, "alias '\(alias)' is written twice for '\(entry.id)' in gazetteer '\(name)'",
                        at: entry.location))
                }
            }
        }
        return findings.sorted { ($0.location?.file ?? "", $0.location?.line ?? 0, $0.message) < ($1.location?.file ?? "", $1.location?.line ?? 0, $1.message) }
    }
}

/// Reads a regular expression's structure: groups, their alternatives, and the quantifiers on every atom.
enum PatternShape {
    private struct Group {
        var start: Int
        /// Some atom inside repeats without bound (`+`, `*`, `{n,}`).
        var repeatingChild = false
        /// The current alternative has an atom that must match exactly once (a letter, a class, a group).
        var currentHasFixedAtom = false
        var everyAlternativeHasFixedAtom = true
        var alternatives: [String] = []
        var current = ""
    }

    /// Problems found, each described for people.
    static func problems(in pattern: String) -> [String] {
        let scalars = Array(pattern.unicodeScalars)
        var problems: [String] = []
        var stack: [Group] = []
        var gaps = 0
        var index = 0

        /// The quantifier at `position`: whether it repeats without bound, may match zero or many, and its length.
        func quantifier(at position: Int) -> (unbounded: Bool, variable: Bool, length: Int)? {
            guard position < scalars.count else { return nil }
            var length = 1
            let result: (Bool, Bool)
            switch scalars[position] {
            case "*", "+": result = (true, true)
            case "?": result = (false, true)
            case "{":
                guard let close = scalars[position...].firstIndex(of: "}") else { return nil }
                let parts = String(String.UnicodeScalarView(scalars[(position + 1)..<close])).split(separator: ",", omittingEmptySubsequences: false)
                guard let lower = parts.first.flatMap({ Int($0) }) else { return nil }
                length = close - position + 1
                if parts.count == 1 { result = (false, false) } else if parts[1].isEmpty { result = (true, true) } else { result = (false, Int(parts[1]) != lower) }
            default: return nil
            }
            // A possessive quantifier never gives back what it took, so it cannot backtrack.
            if position + length < scalars.count, scalars[position + length] == "+" { return nil }
            return (result.0, result.1, length)
        }

        /// Records an atom ending before `position` in the innermost group, and steps over its quantifier.
        func atom(_ text: String, endingAt position: Int) -> Int {
            let found = quantifier(at: position)
            if !stack.isEmpty {
                if let found {
                    if found.unbounded { stack[stack.count - 1].repeatingChild = true }
                    if !found.variable { stack[stack.count - 1].currentHasFixedAtom = true }
                } else {
                    stack[stack.count - 1].currentHasFixedAtom = true
                }
                stack[stack.count - 1].current += text
            }
            return position + (found?.length ?? 0)
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                let end = min(index + 2, scalars.count)
                index = atom(String(String.UnicodeScalarView(scalars[index..<end])), endingAt: end)
            case "[":
                var end = index + 1
                while end < scalars.count, scalars[end] != "]" { end += scalars[end] == "\\" ? 2 : 1 }
                end = min(end + 1, scalars.count)
                index = atom(String(String.UnicodeScalarView(scalars[index..<end])), endingAt: end)
            case "(":
                stack.append(Group(start: index))
                // Skip the group's flags: `?:`, `?<name>`, `?=`, `?!`, `?<=`, `?<!`, `?>`.
                var next = index + 1
                if next < scalars.count, scalars[next] == "?" {
                    next += 1
                    if next < scalars.count, scalars[next] == "<", next + 1 < scalars.count, scalars[next + 1] != "=", scalars[next + 1] != "!" {
                        while next < scalars.count, scalars[next] != ">" { next += 1 }
                    }
                    next += 1
                    if next - 1 < scalars.count, scalars[next - 1] == "<" { next += 1 }
                }
                index = next
            case "|" where !stack.isEmpty:
                stack[stack.count - 1].everyAlternativeHasFixedAtom = stack[stack.count - 1].everyAlternativeHasFixedAtom && stack[stack.count - 1].currentHasFixedAtom
                stack[stack.count - 1].alternatives.append(stack[stack.count - 1].current)
                stack[stack.count - 1].current = ""
                stack[stack.count - 1].currentHasFixedAtom = false
                index += 1
            case ")" where !stack.isEmpty:
                var group = stack.removeLast()
                group.everyAlternativeHasFixedAtom = group.everyAlternativeHasFixedAtom && group.currentHasFixedAtom
                let alternatives = group.alternatives + [group.current]
                let text = String(String.UnicodeScalarView(scalars[group.start...index]))
                if let found = quantifier(at: index + 1), found.unbounded {
                    if group.repeatingChild && !group.everyAlternativeHasFixedAtom {
                        problems.append("'\(text)' repeats a group whose own repetitions can split the same text many ways (nested quantifiers)")
                    } else if let (a, b) = overlapping(alternatives) {
                        problems.append("'\(text)' repeats alternatives that can match the same text ('\(a)' and '\(b)')")
                    }
                }
                if !stack.isEmpty, group.repeatingChild { stack[stack.count - 1].repeatingChild = true }
                index = atom(text, endingAt: index + 1)
            case ".":
                if let found = quantifier(at: index + 1), found.unbounded { gaps += 1 }
                index = atom(".", endingAt: index + 1)
            default:
                index = atom(String(scalar), endingAt: index + 1)
            }
        }
        if gaps >= 2 {
            problems.append("\(gaps) unbounded gaps ('.*' or '.+') between literals; bound them, e.g. '.{0,80}?'")
        }
        return problems
    }

    /// Two alternatives where one is a prefix of the other, so a repetition can split the same text in many ways.
    private static func overlapping(_ alternatives: [String]) -> (String, String)? {
        for (i, a) in alternatives.enumerated() where !a.isEmpty {
            for b in alternatives[(i + 1)...] where !b.isEmpty && (a.hasPrefix(b) || b.hasPrefix(a)) {
                return (a, b)
            }
        }
        return nil
    }
}
