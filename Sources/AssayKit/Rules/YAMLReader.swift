import Yams

/// Reads a composed YAML document into the rule model, reporting every problem with its file, line and column.
///
/// Plain `Codable` would ignore an unknown key such as `patern` and stop at the first wrong type; rule authors
/// need every problem of a run at once, each at its place in the file, so the loader walks the node tree itself.
struct YAMLReader {
    let file: String
    let lines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, text: String) {
        self.file = file
        self.lines = Self.lines(of: text)
    }

    /// Lines as YAML counts them: a line ends at LF, CRLF or a lone CR.
    static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" || character == "\r" || character == "\r\n" {
                lines.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        lines.append(text[start..<text.endIndex])
        return lines
    }

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)
    }

    /// The location of the character at `offset` (in scalars) inside a one-line scalar's value, undoing YAML's
    /// quoting, so a problem inside a pattern gets its own column. Falls back to the node's start.
    func location(inside node: Node?, offset: Int) -> SourceLocation {
        var place = location(node)
        guard case .scalar(let scalar)? = node, let line = place.line, let column = place.column, line >= 1, line <= lines.count
        else { return place }
        let text = Array(lines[line - 1].unicodeScalars)
        var index = column - 1
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: index += 1
        case .plain: break
        default: return place
        }
        var remaining = offset
        while remaining > 0, index < text.count {
            if scalar.style == .singleQuoted, text[index] == "'", index + 1 < text.count, text[index + 1] == "'" {
                index += 2
            } else if scalar.style == .doubleQuoted, text[index] == "\\" {
                index += 2
            } else {
                index += 1
            }
            remaining -= 1
        }
        guard index < text.count else { return place }
        place.column = index + 1
        return place
    }

    /// Records an error at `node`, with the source line and a caret under the column.
    mutating func error(_ message: String, at node: Node?, notes: [String] = [], ruleID: String? = nil) {
        report(.error, message, at: location(node), notes: notes, ruleID: ruleID)
    }

    mutating func warning(_ message: String, at node: Node?, notes: [String] = [], ruleID: String? = nil) {
        report(.warning, message, at: location(node), notes: notes, ruleID: ruleID)
    }

    mutating func report(
        _ severity: Diagnostic.Severity, _ message: String, at location: SourceLocation, notes: [String] = [],
        ruleID: String? = nil
    ) {
        let allNotes = notes + snippet(at: location)
        diagnostics.append(Diagnostic(severity, stage: .rules, message, at: location, ruleID: ruleID, notes: allNotes))
    }

    /// The source line at `location` and a caret under its column, for showing a problem in place.
    func snippet(at location: SourceLocation) -> [String] {
        guard let line = location.line, line >= 1, line <= lines.count else { return [] }
        let text = String(lines[line - 1])
        guard let column = location.column, column >= 1 else { return [text] }
        let padding = text.unicodeScalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        return [text, padding + "^"]
    }

    /// The pairs of a mapping, with an error for keys outside `allowed` (and a "did you mean") and for duplicates.
    mutating func mapping(_ node: Node, allowed: [String], context: String) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            error("\(context) must be a mapping of keys to values", at: node)
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                error("keys in \(context) must be plain words", at: key)
                continue
            }
            if result[name] != nil {
                error("'\(name)' appears twice in \(context)", at: key, notes: ["keep one of them"])
                continue
            }
            if !allowed.isEmpty, !allowed.contains(name) {
                var notes = ["allowed here: " + allowed.joined(separator: ", ")]
                if let guess = Self.closest(to: name, in: allowed) { notes.insert("did you mean '\(guess)'?", at: 0) }
                error("unknown key '\(name)' in \(context)", at: key, notes: notes)
                continue
            }
            result[name] = value
        }
        return result
    }

    /// The ordered pairs of a mapping whose keys are names the author chooses (lexicon entries, field groups).
    mutating func namedMapping(_ node: Node, context: String) -> [(String, Node, Node)] {
        guard case .mapping(let mapping) = node else {
            error("\(context) must be a mapping", at: node)
            return []
        }
        var seen: Set<String> = []
        var result: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty else {
                error("names in \(context) must be plain words", at: key)
                continue
            }
            guard seen.insert(name).inserted else {
                error("'\(name)' is defined twice in \(context)", at: key)
                continue
            }
            result.append((name, key, value))
        }
        return result
    }

    mutating func sequence(_ node: Node, context: String) -> [Node] {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        default:
            error("\(context) must be a list", at: node, notes: ["write each item on its own line after '- '"])
            return []
        }
    }

    mutating func string(_ node: Node?, context: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            error("\(context) must be a single value", at: node)
            return nil
        }
        return scalar.string
    }

    mutating func strings(_ node: Node?, context: String) -> [String] {
        guard let node else { return [] }
        if case .scalar(let scalar) = node { return [scalar.string] }
        return sequence(node, context: context).compactMap { string($0, context: "each item of \(context)") }
    }

    mutating func int(_ node: Node?, context: String) -> Int? {
        guard let node else { return nil }
        guard let value = node.int else {
            error("\(context) must be a whole number", at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node?, context: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            error("\(context) must be true or false", at: node)
            return nil
        }
        return value
    }

    /// A scalar as a typed value: an integer when it is one, otherwise its text.
    func scalarValue(_ node: Node) -> FactValue? {
        guard case .scalar(let scalar) = node else { return nil }
        if scalar.style == .plain, let integer = Int(scalar.string) { return .integer(integer) }
        return .string(scalar.string)
    }

    static func closest(to word: String, in candidates: [String]) -> String? {
        Suggestion.closest(to: word, in: candidates)
    }
}
