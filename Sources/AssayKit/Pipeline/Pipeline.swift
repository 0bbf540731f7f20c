import Dispatch
import Foundation

/// Runs the stages in order: Load → Normalize → Extract → Validate → Write.
///
/// Documents are independent, so Normalize and Extract run concurrently on `jobs` workers, each result stored at
/// its document's index: the output does not depend on the number of threads. With a cache, a document whose entry is there
/// (same bytes, path, rules and tool) is restored instead of normalised and extracted. Validate always runs over
/// all the facts, since its checks compare documents with each other.
public struct Pipeline: Sendable {
    public var ruleSet: RuleSet
    public var jobs: Int
    public var cache: ExtractionCache?

    public init(ruleSet: RuleSet, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, cache: ExtractionCache? = nil) {
        self.ruleSet = ruleSet
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

    /// Streams a listed corpus: each document is read, normalised and extracted by a worker and kept only as its
    /// `DocumentRecord`, so memory follows the facts, not the documents. `progress` is called after each document
    /// (from the workers, serially) with the number done and the total.
    /// Without `validate`, the checks are left to whoever combines this dataset with others (`assay merge`).
    public func run(
        _ index: CorpusIndex, loader: CorpusLoader, validate: Bool = true, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> Dataset {
        let entries = index.entries
        let processed = process(count: entries.count, progress: progress) { position -> (Result<DocumentRecord, Diagnostic>, Outcome) in
            switch loader.load(entries[position]) {
            case .success(let document):
                let (extraction, outcome) = extract(document)
                return (.success(DocumentRecord(extraction)), outcome)
            case .failure(let diagnostic):
                return (.failure(diagnostic), .extracted)
            }
        }
        var diagnostics = index.diagnostics
        var records: [DocumentRecord] = []
        for (result, _) in processed {
            switch result {
            case .success(let record): records.append(record)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        let dataset = Dataset(ruleSet: ruleSet, documents: records, corpusDiagnostics: diagnostics)
        return finish(
            dataset, validate: validate, outcomes: processed.map { $0.1 }, keys: entries.map { cache?.key(path: $0.path, sha256: $0.sha256) })
    }

    /// Normalises and extracts each document, keeping the input order.
    public func extract(_ documents: [SourceDocument]) -> [Extraction] {
        process(count: documents.count, progress: nil) { extract(documents[$0]).0 }
    }

    private func finish(_ dataset: Dataset, validate: Bool = true, outcomes: [Outcome], keys: [String?]) -> Dataset {
        var dataset = dataset
        if validate { dataset.validation = Validator(ruleSet: ruleSet).validate(dataset) }
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
        let extraction = Extractor(ruleSet: ruleSet).extract(from: Normalizer(ruleSet: ruleSet).normalize(document))
        let stored = cache?.store(extraction)
        return (extraction, stored == nil ? .extracted : stored! ? .stored : .notStored)
    }

    /// Runs `work` for every index on `jobs` workers and returns the results in index order, whatever the order
    /// they finished in. Workers take the next index from a shared counter, so a slow document holds up one worker,
    /// not a fixed share of the corpus.
    private func process<Value>(count: Int, progress: (@Sendable (Int, Int) -> Void)?, _ work: @escaping @Sendable (Int) -> Value) -> [Value] {
        let results = ResultSlots<Value>(count: count)
        let counter = WorkCounter()
        let workers = min(jobs, count)
        let run: @Sendable (Int) -> Void = { _ in
            while let index = counter.next(below: count) {
                results[index] = work(index)
                if let progress { counter.finished(of: count, report: progress) }
            }
        }
        if workers <= 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: run) }
        return results.values
    }

    private enum Outcome: Sendable {
        case restored, stored, notStored, extracted
    }
}

/// The result of a run: what `DatasetWriter` writes.
public struct Dataset: Sendable {
    public var ruleSet: RuleSet
    /// One per document that was read, in path order.
    public var documents: [DocumentRecord]
    /// Findings about the corpus rather than a document in it: files that are no documents, or could not be read.
    public var corpusDiagnostics: [Diagnostic]
    /// The checks' results on the facts (empty until `Pipeline.run` validates).
    public var validation = ValidationReport()
    /// What the cache did, when the run used one. Never written to the output, which must not depend on it.
    public var cache: CacheStatistics?
    /// Everything Normalize and Extract made of each document, when the run kept it (`Pipeline.run(_: Corpus)`);
    /// empty for a streaming build.
    public var extractions: [Extraction] = []

    public init(ruleSet: RuleSet, documents: [DocumentRecord], corpusDiagnostics: [Diagnostic]) {
        self.ruleSet = ruleSet
        self.documents = documents
        self.corpusDiagnostics = corpusDiagnostics
    }

    /// Every finding: the corpus's, then each document's, in path order.
    public var diagnostics: [Diagnostic] { corpusDiagnostics + documents.flatMap(\.diagnostics) }

    public var facts: [Fact] { documents.flatMap(\.facts) }
}

/// Fixed slots that concurrent workers fill, each at its own index.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value] { lock.withLock { storage.map { $0! } } }
}

/// The next document index for whichever worker asks, and the count of documents done.
final class WorkCounter: @unchecked Sendable {
    private var nextIndex = 0
    private var done = 0
    private let lock = NSLock()

    func next(below count: Int) -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    /// Counts one more document done and reports it while holding the lock, so reports arrive in order.
    func finished(of count: Int, report: (Int, Int) -> Void) {
        lock.withLock {
            done += 1
            report(done, count)
        }
    }
}
