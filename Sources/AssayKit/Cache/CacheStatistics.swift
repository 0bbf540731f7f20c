import Foundation

/// What the cache did in one run: how many documents came from it and how many were extracted and stored.
public struct CacheStatistics: Sendable, Hashable {
    public var folder: URL
    /// Documents restored from the cache: neither normalised nor extracted.
    public var restored = 0
    /// Documents extracted and stored for next time.
    public var stored = 0
    /// Documents extracted but not stored (a time limit was hit, or the cache could not be written).
    public var notStored = 0

    public var extracted: Int { stored + notStored }
}
