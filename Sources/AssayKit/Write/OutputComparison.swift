import Foundation

/// Whether a dataset folder holds exactly the files a build would write now: what `assay build --check` answers.
///
/// Compares every file byte for byte, except `dataset.sqlite` (not byte-stable across machines, and derived from the
/// CSVs that are compared) and hidden files (a desktop's `.DS_Store`).
public struct OutputComparison: Sendable {
    /// Files a build would write that the folder lacks.
    public var missing: [String] = []
    /// Files in the folder a build would not write.
    public var extra: [String] = []
    /// Files whose bytes differ.
    public var changed: [String] = []

    public var isUpToDate: Bool { missing.isEmpty && extra.isEmpty && changed.isEmpty }

    /// Every differing path, sorted.
    public var paths: [String] { (missing + extra + changed).sorted(by: DatasetWriter.pathOrder) }

    private let folder: URL
    private let present: Set<String>
    private var expected: Set<String> = []

    public init(_ files: [DatasetFile], folder: URL) {
        self.init(folder: folder)
        files.forEach { compare($0) }
        finish()
    }

    /// Starts a comparison that is given the expected files one at a time (`compare`), then `finish`ed.
    init(folder: URL) {
        self.folder = folder
        present = Self.files(in: folder)
    }

    mutating func compare(_ file: DatasetFile) {
        compare(file.path, sha256: SHA256Hex.digest(file.bytes))
    }

    mutating func compare(_ path: String, sha256: String) {
        record(path, Self.verdict(path, sha256: sha256, in: folder))
    }

    /// What the folder's file at `path` is to the expected bytes.
    enum Verdict: Sendable {
        case same, changed, missing
    }

    /// Compares by hash, reading the folder's file a megabyte at a time, so a large file is never held whole. Reads
    /// only the file, so a sink whose parts run on several threads compares them at once.
    static func verdict(_ path: String, sha256: String, in folder: URL) -> Verdict {
        guard let handle = FileHandle(forReadingAtPath: folder.appendingPathComponent(path).path) else { return .missing }
        defer { try? handle.close() }
        var hash = SHA256Hex.Stream()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(Array(chunk)) }
        return hash.finalize() == sha256 ? .same : .changed
    }

    mutating func record(_ path: String, _ verdict: Verdict) {
        expected.insert(path)
        if !present.contains(path) || verdict == .missing {
            missing.append(path)
        } else if verdict == .changed {
            changed.append(path)
        }
    }

    mutating func finish() {
        extra = present.filter { !expected.contains($0) && $0 != SQLiteWriter.path }.sorted(by: DatasetWriter.pathOrder)
        missing.sort(by: DatasetWriter.pathOrder)
        changed.sort(by: DatasetWriter.pathOrder)
    }

    /// Regular files under `folder`, as paths relative to it, hidden ones left out.
    static func files(in folder: URL) -> Set<String> {
        var paths: Set<String> = []
        let root = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return paths }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(root + "/") else { continue }
            paths.insert(String(path.dropFirst(root.count + 1)))
        }
        return paths
    }
}
