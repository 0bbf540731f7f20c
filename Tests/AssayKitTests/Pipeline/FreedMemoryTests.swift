@testable import AssayKit
import Foundation
import Testing

/// The writer's periodic release runs on its own thread while the groups run, and is over when `stop()` returns.
@Suite struct FreedMemoryTests {
    @Test func releasesWhileRunningAndNotAfterStop() throws {
        #if os(Linux)
        let periodic = FreedMemory.Periodic(every: 0.005)
        Thread.sleep(forTimeInterval: 0.2)
        periodic.stop()
        let released = periodic.releases
        #expect(released > 0, "no release in 0.2 s at one every 5 ms")
        Thread.sleep(forTimeInterval: 0.05)
        #expect(periodic.releases == released, "a release ran after stop()")
        #endif
    }
}
