import Foundation

/// What "the tool version" means in a cache key: the release number plus a stamp of the running executable (its
/// path, size and modification time).
///
/// Why not the release number alone: it changes only at a release, while every rebuild of the code can change what
/// Normalize and Extract produce; a cache keyed by "0.1.0" would hand a developer facts from yesterday's extractor.
/// Every link of the executable changes the stamp, so any code change invalidates the cache, at the cost of a stat
/// call (hashing a 20 MB binary would cost more than a no-change rebuild is allowed to take). The stamp is never
/// written into `Output/`, which stays byte-identical across builds of the same code.
public enum ToolStamp {
    public static let current: String = AssayVersion.current + "+" + executableStamp()

    private static func executableStamp() -> String {
        #if os(Linux)
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        #else
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        #endif
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            // No way to tell builds apart: never share entries with another process.
            return "unknown-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return String(SHA256Hex.digest("\(path)\u{0}\(size)\u{0}\(modified)").prefix(16))
    }
}
