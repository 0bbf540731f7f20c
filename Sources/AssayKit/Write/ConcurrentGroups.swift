import Dispatch
import Foundation

/// Runs independent pieces of work on up to `jobs` threads: each thread takes the next piece in the order given as
/// it frees up, so the longest pieces should come first. With one job, the pieces run in order on the calling
/// thread. The first error thrown is rethrown once every piece has run or been skipped (no piece starts after one
/// has failed).
enum ConcurrentGroups {
    static func run(_ groups: [@Sendable () throws -> Void], jobs: Int) throws {
        guard jobs > 1, groups.count > 1 else {
            try groups.forEach { try $0() }
            return
        }
        let counter = WorkCounter()
        let failure = FirstError()
        DispatchQueue.concurrentPerform(iterations: min(jobs, groups.count)) { _ in
            while !failure.happened, let index = counter.next(below: groups.count) {
                do { try groups[index]() } catch { failure.keep(error) }
            }
        }
        if let error = failure.error { throw error }
    }

    /// The first error any thread met.
    private final class FirstError: @unchecked Sendable {
        private var first: Error?
        private let lock = NSLock()

        var happened: Bool { lock.withLock { first != nil } }
        var error: Error? { lock.withLock { first } }

        func keep(_ error: Error) {
            lock.withLock { if first == nil { first = error } }
        }
    }
}
