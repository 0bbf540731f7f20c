/// One check run over one set of facts: what every kind needs (selecting, grouping by subject and document, keys,
/// results) in one place, and each kind's comparison in its own file (`CheckEvaluation+Sum.swift` …).
///
/// Facts without a subject take part in no check: a check cannot tell whose numbers they are.
struct CheckEvaluation {
    let check: Check
    let index: FactIndex
    let texts: DocumentTexts
    let ruleSet: RuleSet

    /// Every fact with a subject, in document order.
    var facts: [CheckedFact] { index.facts }

    /// The facts a selector takes, in document order.
    func selected(_ selector: FactSelector) -> [CheckedFact] {
        // Whether a fact is taken depends only on what it states, and neighbouring facts mostly state the same thing
        // (one shared `FactKind`): the answer for the previous kind is taken again rather than matching the names.
        var previous: (kind: FactKind, taken: Bool)?
        return facts.filter { fact in
            if let previous, previous.kind === fact.kind { return previous.taken }
            let taken = selector.matches(fact)
            previous = (fact.kind, taken)
            return taken
        }
    }

    /// Facts compared together: one subject, and one document when the check's scope is `document`.
    struct Group {
        var subject: String
        var document: String?
        /// In document order, each fact once.
        var facts: [CheckedFact]
    }

    /// The facts split into groups, ordered by subject and then document.
    func groups(_ facts: [CheckedFact]) -> [Group] {
        var seen: Set<FactKey> = []
        var groups: [String: Group] = [:]
        for fact in facts.sorted(by: Self.documentOrder) where seen.insert(fact.key).inserted {
            guard let subject = fact.subject else { continue }
            let document = check.scope == .document ? fact.document : nil
            groups["\(subject)\u{0}\(document ?? "")", default: Group(subject: subject, document: document, facts: [])].facts.append(fact)
        }
        return groups.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Facts that state the same thing, by key (see `Check.Key`), ordered by key value; a fact with no key is a set
    /// of its own, with no label.
    func keyed(_ facts: [CheckedFact], by key: Check.Key) -> [(label: String?, facts: [CheckedFact])] {
        var ordinals: [String: Int] = [:]
        var byValue: [String: [CheckedFact]] = [:]
        var alone: [[CheckedFact]] = []
        for fact in facts.sorted(by: Self.documentOrder) {
            if let qualifier = fact.qualifiers[key.qualifier] {
                byValue[qualifier.description, default: []].append(fact)
            } else if key.byOrder {
                ordinals[fact.document, default: 0] += 1
                byValue[String(ordinals[fact.document]!), default: []].append(fact)
            } else {
                alone.append([fact])
            }
        }
        let labelled = byValue.sorted { a, b in
            if let x = Int(a.key), let y = Int(b.key) { return x < y }
            return a.key < b.key
        }.map { (Optional("\(key.qualifier) \($0.key)"), $0.value) }
        return labelled + alone.map { (nil, $0) }
    }

    /// A result of this check for a group.
    func result(
        _ status: CheckResult.Status, _ group: Group?, key: String? = nil, expected: FactValue? = nil,
        observed: FactValue? = nil, message: String, links: [CheckResult.Link]
    ) -> CheckResult {
        CheckResult(
            checkID: check.id, kind: check.kind, severity: check.severity, status: status, subject: group?.subject,
            document: group?.document, key: key, expected: expected, observed: observed, message: message, links: links)
    }

    /// " in this document" or " in the corpus", for messages about what is missing.
    var scopePhrase: String {
        check.scope == .document ? " in this document" : " in the corpus"
    }

    /// An error result for the first fact that is not a number, if any: a count compared with a date is a rule
    /// mistake to show, not a failure of the numbers.
    func notANumber(_ facts: [CheckedFact], _ group: Group, role: String) -> CheckResult? {
        guard let fact = facts.first(where: { $0.value.integer == nil }) else { return nil }
        return result(
            .error, group, message: "\(fact.attribute) \(Wording(facts).ref(fact)) is not a number, so it cannot be compared",
            links: [CheckResult.Link(role, fact)])
    }

    /// Document path, then start, end and id.
    static func documentOrder(_ a: CheckedFact, _ b: CheckedFact) -> Bool {
        // Facts of one document share their source: no need to compare the paths.
        if a.source !== b.source, a.document != b.document { return a.document < b.document }
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        return a.key < b.key
    }
}
