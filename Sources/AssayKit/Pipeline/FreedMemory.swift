import Foundation

/// Gives the pages of memory freed so far back to the system.
///
/// glibc's allocator keeps freed pages that are not at the top of a heap, and each thread allocates from a heap of
/// its own: without this, a build's resident set stays at the highest any phase reached, and the next phase's memory
/// (on another thread's heap) comes on top of it. Called where a phase lets go of what it held: after the checks, and
/// after each group of output files; and every few milliseconds while the groups run (`Periodic`). Costs a few
/// milliseconds.
enum FreedMemory {
    static func release() { _ = trim?(0) }

    /// `malloc_trim` is glibc's and is not in the Glibc module: looked up by name once, and simply absent elsewhere.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if os(Linux)
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Releases freed memory every `interval` seconds on a thread of its own until `stop()`, as jemalloc's
    /// background purging does. For the writer's groups, which run side by side for seconds and free big blocks
    /// (pages of text, SQLite's cache, decoded results) all along: released only as each group ends, what the
    /// others freed meanwhile stayed resident. A 10,000-document, two-job build, 6 runs each way: peak 70.0-76.0 MiB
    /// without, 68.0-69.8 MiB releasing every 30 ms; wall time the same (8.1 s medians), the thread's own CPU
    /// 0.05-0.08 s for ~145 releases. 1,000 documents: 49-52 MiB either way.
    final class Periodic: @unchecked Sendable {
        private let stopping = DispatchSemaphore(value: 0)
        private let stopped = DispatchSemaphore(value: 0)
        private let running: Bool
        /// How many times memory was released; read it after `stop()`.
        private(set) var releases = 0

        init(every interval: Double) {
            running = FreedMemory.trim != nil
            guard running else { return }
            Thread.detachNewThread { [self] in
                while stopping.wait(timeout: .now() + interval) == .timedOut {
                    FreedMemory.release()
                    releases += 1
                }
                stopped.signal()
            }
        }

        /// Returns once the thread has ended: no release runs after this.
        func stop() {
            guard running else { return }
            stopping.signal()
            stopped.wait()
        }
    }
}
