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

    public init(_ files: [DatasetFile], folder: URL) {
        let present = Self.files(in: folder)
        let expected = Set(files.map(\.path))
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            guard present.contains(file.path), let data = FileManager.default.contents(atPath: url.path) else {
                missing.append(file.path)
                continue
            }
            if !data.elementsEqual(file.bytes) { changed.append(file.path) }
        }
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
