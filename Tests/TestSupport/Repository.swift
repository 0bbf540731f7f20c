import AssayKit
import Foundation

/// Paths in the repository, found from this file's location so tests run from any working directory.
public enum Repository {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var corpus: URL { root.appendingPathComponent("Corpus") }
    public static var rules: URL { root.appendingPathComponent("Rules") }
    public static var output: URL { root.appendingPathComponent("Output") }
    public static var fixtures: URL { root.appendingPathComponent("Tests/AssayKitTests/Fixtures") }
    /// `../shared` beside the repository, as CI has it.
    public static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }

    /// The shipped rule set, loaded once.
    public static let ruleSet: RuleSet = {
        do {
            return try RuleSetLoader(base: root).load(from: rules).0
        } catch {
            fatalError("the shipped rules do not load: \(error)")
        }
    }()

    /// Every file of a dataset folder but `dataset.sqlite` (whose bytes carry SQLite's version), by path below
    /// `folder` ("/facts.jsonl").
    public static func datasetFiles(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true, url.lastPathComponent != "dataset.sqlite"
            else { continue }
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// A fresh temporary folder, removed by the caller.
    public static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Normalises and extracts text the way a build does, for tests of one document.
public enum Run {
    public static func extract(_ text: String, mediaType: MediaType = .text, ruleSet: RuleSet = Repository.ruleSet, path: String = "doc.txt") -> Extraction {
        let document = CorpusLoader().load(bytes: Array(text.utf8), path: path, mediaType: mediaType)
        let normalized = Normalizer(boilerplate: ruleSet.boilerplate).normalize(document)
        return Extractor(ruleSet: ruleSet).extract(from: normalized)
    }

    public static func normalize(_ text: String, mediaType: MediaType = .text, boilerplate: Boilerplate = Boilerplate()) -> NormalizedDocument {
        let document = CorpusLoader().load(bytes: Array(text.utf8), path: "doc", mediaType: mediaType)
        return Normalizer(boilerplate: boilerplate).normalize(document)
    }
}

extension NormalizedDocument {
    /// The decoded source between two scalar offsets.
    public func sourceText(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(Array(source.text.unicodeScalars)[range]))
    }

    /// The texts of the blocks, in order.
    public var blockTexts: [String] { blocks.map { text(in: $0.range) } }
}
