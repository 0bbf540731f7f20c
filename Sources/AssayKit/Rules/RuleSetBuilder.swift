import Foundation
import Yams

/// Collects the sections of every rule file, then resolves references and compiles patterns.
///
/// Two phases, because a rule may use a lexicon entry or gazetteer declared in a file read after it.
struct RuleSetBuilder {
    var ruleSet = RuleSet()
    var diagnostics: [Diagnostic] = []

    var readers: [String: YAMLReader] = [:]
    /// `checks:` sections, compiled in `finish()` once every fact type is known (see `RuleSetBuilder+Checks.swift`).
    var pendingChecks: [(path: String, node: Node)] = []
    var pendingRules: [(path: String, node: Node, fields: [String: Node])] = []
    var lexiconNodes: [String: (path: String, node: Node)] = [:]
    var attributionNode: (path: String, node: Node)?

    mutating func read(path: String, text: String) {
        var reader = YAMLReader(file: path, text: text)
        defer { readers[path] = reader }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            reader.report(.error, "the file is not valid YAML: \(Self.describe(error))", at: Self.location(of: error, file: path),
                          notes: Self.context(of: error).map { ["\($0.text) that starts at \(path):\($0.mark.line):\($0.mark.column)"] } ?? [])
            return
        } catch {
            reader.report(.error, "the file is not valid YAML: \(error)", at: SourceLocation(file: path))
            return
        }
        guard let root else { return }
        guard let sections = reader.mapping(root, allowed: RuleFileKeys.sections, context: "a rule file") else { return }
        if let node = sections["types"] { readTypes(node, reader: &reader) }
        if let node = sections["lexicon"] { readLexicon(node, path: path, reader: &reader) }
        if let node = sections["gazetteers"] { readGazetteers(node, reader: &reader) }
        if let node = sections["boilerplate"] { readBoilerplate(node, reader: &reader) }
        if let node = sections["overlap"] { readOverlap(node, reader: &reader) }
        if let node = sections["limits"] { readLimits(node, reader: &reader) }
        if let node = sections["attribution"] {
            if let previous = attributionNode {
                reader.error("attribution is already declared in \(previous.path)", at: node)
            } else {
                attributionNode = (path, node)
            }
        }
        if let node = sections["checks"] { pendingChecks.append((path, node)) }
        if let node = sections["rules"] {
            for item in reader.sequence(node, context: "rules") {
                if let fields = reader.mapping(item, allowed: RuleFileKeys.rule, context: "a rule") {
                    pendingRules.append((path, item, fields))
                }
            }
        }
    }


    mutating func finish() {
        if let (path, node) = attributionNode {
            var reader = readers[path]!
            readAttribution(node, reader: &reader)
            readers[path] = reader
        }
        var expander = PatternExpander(lexicon: ruleSet.lexicon, gazetteers: ruleSet.gazetteers)
        var seenIDs: [String: SourceLocation] = [:]
        for pending in pendingRules {
            var reader = readers[pending.path]!
            if let rule = compileRule(pending.node, fields: pending.fields, reader: &reader, expander: &expander) {
                if let first = seenIDs[rule.id] {
                    reader.error("rule id '\(rule.id)' is already used at \(first)", at: pending.fields["id"], notes: ["give each rule its own id"])
                } else {
                    seenIDs[rule.id] = rule.location
                    ruleSet.rules.append(rule)
                }
            }
            readers[pending.path] = reader
        }
        ruleSet.rules.sort { $0.id < $1.id }
        compileChecks()
        validateLexicon(with: &expander)
        for (name, entry) in ruleSet.lexicon.sorted(by: { $0.key < $1.key }) where !expander.used.contains(name) {
            diagnostics.append(Diagnostic(.warning, stage: .rules, "lexicon entry '\(name)' is never used", at: entry.location))
        }
        diagnostics += expander.diagnostics.map { diagnostic in
            guard let location = diagnostic.location, let reader = readers[location.file] else { return diagnostic }
            var shown = diagnostic
            shown.notes += reader.snippet(at: location)
            return shown
        }
        for path in readers.keys.sorted() { diagnostics += readers[path]!.diagnostics }
        diagnostics.sort { ($0.location?.file ?? "", $0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.file ?? "", $1.location?.line ?? 0, $1.location?.column ?? 0) }
    }

    /// Compiles each lexicon entry on its own, so a broken entry is reported at its own place in its own file,
    /// not at every rule that uses it.
    private mutating func validateLexicon(with expander: inout PatternExpander) {
        let used = expander.used
        for (name, entry) in ruleSet.lexicon.sorted(by: { $0.key < $1.key }) {
            guard let (path, node) = lexiconNodes[name], var reader = readers[path] else { continue }
            defer { readers[path] = reader }
            guard let expanded = expander.expand("{\(name)}", at: entry.location, line: reader.lines, ruleID: nil),
                (try? NSRegularExpression(pattern: expanded)) == nil
            else { continue }
            if let finding = RegexDiagnoser.diagnose(entry.pattern) {
                reader.report(.error, "invalid regular expression in lexicon entry '\(name)': \(finding.message)",
                              at: reader.location(inside: node, offset: finding.offset))
            } else {
                reader.error("lexicon entry '\(name)' is not a valid regular expression", at: node)
            }
        }
        // Expanding every entry to check it marks it used; only rules count as users.
        expander.resetUse(to: used)
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }

    private static func context(of error: YamlError) -> YamlError.Context? {
        switch error {
        case .scanner(let context, _, _, _), .parser(let context, _, _, _), .composer(let context, _, _, _): context
        default: nil
        }
    }

    private static func location(of error: YamlError, file: String) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            SourceLocation(file: file, line: mark.line, column: mark.column)
        default: SourceLocation(file: file)
        }
    }
}
