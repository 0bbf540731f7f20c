import Foundation
import Yams

/// Reading the sections that declare things (types, lexicon, gazetteers, boilerplate, limits, overlap, attribution).
extension RuleSetBuilder {
    mutating func readTypes(_ node: Node, reader: inout YAMLReader) {
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

    mutating func readLexicon(_ node: Node, path: String, reader: inout YAMLReader) {
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

    mutating func readGazetteers(_ node: Node, reader: inout YAMLReader) {
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

    mutating func readBoilerplate(_ node: Node, reader: inout YAMLReader) {
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

    mutating func readLimits(_ node: Node, reader: inout YAMLReader) {
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

    mutating func readOverlap(_ node: Node, reader: inout YAMLReader) {
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

    mutating func readAttribution(_ node: Node, reader: inout YAMLReader) {
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
}
