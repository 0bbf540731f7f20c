@testable import AssayKit
import Dispatch
import Foundation
import Testing
import TestSupport

/// The checks of a build are a `Deferred`: made by the first writer thread that reads them, once, while the others wait.
@Suite struct DeferredTests {
    @Test func isMadeOnceHoweverManyThreadsAsk() {
        let calls = Counter()
        let deferred = Deferred<[Int]> {
            calls.add()
            Thread.sleep(forTimeInterval: 0.05)
            return Array(0..<100)
        }
        #expect(!deferred.isMade)
        let seen = ResultSlots<[Int]>(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { seen[$0] = deferred.value }
        #expect(calls.value == 1)
        #expect(seen.values.allSatisfy { $0 == Array(0..<100) })
        #expect(deferred.isMade)
    }

    @Test func aPipelineLeavesTheChecksToTheirFirstReader() throws {
        let corpus = try CorpusLoader(base: Repository.root).load(from: Repository.corpus)
        let dataset = Pipeline(ruleSet: Repository.ruleSet).run(corpus)
        #expect(dataset.validationIsPending)
        // Read through a copy, the checks run once, and the original has them too.
        let copy = dataset
        let results = copy.validation.results.count
        #expect(!dataset.validationIsPending)
        #expect(dataset.validation.results.count == results && results > 0)
        #expect(dataset.validation.checks.count == Repository.ruleSet.checks.count)
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
