import Dispatch
import Foundation

/// Runs every check of a rule set over a dataset's facts: "do the numbers add up?", check by check.
///
/// Input: the facts (from a `Dataset`, or read back from `facts.jsonl` by `FactReader`) and the documents' texts
/// for quoting. Output: `ValidationReport`. Two guarantees hold whatever the checks say: a check that finds no
/// evidence, or that nowhere finds both sides to compare, gives one `error` result that says what is missing
/// (never a silent pass); and no result passes without at least one linked fact.
public struct Validator: Sendable {
    public var ruleSet: RuleSet

    /// Checks evaluated at once, and threads that read a dataset's records: checks are independent, and runs of
    /// records are joined in order, so the results are the same whatever the number.
    public var jobs: Int

    /// Results spilled with one write (see `validate(index:texts:checks:spill:)`).
    var resultsPerWrite = 256

    public init(ruleSet: RuleSet, jobs: Int = 1) {
        self.ruleSet = ruleSet
        self.jobs = max(1, jobs)
    }

    /// Checks a dataset, quoting from its normalised documents. The records are read one at a time (on `jobs`
    /// threads, each a run of them), and of their facts only those a check can look at are kept, each as a compact
    /// `CheckedFact`: those a selector of a check takes, and those inside the items of a list a count introduces
    /// (`list_length` links them). Of the others only which subjects they are about, in which documents, is kept
    /// (what `required` asks).
    public func validate(_ dataset: Dataset) -> ValidationReport {
        validate(dataset, spill: true)
    }

    /// `spill`: see `validate(index:texts:checks:spill:)`.
    func validate(_ dataset: Dataset, spill: Bool) -> ValidationReport {
        let records = dataset.documents.withoutTexts
        // A few runs per thread, so that the threads end together; the runs are joined in order, so the facts are in
        // the same order whatever the number.
        let runs = jobs == 1 ? 1 : 4 * jobs, size = max(1, (records.count + runs - 1) / runs)
        let ranges = stride(from: 0, to: records.count, by: size).map { $0..<min($0 + size, records.count) }
        let collected = ResultSlots<(facts: [CheckedFact], subjects: [String: Set<String>])>(count: ranges.count)
        let work: @Sendable (Int) -> Void = { [self] run in collected[run] = collect(records, ranges[run]) }
        if jobs == 1 || ranges.count < 2 {
            ranges.indices.forEach(work)
        } else {
            DispatchQueue.concurrentPerform(iterations: ranges.count, execute: work)
        }
        var facts: [CheckedFact] = []
        var subjects: [String: Set<String>] = [:]
        for run in collected.values {
            facts += run.facts
            subjects.merge(run.subjects) { $0.union($1) }
        }
        return validate(
            index: FactIndex(facts, subjects: subjects), texts: DocumentTexts(dataset.documents, docIDs: dataset.overview.docIDs),
            checks: nil, spill: spill)
    }

    /// The facts of the records at `positions` that a check can look at, and the documents each subject is stated in.
    private func collect(_ records: DocumentRecords.WithoutTexts, _ positions: Range<Int>) -> (facts: [CheckedFact], subjects: [String: Set<String>]) {
        let selectors = ruleSet.checks.flatMap(\.test.selectors)
        var facts: [CheckedFact] = []
        var subjects: [String: Set<String>] = [:]
        let shared = SharedFactParts()
        for position in positions {
            // Without its text (the quotes read texts when they need them), and with names shared by `shared` only for
            // the facts kept.
            let record = records[position]
            let source = DocumentSource(path: record.path, docID: record.docID, sha256: record.sha256)
            let about = record.facts.filter { $0.subject != nil }
            let items = about.flatMap { $0.items ?? [] }
            for fact in about {
                subjects[fact.subject!, default: []].insert(source.path)
                let evidence = fact.evidence
                guard selectors.contains(where: { $0.matches(fact) })
                    || items.contains(where: { $0.start <= evidence.start && evidence.end <= $0.end })
                else { continue }
                // The texts are at hand (`DocumentTexts`), so quotes never need the words around a span.
                facts.append(CheckedFact(fact, in: source, keepContext: false, shared: shared))
            }
        }
        return (facts, subjects)
    }

    /// Checks facts with `checks` (default: the rule set's).
    public func validate(_ facts: [Fact], texts: DocumentTexts = DocumentTexts(), checks: [Check]? = nil) -> ValidationReport {
        var sources: [String: DocumentSource] = [:]
        let shared = SharedFactParts()
        let checked = facts.filter { $0.subject != nil }.map { fact in
            let evidence = fact.evidence
            let key = evidence.document + "\u{0}" + evidence.docID + "\u{0}" + evidence.sha256
            let source = sources[key] ?? DocumentSource(path: evidence.document, docID: evidence.docID, sha256: evidence.sha256)
            sources[key] = source
            return CheckedFact(fact, in: source, keepContext: true, shared: shared)
        }
        return validate(index: FactIndex(checked), texts: texts, checks: checks)
    }

    /// With `spill`, each check's results go to a `ResultSpill` as soon as the check is evaluated, so neither they
    /// nor the facts they link stay in memory (a corpus's build); without, or when no temporary file can be made,
    /// they are kept in an array.
    private func validate(index: FactIndex, texts: DocumentTexts, checks: [Check]?, spill: Bool = false) -> ValidationReport {
        let checks = (checks ?? ruleSet.checks).sorted { $0.id < $1.id }
        let store = spill ? try? ResultSpill() : nil
        let evaluated = ResultSlots<(results: [CheckResult], spilled: [Range<Int>], tally: ResultTally)>(count: checks.count)
        let work: @Sendable (Int) -> Void = { [self] position in
            let results = evaluate(CheckEvaluation(check: checks[position], index: index, texts: texts, ruleSet: ruleSet))
            guard let store else { return evaluated[position] = (results, [], ResultTally()) }
            var tally = ResultTally()
            results.forEach { tally.add($0) }
            // The spill is this process's own file in the temporary folder: a full disk there is not a finding.
            // A few results at a time: a check's results whole, each with its linked facts, made one buffer of many
            // megabytes (and the allocator keeps such a block's pages once it is freed).
            let spilled = stride(from: 0, to: results.count, by: resultsPerWrite).map { start in
                try! store.append(results[start..<min(start + resultsPerWrite, results.count)].map { ($0, $0.id, $0.links.count) })
            }
            evaluated[position] = ([], spilled, tally)
        }
        if jobs == 1 || checks.count < 2 {
            checks.indices.forEach(work)
        } else {
            DispatchQueue.concurrentPerform(iterations: checks.count, execute: work)
        }
        guard let store else { return ValidationReport(checks: checks, results: evaluated.values.flatMap(\.results)) }
        var tally = ResultTally()
        var positions: [Int32] = []
        for check in evaluated.values {
            tally.append(check.tally)
            for batch in check.spilled { positions += batch.map { Int32($0) } }
        }
        return ValidationReport(checks: checks, results: CheckResults(store, positions: positions), tally: tally)
    }

    private func evaluate(_ evaluation: CheckEvaluation) -> [CheckResult] {
        let check = evaluation.check
        let evidence = check.test.selectors.contains { !evaluation.selected($0).isEmpty }
        // For `required` over a gazetteer, absence is the finding: every entry fails by name.
        let absenceIsTheFinding = if case .required(_, let forEach) = check.test { forEach != nil } else { false }
        if !evidence, !absenceIsTheFinding {
            let about = Set(check.test.selectors.flatMap(\.subjects)).sorted()
            let sides = check.test.selectors.map(\.summary).joined(separator: " or ")
            return [evaluation.result(
                .error, nil, message: "no evidence: no \(sides) fact\(about.isEmpty ? "" : " about " + about.joined(separator: ", ")) in the facts checked",
                links: [])]
        }
        var results = Self.run(evaluation).map { result -> CheckResult in
            guard result.status == .pass, result.links.isEmpty else { return result }
            var guarded = result
            guarded.status = .error
            guarded.message = "passed on no evidence, which cannot be: " + result.message
            return guarded
        }
        if !results.contains(where: { $0.status == .pass || $0.status == .fail }) {
            results = [Self.unevaluable(results, in: evaluation)]
        }
        return results.sorted(by: Self.order)
    }

    private static func run(_ evaluation: CheckEvaluation) -> [CheckResult] {
        switch evaluation.check.test {
        case .sum(let parts, let total, let key): evaluation.sum(parts: parts, total: total, key: key)
        case .listLength(let count, let items): evaluation.listLength(count: count, items: items)
        case .agree(let facts, let key): evaluation.agree(facts: facts, key: key)
        case .subset(let part, let whole): evaluation.subset(part: part, whole: whole)
        case .range(let facts, let minimum, let maximum): evaluation.range(facts: facts, minimum: minimum, maximum: maximum)
        case .dateOrder(let before, let after): evaluation.dateOrder(before: before, after: after)
        case .required(let facts, let forEach): evaluation.required(facts: facts, forEach: forEach)
        }
    }

    /// One error for a check that found facts but could compare nothing anywhere, with every reason and fact.
    private static func unevaluable(_ results: [CheckResult], in evaluation: CheckEvaluation) -> CheckResult {
        // Each group's reason names its lines only; with several documents, say which document each is about.
        let documents = Set(results.map(\.document))
        let named = Wording(results.flatMap(\.links).map(\.fact))
        var reasons: [String] = []
        for result in results {
            let reason = documents.count > 1 ? result.document.map { named.name(of: $0) + ": " } ?? "" : ""
            if !reasons.contains(reason + result.message) { reasons.append(reason + result.message) }
        }
        var links: [CheckResult.Link] = []
        for link in results.flatMap(\.links) where !links.contains(link) { links.append(link) }
        let subjects = Set(results.map(\.subject))
        var result = evaluation.result(
            .error, nil, message: "could not be evaluated anywhere: " + (reasons.isEmpty ? "nothing to compare" : reasons.joined(separator: "; ")),
            links: links)
        result.subject = subjects.count == 1 ? subjects.first! : nil
        result.document = documents.count == 1 ? documents.first! : nil
        return result
    }

    /// Check, subject, document, key, then the places of the linked facts.
    static func order(_ a: CheckResult, _ b: CheckResult) -> Bool {
        let x = (a.checkID, a.subject ?? "", a.document ?? "")
        let y = (b.checkID, b.subject ?? "", b.document ?? "")
        if x != y { return x < y }
        if a.key != b.key {
            // "wave 2" before "wave 10".
            return (a.key ?? "").compare(b.key ?? "", options: .numeric) == .orderedAscending
        }
        let p = a.links.map(\.place), q = b.links.map(\.place)
        for (x, y) in zip(p, q) where x != y { return x < y }
        return p.count != q.count ? p.count < q.count : a.id < b.id
    }
}


