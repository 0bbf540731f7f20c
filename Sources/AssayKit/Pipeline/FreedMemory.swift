import Foundation

/// Gives the pages of memory freed so far back to the system.
///
/// glibc's allocator keeps freed pages that are not at the top of a heap, and each thread allocates from a heap of
/// its own: without this, a build's resident set stays at the highest any phase reached, and the next phase's memory
/// (on another thread's heap) comes on top of it. Called where a phase lets go of what it held: after the checks, and
/// after each group of output files. Costs a few milliseconds.
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
}
