import AssayKit
import Dispatch
import Foundation

/// What `assay build` does on SIGINT (Ctrl-C) and SIGTERM: remove what it was staging, then exit with 128 + the
/// signal number (130, 143), as shells do.
///
/// The handlers run on a dispatch queue, not in signal context, so they may take `StagingArea`'s lock: a swap of
/// the finished output that is under way completes first, and nothing is staged after. The previous `Output/` is
/// untouched, and the cache holds only whole entries. SIGKILL cannot be caught; its litter is removed by the next
/// run.
enum Interruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        guard sources.isEmpty else { return }
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInteractive))
            source.setEventHandler {
                StagingArea.shared.abandon()
                Terminal.info("assay: \(name): stopped; nothing half-written was left behind")
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
