import Foundation
import Yams

/// Reads every `.yaml`/`.yml` file under a rules folder and compiles them into one `RuleSet`.
///
/// Input: a folder (or one file). Output: the rule set and diagnostics. Each file may hold any of the sections
/// `types`, `lexicon`, `gazetteers`, `rules`, `attribution`, `boilerplate`; files are read in path order and merged,
/// so no registration step is needed. Every problem is reported at `file:line:column`, all in one run; the
/// rule set is usable only when there is no error.
public struct RuleSetLoader: Sendable {
    public var base: URL

    public init(base: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.base = base
    }

    /// Loads and compiles the rules; throws `AssayError.invalidRules` when any rule file has an error.
    public func load(from folder: URL) throws -> (RuleSet, [Diagnostic]) {
        let (ruleSet, diagnostics) = try loadReportingAll(from: folder)
        if diagnostics.hasErrors { throw AssayError.invalidRules(diagnostics) }
        return (ruleSet, diagnostics)
    }

    /// Loads and compiles the rules, returning whatever could be compiled together with every diagnostic.
    public func loadReportingAll(from folder: URL) throws -> (RuleSet, [Diagnostic]) {
        let files = try ruleFiles(in: folder)
        var sources: [(path: String, text: String)] = []
        var ruleSet = RuleSet()
        for file in files {
            let data = try Data(contentsOf: file)
            let path = CorpusLoader(base: base).relativePath(of: file)
            ruleSet.files.append(RuleFile(path: path, sha256: SHA256Hex.digest(Array(data))))
            sources.append((path, String(decoding: data, as: UTF8.self)))
        }
        return compile(sources, into: ruleSet)
    }

    /// Compiles rule files given as text; `path` is what diagnostics name.
    public func compile(_ sources: [(path: String, text: String)], into start: RuleSet = RuleSet()) -> (RuleSet, [Diagnostic]) {
        var builder = RuleSetBuilder()
        builder.ruleSet = start
        for source in sources { builder.read(path: source.path, text: source.text) }
        builder.finish()
        return (builder.ruleSet, builder.diagnostics)
    }

    private func ruleFiles(in folder: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw AssayError.unusableInput("rules folder '\(folder.path)' does not exist")
        }
        guard isDirectory.boolValue else { return [folder] }
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            if ["yaml", "yml"].contains(url.pathExtension.lowercased()) { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }
}
