import Foundation

/// What a run is writing that is not in place yet (the staging folder beside `Output/`, cache entries being
/// written), so that an interrupted run can remove it and leave nothing half-written behind.
///
/// The executable calls `abandon()` when it receives SIGINT or SIGTERM, then exits. Two guarantees hold: the swap
/// of a finished staging folder with `Output/` runs inside `publish`, which `abandon()` waits for, so a signal never
/// cuts a swap in half; and after `abandon()` nothing new is staged or published. A SIGKILL cannot be caught: it
/// leaves at most a staging folder or a temporary cache file named after the dead process, which the next run
/// removes (`DatasetWriter` and `ExtractionCache` check whether that process still runs).
public final class StagingArea: @unchecked Sendable {
    /// The run was interrupted: nothing more is written.
    public struct Interrupted: Error, CustomStringConvertible {
        public var description: String { "interrupted" }
    }

    public static let shared = StagingArea()

    private let lock = NSLock()
    private var paths: Set<String> = []
    private var abandoned = false

    init() {}

    /// Records a path that is being written; throws when the run has been abandoned.
    func begin(_ url: URL) throws {
        try lock.withLock {
            guard !abandoned else { throw Interrupted() }
            paths.insert(url.path)
        }
    }

    /// The path is in place, or removed: no longer ours to clean up.
    func end(_ url: URL) {
        lock.withLock { _ = paths.remove(url.path) }
    }

    /// Runs `body` (a rename or swap that puts staged work in place) so that `abandon()` waits until it is done.
    func publish<Result>(_ body: () throws -> Result) throws -> Result {
        try lock.withLock {
            guard !abandoned else { throw Interrupted() }
            return try body()
        }
    }

    /// Removes everything staged and refuses all further staging. Waits for a swap in progress to finish.
    public func abandon() {
        lock.withLock {
            abandoned = true
            for path in paths.sorted() { try? FileManager.default.removeItem(atPath: path) }
            paths = []
        }
    }
}
