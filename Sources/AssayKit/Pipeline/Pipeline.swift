import Dispatch
import Foundation

/// Runs the stages in order: Load → Normalize → Extract → Validate → Write.
///
/// Documents are independent, so Normalize and Extract run concurrently on `jobs` workers, and each result is
/// handed on in path order (`OrderedDelivery`): the output does not depend on the number of threads. With a cache, a
/// document whose entry is there (same bytes, path, rules and tool) is restored instead of normalised and extracted.
/// Validate runs over all the facts once every document is done, since its checks compare documents.
public struct Pipeline: Sendable {
    public let ruleSet: RuleSet
    public var jobs: Int
    public var cache: ExtractionCache?

    private let normalizer: Normalizer
    private let extractor: Extractor

    public init(ruleSet: RuleSet, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, cache: ExtractionCache? = nil) {
        self.ruleSet = ruleSet
        normalizer = Normalizer(ruleSet: ruleSet)
        extractor = Extractor(ruleSet: ruleSet)
        self.jobs = max(1, jobs)
        self.cache = cache
    }

    /// Extracts facts from every document of a corpus and runs the rule set's checks on them, keeping every
    /// extraction (for tests, `explain` and other callers that look inside).
    public func run(_ corpus: Corpus) -> Dataset {
        let documents = corpus.documents
        let processed = process(count: documents.count, progress: nil) { extract(documents[$0]) }
        let extractions = processed.map(\.0)
        var dataset = Dataset(ruleSet: ruleSet, documents: extractions.map(DocumentRecord.init), corpusDiagnostics: corpus.diagnostics)
        dataset.extractions = extractions
        return finish(dataset, outcomes: processed.map(\.1), keys: documents.map { cache?.key(for: $0) })
    }

    /// Streams a listed corpus: each document is read, normalised and extracted by a worker, and kept only as its
    /// `DocumentRecord`, which goes, in path order, to a spill file (`DocumentRecords`) the moment the documents
    /// before it are done: memory holds the documents in flight, not the corpus. `progress` is called after each
    /// document (from the workers, serially) with the number done and the total. Without `validate`, the checks are
    /// left to whoever combines this dataset with others (`assay merge`).
    public func run(
        _ index: CorpusIndex, loader: CorpusLoader, validate: Bool = true, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> Dataset {
        let entries = index.entries
        let spill = try RecordSpill()
        let collected = Collected(corpusDiagnostics: index.diagnostics)
        try process(count: entries.count, progress: progress) { position -> (Result<DocumentRecord, Diagnostic>, Outcome) in
            switch loader.load(entries[position]) {
            case .success(let document):
                let (extraction, outcome) = extract(document)
                return (.success(DocumentRecord(extraction)), outcome)
            case .failure(let diagnostic):
                return (.failure(diagnostic), .extracted)
            }
        } deliver: { _, value in
            collected.outcomes.append(value.1)
            switch value.0 {
            case .success(let record):
                try spill.append(record)
                collected.overview.add(record)
            case .failure(let diagnostic): collected.corpusDiagnostics.append(diagnostic)
            }
        }
        let dataset = Dataset(
            ruleSet: ruleSet, documents: DocumentRecords(spill: spill), corpusDiagnostics: collected.corpusDiagnostics,
            overview: collected.overview)
        return finish(
            dataset, validate: validate, outcomes: collected.outcomes, keys: entries.map { cache?.key(path: $0.path, sha256: $0.sha256) })
    }

    /// Normalises and extracts each listed document on the workers and hands each extraction (or the reason a
    /// document could not be read) to `body` in path order, as soon as the documents before it are done: for
    /// callers that print as they go (`assay extract`) and hold nothing.
    public func forEach(
        _ index: CorpusIndex, loader: CorpusLoader, _ body: @escaping @Sendable (Result<Extraction, Diagnostic>) throws -> Void
    ) throws {
        let entries = index.entries
        try process(count: entries.count, progress: nil) { position -> Result<Extraction, Diagnostic> in
            loader.load(entries[position]).map { extract($0).0 }
        } deliver: { _, result in
            try body(result)
        }
    }

    /// What the in-order delivery gathers while the workers run.
    private final class Collected: @unchecked Sendable {
        var corpusDiagnostics: [Diagnostic]
        var overview = DatasetOverview()
        var outcomes: [Outcome] = []

        init(corpusDiagnostics: [Diagnostic]) { self.corpusDiagnostics = corpusDiagnostics }
    }

    /// Normalises and extracts each document, keeping the input order.
    public func extract(_ documents: [SourceDocument]) -> [Extraction] {
        process(count: documents.count, progress: nil) { extract(documents[$0]).0 }
    }

    private func finish(_ dataset: Dataset, validate: Bool = true, outcomes: [Outcome], keys: [String?]) -> Dataset {
        var dataset = dataset
        if validate {
            let validator = Validator(ruleSet: ruleSet, jobs: jobs), unchecked = dataset
            dataset.pendingValidation = Deferred {
                let report = validator.validate(unchecked)
                FreedMemory.release()
                return report
            }
        }
        guard let cache else { return dataset }
        var statistics = CacheStatistics(folder: cache.folder)
        for outcome in outcomes {
            switch outcome {
            case .restored: statistics.restored += 1
            case .stored: statistics.stored += 1
            case .notStored: statistics.notStored += 1
            case .extracted: break
            }
        }
        cache.prune(keeping: Set(keys.compactMap { $0 }))
        dataset.cache = statistics
        return dataset
    }

    /// One document through Normalize and Extract, or out of the cache.
    private func extract(_ document: SourceDocument) -> (Extraction, Outcome) {
        if let cache, let restored = cache.load(document) { return (restored, .restored) }
        let extraction = extractor.extract(from: normalizer.normalize(document))
        let stored = cache?.store(extraction)
        return (extraction, stored == nil ? .extracted : stored! ? .stored : .notStored)
    }

    /// Runs `work` for every index on `jobs` workers and returns the results in index order, whatever the order
    /// they finished in.
    private func process<Value>(count: Int, progress: (@Sendable (Int, Int) -> Void)?, _ work: @escaping @Sendable (Int) -> Value) -> [Value] {
        let results = ResultSlots<Value>(count: count)
        try! process(count: count, progress: progress, work) { index, value in results[index] = value }
        return results.values
    }

    /// Runs `work` for every index on `jobs` workers and hands each result to `deliver` in index order (serially, as
    /// soon as the results before it are in), so results need not all be held at once. Workers take the next index
    /// from a shared counter, so a slow document holds up one worker, not a fixed share of the corpus. The first
    /// error `deliver` throws stops the workers and is rethrown.
    private func process<Value>(
        count: Int, progress: (@Sendable (Int, Int) -> Void)?, _ work: @escaping @Sendable (Int) -> Value,
        deliver: @escaping @Sendable (Int, Value) throws -> Void
    ) throws {
        let counter = WorkCounter()
        // A worker may run ahead of the oldest unfinished document by this many: one very slow document then holds
        // up the others instead of letting finished results pile up behind it.
        let delivery = OrderedDelivery<Value>(window: 8 * jobs, deliver)
        let workers = min(jobs, count)
        let run: @Sendable (Int) -> Void = { _ in
            while !delivery.failed, let index = counter.next(below: count) {
                delivery.waitForRoom(index)
                delivery.add(work(index), at: index)
                if let progress { counter.finished(of: count, report: progress) }
            }
        }
        if workers <= 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: run) }
        if let error = delivery.error { throw error }
    }

    private enum Outcome: Sendable {
        case restored, stored, notStored, extracted
    }
}
