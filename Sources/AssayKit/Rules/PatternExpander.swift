/// Replaces `{name}` references in patterns with lexicon entries and gazetteer alternations.
///
/// A reference is `{` + a letter + letters, digits or underscores + `}`, so regex quantifiers such as `{2}` and
/// `{1,3}` are left alone. Lexicon entries may refer to each other; a cycle is an error.
struct PatternExpander {
    let lexicon: [String: LexiconEntry]
    let gazetteers: [String: Gazetteer]
    private(set) var used: Set<String> = []
    private(set) var diagnostics: [Diagnostic] = []
    private var cache: [String: String] = [:]
    /// Lexicon entries that failed to expand: reported once, and fail every pattern that uses them.
    private var failedNames: Set<String> = []

    init(lexicon: [String: LexiconEntry], gazetteers: [String: Gazetteer]) {
        self.lexicon = lexicon
        self.gazetteers = gazetteers
    }

    mutating func resetUse(to names: Set<String>) { used = names }

    /// The expanded pattern, or nil (with a diagnostic) when a reference is unknown or circular.
    mutating func expand(_ pattern: String, at location: SourceLocation, line lines: [Substring], ruleID: String?) -> String? {
        var failed = false
        let result = expand(pattern, stack: [], location: location, lines: lines, ruleID: ruleID, failed: &failed)
        return failed ? nil : result
    }

    private mutating func expand(
        _ pattern: String, stack: [String], location: SourceLocation, lines: [Substring], ruleID: String?, failed: inout Bool
    ) -> String {
        var output = ""
        let scalars = Array(pattern.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                output.unicodeScalars.append(scalar)
                output.unicodeScalars.append(scalars[index + 1])
                index += 2
                // `\p{L}`, `\x{263A}`, `\N{name}`: the braces belong to the escape, not to a reference.
                if "pPxN".unicodeScalars.contains(scalars[index - 1]), index < scalars.count, scalars[index] == "{" {
                    while index < scalars.count {
                        output.unicodeScalars.append(scalars[index])
                        index += 1
                        if scalars[index - 1] == "}" { break }
                    }
                }
                continue
            }
            if scalar == "{", let (name, end) = Self.reference(in: scalars, at: index) {
                if failedNames.contains(name) {
                    failed = true
                } else if let cached = cache[name] {
                    output += cached
                    used.insert(name)
                } else if let gazetteer = gazetteers[name] {
                    let alternation = gazetteer.pattern
                    cache[name] = alternation
                    output += alternation
                } else if let entry = lexicon[name] {
                    used.insert(name)
                    if stack.contains(name) {
                        report("lexicon entry '\(name)' refers to itself through " + (stack + [name]).joined(separator: " → "),
                               at: entry.location, ruleID: nil)
                        failed = true
                    } else {
                        var innerFailed = false
                        let inner = expand(
                            entry.pattern, stack: stack + [name], location: entry.location, lines: lines, ruleID: ruleID,
                            failed: &innerFailed)
                        if Self.namedGroups(in: inner).isEmpty == false {
                            report("lexicon entry '\(name)' has a named group; only rules may name groups", at: entry.location, ruleID: nil)
                            innerFailed = true
                        }
                        let wrapped = "(?:" + inner + ")"
                        if innerFailed {
                            failedNames.insert(name)
                            failed = true
                        }
                        cache[name] = wrapped
                        output += wrapped
                    }
                } else {
                    let known = (Array(lexicon.keys) + Array(gazetteers.keys)).sorted()
                    var notes = ["define it under 'lexicon:' or 'gazetteers:'"]
                    if let guess = YAMLReader.closest(to: name, in: known) { notes.insert("did you mean '{\(guess)}'?", at: 0) }
                    var place = location
                    if let line = location.line, line >= 1, line <= lines.count,
                        let range = lines[line - 1].range(of: "{\(name)}")
                    {
                        place.column = lines[line - 1].unicodeScalars.distance(
                            from: lines[line - 1].startIndex, to: range.lowerBound) + 1
                    }
                    report("undefined name '{\(name)}' in a pattern", at: place, notes: notes, ruleID: ruleID)
                    failed = true
                }
                index = end
                continue
            }
            output.unicodeScalars.append(scalar)
            index += 1
        }
        return output
    }

    private mutating func report(_ message: String, at location: SourceLocation, notes: [String] = [], ruleID: String?) {
        diagnostics.append(Diagnostic(.error, stage: .rules, message, at: location, ruleID: ruleID, notes: notes))
    }

    /// A `{name}` reference starting at `index`: the name and the index after `}`.
    private static func reference(in scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        var end = index + 1
        guard end < scalars.count, scalars[end].properties.isAlphabetic, scalars[end].isASCII else { return nil }
        var name = ""
        while end < scalars.count, scalars[end].isASCII,
            scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) || scalars[end] == "_"
        {
            name.unicodeScalars.append(scalars[end])
            end += 1
        }
        guard end < scalars.count, scalars[end] == "}" else { return nil }
        return (name, end + 1)
    }

    /// The names of `(?<name>…)` groups, in the order they open.
    static func namedGroups(in pattern: String) -> [String] {
        let scalars = Array(pattern.unicodeScalars)
        var names: [String] = []
        var index = 0
        while index + 3 < scalars.count {
            if scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == "(", scalars[index + 1] == "?", scalars[index + 2] == "<",
                scalars[index + 3].properties.isAlphabetic
            {
                var end = index + 3
                var name = ""
                while end < scalars.count, scalars[end] != ">" {
                    name.unicodeScalars.append(scalars[end])
                    end += 1
                }
                names.append(name)
                index = end
                continue
            }
            index += 1
        }
        return names
    }
}
