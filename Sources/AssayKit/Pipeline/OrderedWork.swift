import Foundation

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

/// Hands results to a consumer in index order while workers finish them in any order; holds only those that arrive
/// before an earlier one is done.
final class OrderedDelivery<Value>: @unchecked Sendable {
    private let deliver: (Int, Value) throws -> Void
    private let window: Int
    private var pending: [Int: Value] = [:]
    private var next = 0
    private var failure: Error?
    private let condition = NSCondition()

    init(window: Int, _ deliver: @escaping (Int, Value) throws -> Void) {
        self.window = max(1, window)
        self.deliver = deliver
    }

    var failed: Bool { condition.withLock { failure != nil } }
    var error: Error? { condition.withLock { failure } }

    /// Waits until `index` is within the window of the next result to deliver (or delivery failed).
    func waitForRoom(_ index: Int) {
        condition.withLock {
            while failure == nil, index >= next + window { condition.wait() }
        }
    }

    func add(_ value: Value, at index: Int) {
        condition.withLock {
            pending[index] = value
            while failure == nil, let ready = pending.removeValue(forKey: next) {
                do { try deliver(next, ready) } catch { failure = error }
                next += 1
            }
            condition.broadcast()
        }
    }
}
