import Yams

/// Compiles the `checks:` sections once every fact type, gazetteer and rule is known, so that a check naming an
/// attribute no rule produces, a programme the gazetteer does not hold, or a kind that does not exist is reported at
/// its `file:line:column` with a "did you mean", like every other rule-file problem.
extension RuleSetBuilder {
    /// Compiles `pendingChecks` into `ruleSet.checks`, sorted by id.
    mutating func compileChecks() {
        var seenIDs: [String: SourceLocation] = [:]
        for (path, node) in pendingChecks {
            var reader = readers[path]!
            for item in reader.sequence(node, context: "checks") {
                guard let check = compileCheck(item, reader: &reader) else { continue }
                if let first = seenIDs[check.id] {
                    reader.error("check id '\(check.id)' is already used at \(first)", at: Self.value(of: "id", in: item), notes: ["give each check its own id"])
                } else {
                    seenIDs[check.id] = check.location
                    ruleSet.checks.append(check)
                }
            }
            readers[path] = reader
        }
        ruleSet.checks.sort { $0.id < $1.id }
    }

    private func compileCheck(_ node: Node, reader: inout YAMLReader) -> Check? {
        let kindNames = Check.Kind.allCases.map(\.rawValue)
        let kind = Self.value(of: "kind", in: node)?.string.flatMap(Check.Kind.init(rawValue:))
        // Only the keys of the kind written, so a typo gets a "did you mean" among them; all kinds' keys if unknown.
        var allowed = RuleFileKeys.check
        for key in kind.map({ RuleFileKeys.checkKinds[$0.rawValue]! }) ?? Check.Kind.allCases.flatMap({ RuleFileKeys.checkKinds[$0.rawValue]! }) where !allowed.contains(key) {
            allowed.append(key)
        }
        guard let fields = reader.mapping(node, allowed: allowed, context: kind.map { "a \($0.rawValue) check" } ?? "a check") else { return nil }
        guard let id = reader.string(fields["id"], context: "id") else {
            reader.error("a check needs 'id:'", at: node)
            return nil
        }
        guard let kind else {
            if let written = reader.string(fields["kind"], context: "kind") {
                var notes = ["kinds: " + kindNames.joined(separator: ", ")]
                if let guess = YAMLReader.closest(to: written, in: kindNames) { notes.insert("did you mean '\(guess)'?", at: 0) }
                reader.error("unknown check kind '\(written)'", at: fields["kind"], notes: notes, ruleID: id)
            } else {
                reader.error("check '\(id)' needs 'kind:', one of \(kindNames.joined(separator: ", "))", at: node, ruleID: id)
            }
            return nil
        }
        var errors = false
        let common = fields["select"].map { selector($0, reader: &reader, ruleID: id, errors: &errors) } ?? FactSelector()
        func side(_ key: String, required: Bool = true) -> FactSelector? {
            guard let node = fields[key] else {
                if required {
                    reader.error("a \(kind.rawValue) check needs '\(key):', the facts it compares", at: fields["id"], ruleID: id)
                    errors = true
                }
                return nil
            }
            return selector(node, reader: &reader, ruleID: id, errors: &errors).merged(with: common)
        }
        var key: Check.Key?
        if let qualifier = reader.string(fields["key"], context: "key") {
            let byOrder = enumValue(Unkeyed.self, fields["unkeyed"], name: "unkeyed", reader: &reader, ruleID: id, errors: &errors) == .order
            key = Check.Key(qualifier: qualifier, byOrder: byOrder)
            if !knownQualifiers.contains(qualifier) {
                reader.warning(
                    "no rule sets the qualifier '\(qualifier)'" + (byOrder ? ", so facts are keyed by their order in each document only" : ""),
                    at: fields["key"], notes: YAMLReader.closest(to: qualifier, in: knownQualifiers.sorted()).map { ["did you mean '\($0)'?"] } ?? [],
                    ruleID: id)
            }
        } else if fields["unkeyed"] != nil {
            reader.error("'unkeyed' says what to do with facts without the 'key:' qualifier, and there is no 'key:'", at: fields["unkeyed"], ruleID: id)
            errors = true
        }
        let test: Check.Test
        switch kind {
        case .sum: test = .sum(parts: side("parts") ?? common, total: side("total") ?? common, key: key)
        case .listLength: test = .listLength(count: side("count") ?? common, items: side("items", required: false))
        case .agree: test = .agree(facts: side("facts") ?? common, key: key)
        case .subset: test = .subset(part: side("part") ?? common, whole: side("whole") ?? common)
        case .dateOrder: test = .dateOrder(before: side("before") ?? common, after: side("after") ?? common)
        case .range:
            let minimum = reader.int(fields["min"], context: "min"), maximum = reader.int(fields["max"], context: "max")
            if minimum == nil, maximum == nil {
                reader.error("a range check needs 'min:', 'max:' or both", at: fields["id"], ruleID: id)
                errors = true
            } else if let minimum, let maximum, minimum > maximum {
                reader.error("'min' (\(minimum)) is larger than 'max' (\(maximum))", at: fields["min"], ruleID: id)
                errors = true
            }
            test = .range(facts: side("facts") ?? common, minimum: minimum, maximum: maximum)
        case .required:
            let gazetteer = reader.string(fields["for_each"], context: "for_each")
            if let gazetteer, ruleSet.gazetteers[gazetteer] == nil {
                let known = ruleSet.gazetteers.keys.sorted()
                var notes = ["gazetteers: " + known.joined(separator: ", ")]
                if let guess = YAMLReader.closest(to: gazetteer, in: known) { notes.insert("did you mean '\(guess)'?", at: 0) }
                reader.error("unknown gazetteer '\(gazetteer)'", at: fields["for_each"], notes: notes, ruleID: id)
                errors = true
            }
            test = .required(facts: side("facts") ?? common, forEach: gazetteer)
        }
        let severity = enumValue(Check.Severity.self, fields["severity"], name: "severity", reader: &reader, ruleID: id, errors: &errors) ?? .error
        let scope = enumValue(Check.Scope.self, fields["scope"], name: "scope", reader: &reader, ruleID: id, errors: &errors) ?? .document
        var check = Check(
            id: id, test: test, severity: severity, scope: scope,
            description: reader.string(fields["description"], context: "description"), location: reader.location(fields["id"]))
        if let node = fields["examples"] {
            for item in reader.sequence(node, context: "examples") {
                if let example = checkExample(item, check: check, reader: &reader, errors: &errors) { check.examples.append(example) }
            }
        }
        if check.examples.isEmpty {
            reader.warning("check '\(id)' has no examples", at: fields["id"], notes: ["add 'examples:' with facts that pass and facts that fail"], ruleID: id)
        }
        return errors ? nil : check
    }

    /// `unkeyed:`: what a fact without the key's qualifier is compared with.
    private enum Unkeyed: String, CaseIterable {
        /// Nothing: it is only itself.
        case alone
        /// The facts at the same place in other documents (its order among its document's unqualified facts).
        case order
    }

    // MARK: Selectors

    /// The key a selector names subjects with: the attribution's output field (`programme`).
    private var subjectKey: String { ruleSet.attribution?.field ?? "subject" }

    private var knownAttributes: Set<String> { Set(ruleSet.rules.flatMap { $0.fields.map(\.attribute) }) }

    private var knownQualifiers: Set<String> {
        Set(ruleSet.rules.flatMap { rule in
            Array(rule.qualifiers.keys) + rule.fields.flatMap { Array($0.qualifiers.keys) } + rule.qualifierFields.map(\.qualifier)
        })
    }

    private var knownSubjects: [String] {
        guard let attribution = ruleSet.attribution, let name = ruleSet.types[attribution.type]?.gazetteer,
            let gazetteer = ruleSet.gazetteers[name]
        else { return [] }
        return gazetteer.entries.map(\.id)
    }

    private func selector(_ node: Node, reader: inout YAMLReader, ruleID: String, errors: inout Bool) -> FactSelector {
        let before = reader.diagnostics.count
        defer { if reader.diagnostics[before...].contains(where: { $0.severity == .error }) { errors = true } }
        if case .mapping(let mapping) = node, mapping["document"] != nil {
            reader.error(
                "checks select facts by what they say, never by document", at: node,
                notes: ["select by type, attribute, \(subjectKey) and qualifiers, so the check works on any corpus"], ruleID: ruleID)
            return FactSelector()
        }
        guard let fields = reader.mapping(node, allowed: RuleFileKeys.selector + [subjectKey], context: "a fact selector")
        else { return FactSelector() }
        var selector = FactSelector()
        selector.types = names(fields["type"], known: ruleSet.types.keys.sorted(), what: "type", problem: { "unknown fact type '\($0)'" }, reader: &reader, ruleID: ruleID)
        selector.attributes = names(fields["attribute"], known: knownAttributes.sorted(), what: "attribute", problem: { "no rule produces the attribute '\($0)'" }, reader: &reader, ruleID: ruleID)
        selector.subjects = names(fields[subjectKey], known: knownSubjects, what: subjectKey, problem: { "unknown \(subjectKey) '\($0)': no entry of its gazetteer has this id" }, reader: &reader, ruleID: ruleID)
        if let node = fields["qualifiers"] {
            for (name, key, value) in reader.namedMapping(node, context: "qualifiers") {
                if !knownQualifiers.contains(name) {
                    _ = names(key, known: knownQualifiers.sorted(), what: "qualifier", problem: { "no rule sets the qualifier '\($0)'" }, reader: &reader, ruleID: ruleID)
                }
                if let value = reader.scalarValue(value) { selector.qualifiers[name] = value }
            }
        }
        return selector
    }

    /// The names written (one or a list), each checked against the known ones.
    private func names(
        _ node: Node?, known: [String], what: String, problem: (String) -> String, reader: inout YAMLReader, ruleID: String
    ) -> [String] {
        guard let node else { return [] }
        let written = reader.strings(node, context: what)
        for name in written where !known.contains(name) {
            var notes = known.isEmpty ? [] : ["known: " + known.joined(separator: ", ")]
            if let guess = YAMLReader.closest(to: name, in: known) { notes.insert("did you mean '\(guess)'?", at: 0) }
            reader.error(problem(name), at: node, notes: notes, ruleID: ruleID)
        }
        return written
    }

    private func enumValue<Value: RawRepresentable & CaseIterable>(
        _ type: Value.Type, _ node: Node?, name: String, reader: inout YAMLReader, ruleID: String, errors: inout Bool
    ) -> Value? where Value.RawValue == String {
        guard let written = reader.string(node, context: name) else { return nil }
        guard let value = Value(rawValue: written) else {
            let allowed = Value.allCases.map(\.rawValue)
            reader.error("\(name) must be one of \(allowed.joined(separator: ", "))", at: node, ruleID: ruleID)
            errors = true
            return nil
        }
        return value
    }

    // MARK: Examples

    private func checkExample(_ node: Node, check: Check, reader: inout YAMLReader, errors: inout Bool) -> CheckExample? {
        guard let fields = reader.mapping(node, allowed: RuleFileKeys.checkExample, context: "a check example") else { return nil }
        let statuses = CheckResult.Status.allCases.map(\.rawValue)
        guard let written = reader.string(fields["expect"], context: "expect"), let expect = CheckResult.Status(rawValue: written) else {
            reader.error("a check example needs 'expect:', one of \(statuses.joined(separator: ", "))", at: fields["expect"] ?? node, ruleID: check.id)
            errors = true
            return nil
        }
        var facts: [Fact] = []
        let items = fields["facts"].map { reader.sequence($0, context: "facts") } ?? []
        for (index, item) in items.enumerated() {
            if let fact = exampleFact(item, index: index, check: check, reader: &reader) {
                facts.append(fact)
            } else {
                errors = true
            }
        }
        return CheckExample(
            facts: facts, expect: expect, message: reader.string(fields["message"], context: "message"), location: reader.location(node))
    }

    /// A fact written inline: `{attribute: wave_sites, value: 14, line: 5}`. The rest is filled in: type `count`
    /// for a number and `date` otherwise, the check's first subject (or `example`), document `example.txt`, line
    /// = position in the list, words = the value, its own record, and offsets that keep the written order. `text`
    /// is the sentence the words stand in, so that messages quote it as they would in a document.
    private func exampleFact(_ node: Node, index: Int, check: Check, reader: inout YAMLReader) -> Fact? {
        let before = reader.diagnostics.count
        guard let fields = reader.mapping(node, allowed: RuleFileKeys.checkExampleFact + [subjectKey], context: "an example fact") else { return nil }
        guard let attribute = reader.string(fields["attribute"], context: "attribute"),
            let valueNode = fields["value"], let value = reader.scalarValue(valueNode)
        else {
            reader.error("an example fact needs 'attribute:' and 'value:'", at: node, ruleID: check.id)
            return nil
        }
        let type = reader.string(fields["type"], context: "type") ?? (value.integer != nil ? "count" : "date")
        if ruleSet.types[type] == nil { reader.error("unknown fact type '\(type)'", at: fields["type"] ?? node, ruleID: check.id) }
        var qualifiers: [String: FactValue] = [:]
        if let node = fields["qualifiers"] {
            for (name, _, value) in reader.namedMapping(node, context: "qualifiers") { qualifiers[name] = reader.scalarValue(value) }
        }
        let document = reader.string(fields["document"], context: "document") ?? "example.txt"
        let line = reader.int(fields["line"], context: "line") ?? index + 1
        let exact = reader.string(fields["exact"], context: "exact") ?? value.description
        var (prefix, suffix) = ("", "")
        if let text = reader.string(fields["text"], context: "text") {
            if let range = text.range(of: exact) {
                (prefix, suffix) = (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
            } else {
                reader.error("the words '\(exact)' are not in the text '\(text)'", at: fields["text"], notes: ["set 'exact:' to the fact's words as they stand in 'text:'"], ruleID: check.id)
            }
        }
        let start = index * 1000
        func evidence(_ words: String, line: Int, start: Int, prefix: String = "", suffix: String = "") -> Evidence {
            let end = start + words.unicodeScalars.count
            return Evidence(
                document: document, docID: "example:" + document, sha256: "", start: start, end: end, exact: words, prefix: prefix,
                suffix: suffix, line: line, sourceStart: start, sourceEnd: end)
        }
        let items = fields["items"].map { reader.strings($0, context: "items") }.map { words in
            words.enumerated().map { evidence($0.element, line: line + $0.offset + 1, start: start + 100 + $0.offset * 100) }
        }
        let subject = reader.string(fields[subjectKey], context: subjectKey) ?? check.test.selectors.flatMap(\.subjects).first ?? "example"
        guard !reader.diagnostics[before...].contains(where: { $0.severity == .error }) else { return nil }
        return Fact(
            id: "example-\(index + 1)", type: type, value: value, attribute: attribute, subject: subject, qualifiers: qualifiers,
            ruleID: check.id, ruleFile: check.location.file, ruleLine: check.location.line ?? 0,
            recordID: reader.string(fields["record"], context: "record") ?? "example-record-\(index + 1)",
            evidence: evidence(exact, line: line, start: start, prefix: prefix, suffix: suffix), items: items)
    }

    /// The value under `key` in a mapping node, without reporting anything.
    private static func value(of key: String, in node: Node) -> Node? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping[key]
    }
}

/// The keys of `checks:`, beside the other sections' in `RuleFileKeys.swift`. A selector and an example fact also
/// take the attribution's output field (`programme`) to name a subject.
extension RuleFileKeys {
    public static let check = ["id", "kind", "severity", "scope", "description", "select", "examples"]
    /// The keys each kind takes besides `check`, by kind.
    public static let checkKinds: [String: [String]] = [
        Check.Kind.sum.rawValue: ["parts", "total", "key", "unkeyed"],
        Check.Kind.listLength.rawValue: ["count", "items"],
        Check.Kind.agree.rawValue: ["facts", "key", "unkeyed"],
        Check.Kind.subset.rawValue: ["part", "whole"],
        Check.Kind.range.rawValue: ["facts", "min", "max"],
        Check.Kind.dateOrder.rawValue: ["before", "after"],
        Check.Kind.required.rawValue: ["facts", "for_each"],
    ]
    public static let selector = ["type", "attribute", "qualifiers"]
    public static let checkExample = ["description", "facts", "expect", "message"]
    public static let checkExampleFact = ["type", "attribute", "value", "qualifiers", "document", "line", "exact", "text", "record", "items"]
}
