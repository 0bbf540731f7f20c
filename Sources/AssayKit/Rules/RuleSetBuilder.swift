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
    private var pendingRules: [(path: String, node: Node, fields: [String: Node])] = []
    private var lexiconNodes: [String: (path: String, node: Node)] = [:]
    private var attributionNode: (path: String, node: Node)?

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

    // MARK: Sections

    private mutating func readTypes(_ node: Node, reader: inout YAMLReader) {
        for (name, key, value) in reader.namedMapping(node, context: "types") {
            if ruleSet.types[name] != nil {
                reader.error("fact type '\(name)' is declared twice", at: key)
                continue
            }
            guard let fields = reader.mapping(value, allowed: RuleFileKeys.type, context: "a fact type")
            else { continue }
            let kinds = FactType.ValueKind.allCases.map(\.rawValue)
            guard let kindName = reader.string(fields["value"], context: "value"), let kind = FactType.ValueKind(rawValue: kindName)
            else {
                reader.error("fact type '\(name)' needs 'value:', one of \(kinds.joined(separator: ", "))", at: fields["value"] ?? value)
                continue
            }
            let gazetteer = reader.string(fields["gazetteer"], context: "gazetteer")
            if (kind == .entityID || kind == .entityName) && gazetteer == nil {
                reader.error("fact type '\(name)' names entities, so it needs 'gazetteer:'", at: value)
            }
            ruleSet.types[name] = FactType(name: name, value: kind, gazetteer: gazetteer)
        }
    }

    private mutating func readLexicon(_ node: Node, path: String, reader: inout YAMLReader) {
        for (name, key, value) in reader.namedMapping(node, context: "lexicon") {
            if let previous = lexiconNodes[name] {
                reader.error("lexicon entry '\(name)' is already defined in \(previous.path)", at: key)
                continue
            }
            var patternNode: Node? = value
            if case .mapping = value {
                let fields = reader.mapping(value, allowed: RuleFileKeys.lexiconEntry, context: "a lexicon entry")
                patternNode = fields?["pattern"]
            }
            guard let pattern = reader.string(patternNode, context: "a lexicon pattern") else {
                reader.error("lexicon entry '\(name)' has no pattern", at: key)
                continue
            }
            lexiconNodes[name] = (path, patternNode ?? value)
            ruleSet.lexicon[name] = LexiconEntry(name: name, pattern: pattern, location: reader.location(patternNode))
        }
    }

    private mutating func readGazetteers(_ node: Node, reader: inout YAMLReader) {
        for (name, key, value) in reader.namedMapping(node, context: "gazetteers") {
            if ruleSet.gazetteers[name] != nil || ruleSet.lexicon[name] != nil {
                reader.error("the name '\(name)' is already used by another gazetteer or lexicon entry", at: key)
                continue
            }
            guard let fields = reader.mapping(value, allowed: RuleFileKeys.gazetteer, context: "a gazetteer")
            else { continue }
            var gazetteer = Gazetteer(
                name: name, entries: [], flexibleSpaces: reader.bool(fields["flexible_spaces"], context: "flexible_spaces") ?? false,
                location: reader.location(key))
            for item in reader.sequence(fields["entries"] ?? value, context: "entries") {
                guard let entry = reader.mapping(item, allowed: RuleFileKeys.gazetteerEntry, context: "a gazetteer entry"),
                    let entryName = reader.string(entry["name"], context: "name")
                else {
                    if case .mapping = item { reader.error("a gazetteer entry needs 'name:'", at: item) }
                    continue
                }
                let id = reader.string(entry["id"], context: "id") ?? Self.slug(entryName)
                var attributes: [String: FactValue] = [:]
                if let node = entry["attributes"] {
                    for (attribute, _, value) in reader.namedMapping(node, context: "attributes") {
                        attributes[attribute] = reader.scalarValue(value)
                    }
                }
                let aliases = [entryName] + reader.strings(entry["aliases"], context: "aliases")
                let index = gazetteer.entries.count
                gazetteer.entries.append(Gazetteer.Entry(
                    id: id, name: entryName, aliases: aliases, attributes: attributes, location: reader.location(item)))
                for alias in aliases {
                    let aliasKey = Gazetteer.key(alias)
                    if let other = gazetteer.lookup[aliasKey], other != index {
                        reader.error(
                            "alias '\(alias)' names both '\(gazetteer.entries[other].id)' and '\(id)'", at: entry["aliases"] ?? item,
                            notes: ["an alias must name one entry; remove it from one of them"])
                    }
                    gazetteer.lookup[aliasKey] = index
                }
            }
            if gazetteer.entries.isEmpty { reader.error("gazetteer '\(name)' has no entries", at: key) }
            gazetteer.regex = try? NSRegularExpression(pattern: gazetteer.pattern, options: [.caseInsensitive])
            ruleSet.gazetteers[name] = gazetteer
        }
    }

    private mutating func readBoilerplate(_ node: Node, reader: inout YAMLReader) {
        guard let fields = reader.mapping(node, allowed: RuleFileKeys.boilerplate, context: "boilerplate")
        else { return }
        let current = ruleSet.boilerplate
        ruleSet.boilerplate = Boilerplate(
            lines: current.lines.union(reader.strings(fields["lines"], context: "lines")),
            elements: fields["elements"].map { Set(reader.strings($0, context: "elements").map { $0.lowercased() }) } ?? current.elements,
            classes: current.classes.union(reader.strings(fields["classes"], context: "classes")),
            ids: current.ids.union(reader.strings(fields["ids"], context: "ids")),
            roles: fields["roles"].map { Set(reader.strings($0, context: "roles").map { $0.lowercased() }) } ?? current.roles)
    }

    private mutating func readLimits(_ node: Node, reader: inout YAMLReader) {
        guard let fields = reader.mapping(node, allowed: RuleFileKeys.limits, context: "limits") else { return }
        for (key, path) in [("document_bytes", \Limits.documentBytes), ("nesting_depth", \Limits.nestingDepth),
                            ("regex_milliseconds", \Limits.regexMilliseconds)] as [(String, WritableKeyPath<Limits, Int>)] {
            guard let value = reader.int(fields[key], context: key) else { continue }
            if value < 1 {
                reader.error("\(key) must be at least 1", at: fields[key])
            } else {
                ruleSet.limits[keyPath: path] = value
            }
        }
    }

    private mutating func readOverlap(_ node: Node, reader: inout YAMLReader) {
        guard let fields = reader.mapping(node, allowed: RuleFileKeys.overlap, context: "overlap") else { return }
        if let orderNode = fields["order"] {
            let names = reader.strings(orderNode, context: "order")
            let criteria = names.compactMap(OverlapPolicy.Criterion.init(rawValue:))
            if criteria.count != names.count || Set(criteria).count != criteria.count {
                let allowed = OverlapPolicy.Criterion.allCases.map(\.rawValue).joined(separator: ", ")
                reader.error("overlap order must list distinct criteria from: \(allowed)", at: orderNode)
            } else {
                ruleSet.overlap.order = criteria
            }
        }
        if let across = reader.bool(fields["across_types"], context: "across_types") { ruleSet.overlap.acrossTypes = across }
    }

    private mutating func readAttribution(_ node: Node, reader: inout YAMLReader) {
        guard let fields = reader.mapping(
            node, allowed: RuleFileKeys.attribution, context: "attribution"),
            let type = reader.string(fields["type"], context: "type")
        else {
            reader.error("attribution needs 'type:', the fact type that names subjects", at: node)
            return
        }
        guard let factType = ruleSet.types[type], factType.gazetteer != nil else {
            reader.error("attribution type '\(type)' is not a declared entity type", at: fields["type"],
                         notes: ["declare it under 'types:' with 'value: entity_id' and a gazetteer"])
            return
        }
        ruleSet.attribution = Attribution(
            field: reader.string(fields["field"], context: "field") ?? type,
            type: type,
            identifyBy: reader.strings(fields["identify_by"], context: "identify_by"),
            titleIsSubject: reader.bool(fields["title_is_subject"], context: "title_is_subject") ?? true,
            fromTableHeaders: reader.bool(fields["from_table_headers"], context: "from_table_headers") ?? true)
    }

    // MARK: Rules

    private mutating func compileRule(
        _ node: Node, fields: [String: Node], reader: inout YAMLReader, expander: inout PatternExpander
    ) -> Rule? {
        guard let id = reader.string(fields["id"], context: "id") else {
            reader.error("a rule needs 'id:'", at: node)
            return nil
        }
        // Every property is read before any can stop the rule, so one run reports all of a rule's problems.
        let caseSensitive = reader.bool(fields["case_sensitive"], context: "case_sensitive") ?? false
        let priority = reader.int(fields["priority"], context: "priority") ?? 0
        let keywords = reader.strings(fields["keywords"], context: "keywords").map { $0.lowercased() }
        var placement: Rule.Within?
        if let withinNode = fields["within"] { placement = within(withinNode, ruleID: id, reader: &reader) }
        let description = reader.string(fields["description"], context: "description")
        guard let patternNode = fields["pattern"] else {
            reader.error("rule '\(id)' needs 'pattern:'", at: node, ruleID: id)
            return nil
        }
        guard let pattern = reader.string(patternNode, context: "pattern") else { return nil }
        guard let expanded = expander.expand(pattern, at: reader.location(patternNode), line: reader.lines, ruleID: id) else { return nil }
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: expanded, options: caseSensitive ? [] : [.caseInsensitive])
        } catch {
            if let finding = RegexDiagnoser.diagnose(pattern) {
                reader.report(.error, "invalid regular expression in rule '\(id)': \(finding.message)",
                              at: reader.location(inside: patternNode, offset: finding.offset), ruleID: id)
            } else {
                reader.error("rule '\(id)' has an invalid regular expression", at: patternNode,
                             notes: ["check escapes (write \\\\d in double quotes, \\d in single quotes) and the lexicon entries it uses"],
                             ruleID: id)
            }
            return nil
        }
        let groups = PatternExpander.namedGroups(in: expanded)
        var ruleFields: [Rule.Field] = []
        var qualifierFields: [Rule.QualifierField] = []
        if let fieldsNode = fields["fields"] {
            for (group, key, value) in reader.namedMapping(fieldsNode, context: "fields") {
                guard groups.contains(group) else {
                    reader.error("field '\(group)' has no named group (?<\(group)>…) in the pattern of rule '\(id)'", at: key, ruleID: id)
                    continue
                }
                guard let spec = reader.mapping(
                    value, allowed: RuleFileKeys.field, context: "a field")
                else { continue }
                if let qualifier = reader.string(spec["qualifier"], context: "qualifier") {
                    let gazetteer = reader.string(spec["gazetteer"], context: "gazetteer")
                    if let gazetteer, ruleSet.gazetteers[gazetteer] == nil {
                        reader.error("unknown gazetteer '\(gazetteer)'", at: spec["gazetteer"], ruleID: id)
                    }
                    qualifierFields.append(Rule.QualifierField(group: group, qualifier: qualifier, gazetteer: gazetteer))
                    continue
                }
                guard let type = reader.string(spec["type"], context: "type") else {
                    reader.error("field '\(group)' needs 'type:' (a fact) or 'qualifier:' (a qualifier of the record)", at: value, ruleID: id)
                    continue
                }
                guard ruleSet.types[type] != nil else {
                    let known = ruleSet.types.keys.sorted()
                    var notes = ["declared types: " + known.joined(separator: ", ")]
                    if let guess = YAMLReader.closest(to: type, in: known) { notes.insert("did you mean '\(guess)'?", at: 0) }
                    reader.error("unknown fact type '\(type)'", at: spec["type"], notes: notes, ruleID: id)
                    continue
                }
                let introduces = reader.string(spec["introduces"], context: "introduces")
                if let introduces, introduces != "list" {
                    reader.error("'introduces' can only be 'list'", at: spec["introduces"], ruleID: id)
                }
                ruleFields.append(Rule.Field(
                    group: group, type: type,
                    attribute: reader.string(spec["attribute"], context: "attribute") ?? "mention",
                    qualifiers: qualifiers(spec["qualifiers"], reader: &reader), introducesList: introduces == "list"))
            }
        }
        // Only when no field was written at all: a field with a mistake has already been reported.
        let writtenFields: Int = if case .mapping(let mapping)? = fields["fields"] { mapping.count } else { 0 }
        if ruleFields.isEmpty, writtenFields == 0 {
            reader.error("rule '\(id)' produces no facts", at: fields["fields"] ?? node,
                         notes: ["add 'fields:' mapping named groups of the pattern to fact types"], ruleID: id)
        }
        ruleFields.sort { groups.firstIndex(of: $0.group)! < groups.firstIndex(of: $1.group)! }
        var examples: [RuleExample] = []
        for item in reader.sequence(fields["examples"] ?? .sequence(.init([])), context: "examples") {
            guard let spec = reader.mapping(item, allowed: RuleFileKeys.example, context: "an example") else { continue }
            if let text = reader.string(spec["match"], context: "match") {
                let values = (spec["values"].map { reader.sequence($0, context: "values") } ?? []).compactMap(reader.scalarValue)
                examples.append(RuleExample(kind: .match, markedText: text, values: values, location: reader.location(spec["match"])))
            } else if let text = reader.string(spec["no_match"], context: "no_match") {
                examples.append(RuleExample(kind: .noMatch, markedText: text, values: [], location: reader.location(spec["no_match"])))
            } else {
                reader.error("an example needs 'match:' or 'no_match:'", at: item, ruleID: id)
            }
        }
        if examples.isEmpty {
            reader.warning("rule '\(id)' has no examples", at: fields["id"], notes: ["add 'examples:' with a 'match:' and a 'no_match:'"], ruleID: id)
        }
        var rule = Rule(
            id: id, description: description, location: reader.location(fields["id"]), priority: priority,
            pattern: pattern, expandedPattern: expanded, caseSensitive: caseSensitive, keywords: keywords,
            requiredLiterals: caseSensitive ? nil : RequiredLiterals.derive(from: expanded), within: placement,
            fields: ruleFields, qualifierFields: qualifierFields, qualifiers: qualifiers(fields["qualifiers"], reader: &reader),
            examples: examples, regex: regex, mayBacktrack: !PatternShape.problems(in: expanded).isEmpty)
        rule.prefilterBytes = rule.prefilter.map { $0.map { Array($0.utf8) } }
        return rule
    }

    static let blockKinds = ["title", "heading", "paragraph", "list_item", "table_cell"]

    private func within(_ node: Node, ruleID: String, reader: inout YAMLReader) -> Rule.Within? {
        guard let fields = reader.mapping(node, allowed: RuleFileKeys.within, context: "within") else { return nil }
        var within = Rule.Within()
        if let blocksNode = fields["blocks"] {
            let kinds = reader.strings(blocksNode, context: "blocks")
            for kind in kinds where !Self.blockKinds.contains(kind) {
                var notes = ["block kinds: " + Self.blockKinds.joined(separator: ", ")]
                if let guess = YAMLReader.closest(to: kind, in: Self.blockKinds) { notes.insert("did you mean '\(guess)'?", at: 0) }
                reader.error("unknown block kind '\(kind)'", at: blocksNode, notes: notes, ruleID: ruleID)
            }
            within.blocks = Set(kinds)
        }
        for key in ["section", "column"] {
            guard let patternNode = fields[key], let pattern = reader.string(patternNode, context: key) else { continue }
            do {
                let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
                if key == "section" { within.section = regex } else { within.column = regex }
            } catch {
                reader.error("'\(key)' is not a valid regular expression", at: patternNode, ruleID: ruleID)
            }
        }
        return within
    }

    private func qualifiers(_ node: Node?, reader: inout YAMLReader) -> [String: FactValue] {
        guard let node else { return [:] }
        var result: [String: FactValue] = [:]
        for (name, _, value) in reader.namedMapping(node, context: "qualifiers") { result[name] = reader.scalarValue(value) }
        return result
    }

    static func slug(_ name: String) -> String {
        var out = ""
        var dash = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                dash = false
            } else if !dash, !out.isEmpty {
                out += "-"
                dash = true
            }
        }
        return out.hasSuffix("-") ? String(out.dropLast()) : out
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
