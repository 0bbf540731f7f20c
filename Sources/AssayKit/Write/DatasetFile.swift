/// One file of a dataset, by its path relative to the dataset folder (`/` separators).
public struct DatasetFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
