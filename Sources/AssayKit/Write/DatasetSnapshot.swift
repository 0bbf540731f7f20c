import Foundation

/// What two versions of a dataset are compared on: its documents (path and SHA-256) and its facts.
///
/// Made from a fresh `Dataset`, or read from a dataset folder: documents from `manifest.json`, facts from
/// `facts.jsonl` (through `FactReader`, the reader `assay validate` uses), so any dataset `assay build` wrote can be
/// compared, whatever its tables.
public struct DatasetSnapshot: Sendable {
    public struct Document: Sendable, Hashable {
        public var path: String
        public var sha256: String
    }

    public var documents: [Document]
    public var facts: [Fact]
    /// The name subjects are written under (`programme`: the rule set's attribution field).
    public var subjectField: String

    public init(documents: [Document], facts: [Fact], subjectField: String = "subject") {
        self.documents = documents
        self.facts = facts
        self.subjectField = subjectField
    }

    public init(_ dataset: Dataset) {
        documents = dataset.documents.withoutTexts.map { Document(path: $0.path, sha256: $0.sha256) }
        facts = dataset.facts
        subjectField = dataset.ruleSet.attribution?.field ?? "subject"
    }

    /// Keys `facts.jsonl` holds besides the subject, whose name the rule set chooses (`programme`).
    private static let factKeys: Set<String> = [
        "fact_id", "type", "value", "attribute", "qualifiers", "record_id", "rule", "rule_file", "rule_line", "evidence", "items",
    ]

    /// Reads a dataset folder; throws `AssayError.unusableInput` when it holds no dataset or a malformed one.
    public static func read(from folder: URL, named label: String? = nil) throws -> DatasetSnapshot {
        let name = label ?? folder.path
        let factsURL = folder.appendingPathComponent("facts.jsonl")
        guard let data = FileManager.default.contents(atPath: factsURL.path) else {
            throw AssayError.unusableInput("no dataset at '\(name)': \(name)/facts.jsonl does not exist")
        }
        let text = String(decoding: data, as: UTF8.self)
        // The subject is the one key `FactJSON` writes that is not fixed; its name comes from the rule set.
        var subjectField = "subject"
        if let line = text.split(separator: "\n").first,
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let key = object.keys.filter({ !factKeys.contains($0) }).sorted().first
        {
            subjectField = key
        }
        let facts = try FactReader(subjectField: subjectField).read(text, file: "\(name)/facts.jsonl")
        var documents: [Document] = []
        let manifestURL = folder.appendingPathComponent(ManifestBuilder.path)
        if let manifest = FileManager.default.contents(atPath: manifestURL.path) {
            guard let object = try? JSONSerialization.jsonObject(with: manifest) as? [String: Any],
                let inputs = object["inputs"] as? [String: Any], let listed = inputs["documents"] as? [[String: Any]]
            else { throw AssayError.unusableInput("\(name)/\(ManifestBuilder.path): not a manifest written by assay") }
            documents = listed.compactMap { entry in
                guard let path = entry["path"] as? String, let sha256 = entry["sha256"] as? String else { return nil }
                return Document(path: path, sha256: sha256)
            }
        } else {
            // Without a manifest, the documents that have facts are all that can be known.
            var seen: Set<String> = []
            for fact in facts where seen.insert(fact.evidence.document).inserted {
                documents.append(Document(path: fact.evidence.document, sha256: fact.evidence.sha256))
            }
        }
        return DatasetSnapshot(documents: documents, facts: facts, subjectField: subjectField)
    }
}
