import Foundation
import Yams

/// Compiling one rule: its properties, pattern, fields, placement and examples.
extension RuleSetBuilder {
    mutating func compileRule(
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
        rule.prefilterBytes = rule.prefilter.map { $0.map { $0.map { Array($0.utf8) } } }
        return rule
    }

    static let blockKinds = ["title", "heading", "paragraph", "list_item", "table_cell"]

    func within(_ node: Node, ruleID: String, reader: inout YAMLReader) -> Rule.Within? {
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

    func qualifiers(_ node: Node?, reader: inout YAMLReader) -> [String: FactValue] {
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
}
