/// One of N deterministic shares of a corpus, for running a build across machines: `--shard K/N`, K from 0.
///
/// A document's share is decided by its SHA-256 (the first 8 bytes, modulo N), so every machine computes the same
/// split from the corpus alone, whatever the order it lists files in, and a document keeps its shard while its bytes
/// stay the same. A finding about a file that is no document (a symbolic link out of the corpus, a PNG) belongs to the
/// shard its path hashes to, so it is reported once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N`, with 0 ≤ K < N; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (0..<count).contains(index) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether a document with this SHA-256 (lowercase hex) is this shard's.
    public func owns(sha256: String) -> Bool {
        Self.share(ofHex: sha256, count: count) == index
    }

    /// Whether a finding about the file at `path` is this shard's.
    public func owns(path: String) -> Bool {
        Self.share(ofHex: SHA256Hex.digest(Array(path.utf8)), count: count) == index
    }

    /// This shard's part of a corpus listing: its documents and findings, in the listing's order.
    public func share(of index: CorpusIndex) -> CorpusIndex {
        CorpusIndex(
            entries: index.entries.filter { owns(sha256: $0.sha256) },
            diagnostics: index.diagnostics.filter { owns(path: $0.location?.file ?? "") })
    }

    static func share(ofHex hex: String, count: Int) -> Int {
        Int(UInt64(hex.prefix(16), radix: 16)! % UInt64(count))
    }
}
