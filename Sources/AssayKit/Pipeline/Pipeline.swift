import Dispatch
import Foundation

/// Runs the stages in order: Load → Normalize → Extract → Validate → Write.
///
/// Documents are independent, so Normalize and Extract run concurrently, each result stored at its document's
/// index: the output does not depend on the number of threads. Validate runs once over all the facts, since its
/// checks compare documents with each other.
public struct Pipeline: Sendable {
    public var ruleSet: RuleSet
    public var jobs: Int

    public init(ruleSet: RuleSet, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.ruleSet = ruleSet
        self.jobs = max(1, jobs)
    }

    /// Extracts facts from every document of a corpus and runs the rule set's checks on them.
    public func run(_ corpus: Corpus) -> Dataset {
        let extractions = extract(corpus.documents)
        var dataset = Dataset(
            ruleSet: ruleSet, extractions: extractions,
            diagnostics: corpus.diagnostics + extractions.flatMap { $0.document.diagnostics + $0.diagnostics })
        dataset.validation = Validator(ruleSet: ruleSet).validate(dataset)
        return dataset
    }

    /// Normalises and extracts each document, keeping the input order.
    public func extract(_ documents: [SourceDocument]) -> [Extraction] {
        let normalizer = Normalizer(boilerplate: ruleSet.boilerplate)
        let extractor = Extractor(ruleSet: ruleSet)
        let results = ResultSlots<Extraction>(count: documents.count)
        let work: @Sendable (Int) -> Void = { index in
            results[index] = extractor.extract(from: normalizer.normalize(documents[index]))
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
        return results.values
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
