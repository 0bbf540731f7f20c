import Dispatch
import Foundation

/// Runs the stages in order: Load → Normalize → Extract → Validate → Write.
///
/// Documents are independent, so Normalize and Extract run concurrently, each result stored at its document's
/// index: the output does not depend on the number of threads. With a cache, a document whose entry is there
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

    /// Extracts facts from every document of a corpus and runs the rule set's checks on them.
    public func run(_ corpus: Corpus) -> Dataset {
        let (extractions, statistics) = extractCounting(corpus.documents)
        var dataset = Dataset(
            ruleSet: ruleSet, extractions: extractions,
            diagnostics: corpus.diagnostics + extractions.flatMap { $0.document.diagnostics + $0.diagnostics })
        dataset.cache = statistics
        dataset.validation = Validator(ruleSet: ruleSet).validate(dataset)
        return dataset
    }

    /// Normalises and extracts each document, keeping the input order.
    public func extract(_ documents: [SourceDocument]) -> [Extraction] {
        extractCounting(documents).extractions
    }

    private func extractCounting(_ documents: [SourceDocument]) -> (extractions: [Extraction], statistics: CacheStatistics?) {
        let normalizer = Normalizer(ruleSet: ruleSet)
        let extractor = Extractor(ruleSet: ruleSet)
        let cache = self.cache
        let results = ResultSlots<(Extraction, Outcome)>(count: documents.count)
        let work: @Sendable (Int) -> Void = { index in
            let document = documents[index]
            if let cache, let restored = cache.load(document) {
                results[index] = (restored, .restored)
                return
            }
            let extraction = extractor.extract(from: normalizer.normalize(document))
            let stored = cache?.store(extraction)
            results[index] = (extraction, stored == nil ? .extracted : stored! ? .stored : .notStored)
        }
        if jobs == 1 || documents.count < 2 {
            documents.indices.forEach(work)
        } else {
            // `jobs` workers, worker w taking documents w, w + jobs, w + 2·jobs …
            let workers = min(jobs, documents.count)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: documents.count, by: workers) { work(index) }
            }
        }
        let values = results.values
        guard let cache else { return (values.map(\.0), nil) }
        var statistics = CacheStatistics(folder: cache.folder)
        for (_, outcome) in values {
            switch outcome {
            case .restored: statistics.restored += 1
            case .stored: statistics.stored += 1
            case .notStored: statistics.notStored += 1
            case .extracted: break
            }
        }
        cache.prune(keeping: Set(documents.map(cache.key(for:))))
        return (values.map(\.0), statistics)
    }

    private enum Outcome: Sendable {
        case restored, stored, notStored, extracted
    }
}

/// The result of a run: what `DatasetWriter` writes.
public struct Dataset: Sendable {
    public var ruleSet: RuleSet
    /// One per document, in path order.
    public var extractions: [Extraction]
    public var diagnostics: [Diagnostic]
    /// The checks' results on the facts (empty until `Pipeline.run` validates).
    public var validation = ValidationReport()
    /// What the cache did, when the run used one. Never written to the output, which must not depend on it.
    public var cache: CacheStatistics?

    public var facts: [Fact] { extractions.flatMap(\.facts) }
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
