import Foundation

/// What the last build wrote into an output folder and from what, so that a rebuild with nothing changed can say so
/// and stop, as `make` does, instead of validating and writing the same hundreds of megabytes again.
///
/// **Key.** SHA-256 over the tool stamp (`ToolStamp`), the rule set's fingerprint, every document's path and
/// SHA-256 and every finding of the loader (skipped and unreadable files are in `errors.jsonl`): everything the
/// output is a function of. The number of jobs is not in it: the output does not depend on it.
///
/// **Trust.** The record also holds each output file's size, modification time (nanoseconds) and inode as the build
/// left them. The shortcut is taken only when the key is the same and every file of the folder still has its stamp
/// (none added, removed, edited, or replaced by a checkout); anything else means a real build, whose documents come
/// from the extraction cache. The record is kept in the cache folder (`builds/`), never in the output, whose bytes
/// must not depend on the machine; it is written whole (temporary file and rename) after the swap.
///
/// `summary` is the executable's own account of the build (counts, messages, exit status), replayed as it was.
public struct BuildRecord: Codable, Sendable {
    /// One file of the output: path relative to the folder, and `FileSystem.stamp` (size, mtime, inode).
    public struct FileStamp: Codable, Sendable, Hashable {
        public var path: String
        public var stamp: [Int64]
    }

    public var key: String
    public var files: [FileStamp]
    public var summary: Data

    public init(key: String, files: [FileStamp], summary: Data) {
        self.key = key
        self.files = files
        self.summary = summary
    }

    /// The key of a build of `corpus` with `ruleSet` by this tool.
    public static func key(ruleSet: RuleSet, corpus: CorpusIndex, tool: String = ToolStamp.current) -> String {
        var text = "assay-build/v1\u{0}\(tool)\u{0}\(ruleSet.fingerprint)\n"
        for entry in corpus.entries { text += entry.path + "\u{0}" + entry.sha256 + "\n" }
        for diagnostic in corpus.diagnostics { text += "\u{1}" + diagnostic.rendered + "\n" }
        return SHA256Hex.digest(text)
    }

    /// Every file below `folder` with its stamp, sorted by path; nil when the folder does not exist.
    public static func stamps(of folder: URL) -> [FileStamp]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
            let paths = try? FileManager.default.subpathsOfDirectory(atPath: folder.path)
        else { return nil }
        var stamps: [FileStamp] = []
        for path in paths.sorted(by: DatasetWriter.pathOrder) {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
            if isDirectory.boolValue { continue }
            guard let stamp = FileSystem.stamp(url) else { return nil }
            stamps.append(FileStamp(path: path, stamp: stamp))
        }
        return stamps
    }

    /// Whether `output` holds exactly what the recorded build left there, and that build had this key.
    public func isCurrent(key: String, output: URL) -> Bool {
        key == self.key && Self.stamps(of: output) == files
    }

    /// Where the record of an output folder is kept in a cache folder.
    static func location(of output: URL, in cacheFolder: URL) -> URL {
        let name = String(SHA256Hex.digest(output.standardizedFileURL.path).prefix(32))
        return cacheFolder.appendingPathComponent("builds").appendingPathComponent(name + ".json")
    }

    /// The record of the last build into `output`, if any can be read.
    public static func load(for output: URL, in cacheFolder: URL) -> BuildRecord? {
        guard let data = FileManager.default.contents(atPath: location(of: output, in: cacheFolder).path) else { return nil }
        return try? JSONDecoder().decode(BuildRecord.self, from: data)
    }

    /// Writes the record whole, or not at all.
    public func save(for output: URL, in cacheFolder: URL) throws {
        let url = Self.location(of: output, in: cacheFolder)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.appendingPathExtension("tmp-\(FileSystem.processID)")
        try StagingArea.shared.begin(temporary)
        defer { StagingArea.shared.end(temporary) }
        try FileSystem.write(Array(try JSONEncoder().encode(self)), to: temporary)
        try FileSystem.replace(url, with: temporary)
    }

    /// Forgets the record of `output` (before a build that will replace it, so a failed build leaves none).
    public static func remove(for output: URL, in cacheFolder: URL) {
        try? FileManager.default.removeItem(at: location(of: output, in: cacheFolder))
    }
}
