/// One file of a dataset, by its path relative to the dataset folder (`/` separators).
public struct DatasetFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What the manifest, `datapackage.json` and `SHA256SUMS` say of a file once it is written: its bytes are gone by
/// then, so a build holds one file's bytes at a time.
struct FileDigest: Sendable {
    var path: String
    var sha256: String
    var size: Int

    init(path: String, sha256: String, size: Int) {
        self.path = path
        self.sha256 = sha256
        self.size = size
    }

    init(_ file: DatasetFile) {
        path = file.path
        sha256 = SHA256Hex.digest(file.bytes)
        size = file.bytes.count
    }
}
