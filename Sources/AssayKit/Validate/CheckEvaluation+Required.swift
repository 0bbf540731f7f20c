extension CheckEvaluation {
    /// `required`: each subject has at least one selected fact. The subjects are the entries of the gazetteer the
    /// check names (so a programme the corpus never mentions fails), or else every subject that has any fact; with
    /// document scope, each document that says anything about a subject must state it.
    func required(facts selector: FactSelector, forEach gazetteer: String?) -> [CheckResult] {
        var subjects = Set(index.subjects.keys)
        if let gazetteer, let entries = ruleSet.gazetteers[gazetteer]?.entries { subjects = Set(entries.map(\.id)) }
        if !selector.subjects.isEmpty { subjects.formIntersection(selector.subjects) }
        let found = selected(selector)
        var results: [CheckResult] = []
        for subject in subjects.sorted() {
            let about = index.subjects[subject] ?? []
            let documents: [String?] = check.scope == .document && !about.isEmpty ? about.sorted() : [nil]
            for document in documents {
                let stated = found.filter { $0.subject == subject && (document == nil || $0.document == document) }
                let group = Group(subject: subject, document: document, facts: stated)
                let needed = "at least one \(selector.summary) fact"
                guard !stated.isEmpty else {
                    let place = document == nil ? " in the corpus" : " in this document"
                    results.append(result(
                        .fail, group, expected: .string(needed), observed: .integer(0),
                        message: "\(subject) has no \(selector.summary) fact\(place): expected \(needed), found none", links: []))
                    continue
                }
                results.append(result(
                    .pass, group, expected: .string(needed), observed: .integer(stated.count),
                    message: "\(subject) has \(Wording(stated).labelled(stated)): expected \(needed), found \(stated.count)",
                    links: stated.map { CheckResult.Link("fact", $0) }))
            }
        }
        return results
    }
}
