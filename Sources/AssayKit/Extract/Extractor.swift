import Dispatch
import Foundation

/// Runs a rule set over a normalised document: every rule on every block, values normalised, overlaps resolved,
/// facts attributed to their subject, evidence attached.
///
/// Input: `NormalizedDocument`. Output: `Extraction`. Patterns run one block at a time on the block's own string,
/// so a match never spans two blocks and `NSRegularExpression` copies only that block to UTF-16. A rule with
/// keywords (or, without them, the literals its pattern requires, see `RequiredLiterals`) runs only on blocks that contain one.
public struct Extractor: Sendable {
    public let ruleSet: RuleSet
    /// When set, only this rule runs (rule examples, `assay explain`).
    public let onlyRule: String?
    /// Every rule's keywords in one automaton: which rules may match a block, in one pass over it.
    private let keywords: KeywordAutomaton

    public init(ruleSet: RuleSet, onlyRule: String? = nil) {
        self.ruleSet = ruleSet
        self.onlyRule = onlyRule
        keywords = KeywordAutomaton(keywords: ruleSet.rules.map(\.prefilterBytes))
    }

    public func extract(from document: NormalizedDocument) -> Extraction {
        var candidates: [Candidate] = []
        var suppressed: [SuppressedCandidate] = []
        var diagnostics: [Diagnostic] = []
        let ruleIndices = ruleSet.rules.indices.filter { onlyRule == nil || ruleSet.rules[$0].id == onlyRule }
        var clock = RegexClock(budget: ruleSet.limits.regexMilliseconds, rules: ruleSet.rules.count)
        var mayMatch = Array(repeating: UInt64(0), count: keywords.ruleWords)
        let slicer = TextSlicer(document)
        for block in document.blocks {
            keywords.candidates(in: slicer, block.range, into: &mayMatch)
            // Made when the first rule runs on the block.
            var blockText: String?
            var offsets: UTF16ToScalarOffsets?
            // Whether the regular expression runs on this block at all: only where one of its keywords is. Decided
            // before the rule is looked at, so the rules that cannot match cost nothing more. Rules are read in place
            // (`ruleSet.rules[ruleIndex].…`): a copy of a whole `Rule` retains each of its many references.
            for ruleIndex in ruleIndices where KeywordAutomaton.contains(mayMatch, ruleIndex) {
                if let within = ruleSet.rules[ruleIndex].within, !within.admits(block, in: document) { continue }
                let text = blockText ?? slicer.text(in: block.range)
                blockText = text
                let regex = ruleSet.rules[ruleIndex].regex
                guard let matches = clock.matches(of: regex, in: text, rule: ruleIndex, risky: ruleSet.rules[ruleIndex].mayBacktrack) else {
                    if clock.reportTimeout(of: ruleIndex) {
                        let id = ruleSet.rules[ruleIndex].id
                        let line = document.sourceMap.sourceRange(of: block.range).map { document.sourceMap.line(ofSourceOffset: $0.lowerBound) }
                        diagnostics.append(Diagnostic(
                            .warning, stage: .extract,
                            "rule '\(id)' stopped after \(ruleSet.limits.regexMilliseconds) ms on this document (limits.regex_milliseconds); "
                                + "its facts from line \(line.map(String.init) ?? "?") on are missing",
                            at: SourceLocation(file: document.source.path, line: line), ruleID: id))
                    }
                    continue
                }
                guard !matches.isEmpty else { continue }
                if offsets == nil { offsets = UTF16ToScalarOffsets(text) }
                let rule = ruleSet.rules[ruleIndex]
                for match in matches {
                    collect(
                        match, rule: rule, ruleIndex: ruleIndex, block: block, offsets: offsets!, document: document,
                        slicer: slicer, into: &candidates, suppressed: &suppressed)
                }
            }
        }
        let resolved = OverlapResolver(policy: ruleSet.overlap).resolve(candidates, rules: ruleSet.rules)
        suppressed += resolved.suppressed.map { candidate, reason, winner in
            SuppressedCandidate(
                ruleID: ruleSet.rules[candidate.ruleIndex].id, type: candidate.type, start: candidate.span.lowerBound,
                end: candidate.span.upperBound, exact: document.text(in: candidate.span), reason: reason,
                winnerRuleID: ruleSet.rules[winner].id)
        }
        let subjects = ruleSet.attribution.map { Attributor(attribution: $0, ruleSet: ruleSet).subjects(for: resolved.kept, in: document) }
        var facts = resolved.kept.enumerated().map { index, candidate in
            fact(from: candidate, subject: subjects?[index] ?? nil, document: document)
        }
        facts.sort { ($0.evidence.start, $0.evidence.end, $0.type, $0.ruleID, $0.id) < ($1.evidence.start, $1.evidence.end, $1.type, $1.ruleID, $1.id) }
        suppressed.sort { ($0.start, $0.end, $0.ruleID, $0.type) < ($1.start, $1.end, $1.ruleID, $1.type) }
        return Extraction(document: document, facts: facts, suppressed: suppressed, diagnostics: diagnostics)
    }

    private func collect(
        _ match: NSTextCheckingResult, rule: Rule, ruleIndex: Int, block: Block, offsets: UTF16ToScalarOffsets,
        document: NormalizedDocument, slicer: TextSlicer, into candidates: inout [Candidate], suppressed: inout [SuppressedCandidate]
    ) {
        guard match.range.length > 0 else { return }
        let matchSpan = offsets.scalarRange(match.range).map { ($0.lowerBound + block.range.lowerBound)..<($0.upperBound + block.range.lowerBound) }
        guard let matchSpan else { return }
        let record = SHA256Hex.prefixed(
            "r-", digestOf: Array("\(document.source.docID)|\(rule.id)|\(matchSpan.lowerBound)|\(matchSpan.upperBound)".utf8), hexDigits: 12)
        var recordQualifiers = rule.qualifiers
        for field in rule.qualifierFields {
            let range = match.range(withName: field.group)
            guard range.location != NSNotFound, range.length > 0, let local = offsets.scalarRange(range) else { continue }
            let text = slicer.text(in: (local.lowerBound + block.range.lowerBound)..<(local.upperBound + block.range.lowerBound))
            let canonical = field.gazetteer.flatMap { ruleSet.gazetteers[$0]?.entry(named: text)?.name }
            recordQualifiers[field.qualifier] = .string(canonical ?? text)
        }
        for field in rule.fields {
            let range = match.range(withName: field.group)
            guard range.location != NSNotFound, range.length > 0, let local = offsets.scalarRange(range) else { continue }
            let span = (local.lowerBound + block.range.lowerBound)..<(local.upperBound + block.range.lowerBound)
            let exact = slicer.text(in: span)
            guard let type = ruleSet.types[field.type] else { continue }
            guard let value = ValueReader.shared.read(exact, as: type, gazetteers: ruleSet.gazetteers) else {
                suppressed.append(SuppressedCandidate(
                    ruleID: rule.id, type: field.type, start: span.lowerBound, end: span.upperBound, exact: exact,
                    reason: "no \(type.value.rawValue) value could be read from '\(exact)'"))
                continue
            }
            var qualifiers = recordQualifiers
            qualifiers.merge(field.qualifiers) { _, new in new }
            candidates.append(Candidate(
                ruleIndex: ruleIndex, field: field, type: field.type, span: span, value: value,
                qualifiers: qualifiers, recordID: record))
        }
    }

    private func fact(from candidate: Candidate, subject: String?, document: NormalizedDocument) -> Fact {
        let rule = ruleSet.rules[candidate.ruleIndex]
        let evidence = EvidenceBuilder.evidence(for: candidate.span, in: document)
        let identity = [
            document.source.docID, rule.id, candidate.type, candidate.field.attribute,
            "\(candidate.span.lowerBound)", "\(candidate.span.upperBound)", candidate.value.description,
        ].joined(separator: "|")
        return Fact(
            id: SHA256Hex.prefixed("f-", digestOf: Array(identity.utf8), hexDigits: 16), type: candidate.type, value: candidate.value,
            attribute: candidate.field.attribute, subject: subject, qualifiers: candidate.qualifiers, ruleID: rule.id,
            ruleFile: rule.location.file, ruleLine: rule.location.line ?? 0, recordID: candidate.recordID,
            evidence: evidence,
            items: candidate.field.introducesList ? ListItemCollector.items(after: candidate.span, in: document) : nil)
    }
}

/// Runs patterns within a time budget per rule per document, using `NSRegularExpression`'s progress reports to stop
/// a runaway match (catastrophic backtracking on a hostile text) instead of letting it hang the batch.
struct RegexClock {
    let budget: UInt64
    private var spent: [UInt64]
    private var stopped: [Bool]
    private var reported: [Bool]

    init(budget milliseconds: Int, rules: Int) {
        budget = UInt64(milliseconds) * 1_000_000
        spent = Array(repeating: 0, count: rules)
        stopped = Array(repeating: false, count: rules)
        reported = Array(repeating: false, count: rules)
    }

    /// Blocks at least this long (UTF-16 units) are matched under the clock whatever the pattern.
    static let watchedLength = 4_096

    /// The matches of `regex` in `text`, or nil when the rule has used up its time on this document.
    ///
    /// Progress reports cost about 40% of matching time, so they are used where a runaway is possible: for patterns
    /// whose shape can backtrack catastrophically (`risky`, as lint finds them) and for long blocks. Other matches
    /// run unwatched but their time still counts against the budget.
    mutating func matches(of regex: NSRegularExpression, in text: String, rule: Int, risky: Bool) -> [NSTextCheckingResult]? {
        guard !stopped[rule] else { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        let length = text.utf16.count
        guard risky || length >= Self.watchedLength else {
            let results = regex.matches(in: text, range: NSRange(location: 0, length: length))
            spent[rule] += DispatchTime.now().uptimeNanoseconds - start
            if spent[rule] > budget { stopped[rule] = true }
            return results
        }
        let deadline = start + (budget - min(spent[rule], budget))
        var results: [NSTextCheckingResult] = []
        var timedOut = false
        var calls = 0
        regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(location: 0, length: text.utf16.count)) { result, _, stop in
            if let result { results.append(result) }
            // Reading the clock on every progress report costs more than the check is worth.
            calls &+= 1
            if calls & 63 == 0, DispatchTime.now().uptimeNanoseconds > deadline {
                timedOut = true
                stop.pointee = true
            }
        }
        spent[rule] += DispatchTime.now().uptimeNanoseconds - start
        if timedOut {
            stopped[rule] = true
            return nil
        }
        return results
    }

    /// True the first time a stopped rule is asked about, so its warning is given once per document.
    mutating func reportTimeout(of rule: Int) -> Bool {
        guard stopped[rule], !reported[rule] else { return false }
        reported[rule] = true
        return true
    }
}

/// A match of one field of one rule, before overlaps are resolved.
struct Candidate: Sendable {
    var ruleIndex: Int
    var field: Rule.Field
    var type: String
    /// Scalar range in the normalised text.
    var span: Range<Int>
    var value: FactValue
    var qualifiers: [String: FactValue]
    var recordID: String
}

/// Converts `NSRange` (UTF-16) offsets of one string to Unicode scalar offsets.
struct UTF16ToScalarOffsets {
    /// For every UTF-16 offset (and the end), the scalar offset; -1 inside a surrogate pair.
    private var table: [Int32]

    init(_ text: String) {
        table = []
        table.reserveCapacity(text.utf16.count + 1)
        var scalarIndex: Int32 = 0
        for scalar in text.unicodeScalars {
            table.append(scalarIndex)
            if scalar.value > 0xFFFF { table.append(-1) }
            scalarIndex += 1
        }
        table.append(scalarIndex)
    }

    func scalarRange(_ range: NSRange) -> Range<Int>? {
        let lower = range.location, upper = range.location + range.length
        guard lower >= 0, upper < table.count, table[lower] >= 0, table[upper] >= 0 else { return nil }
        return Int(table[lower])..<Int(table[upper])
    }
}
