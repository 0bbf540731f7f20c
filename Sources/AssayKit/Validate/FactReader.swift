import Foundation

/// Reads a written dataset back: `facts.jsonl` into `Fact`s (the inverse of `FactJSON`), and `text/<doc_id>.txt`
/// for quoting, so `assay validate` can re-run the checks on an existing `Output/` without the corpus.
///
/// A line that is not a fact stops the read with `file:line` and what is wrong, since checks on half the facts
/// would be wrong without saying so. Keys it does not know are ignored, so older readers accept newer datasets.
public struct FactReader: Sendable {
    /// The key subjects are written under (`programme` for this corpus).
    public var subjectField: String

    public init(subjectField: String) {
        self.subjectField = subjectField
    }

    /// The facts of `folder/facts.jsonl` and the texts of their documents; throws `AssayError.unusableInput`.
    public func readDataset(at folder: URL, named label: String? = nil) throws -> (facts: [Fact], texts: DocumentTexts) {
        let name = label ?? folder.path
        let url = folder.appendingPathComponent("facts.jsonl")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw AssayError.unusableInput("no dataset at '\(name)': \(name)/facts.jsonl does not exist (run 'assay build' first)")
        }
        let facts = try read(String(decoding: data, as: UTF8.self), file: "\(name)/facts.jsonl")
        var texts: [String: String] = [:]
        for docID in Set(facts.map(\.evidence.docID)) {
            let path = folder.appendingPathComponent("text/\(docID).txt").path
            if let text = FileManager.default.contents(atPath: path) { texts[docID] = String(decoding: text, as: UTF8.self) }
        }
        return (facts, DocumentTexts(texts: texts))
    }

    /// The facts of JSON Lines text; `file` is what errors name.
    public func read(_ text: String, file: String) throws -> [Fact] {
        var facts: [Fact] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw Problem("not a JSON object")
                }
                facts.append(try fact(object))
            } catch let problem as Problem {
                throw AssayError.unusableInput("\(file):\(index + 1): not a fact: \(problem.text)")
            } catch {
                throw AssayError.unusableInput("\(file):\(index + 1): not a fact: the line is not valid JSON")
            }
        }
        return facts
    }

    private struct Problem: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    /// Checks the keys in the order `FactJSON` writes them, so the first problem of a line is the one reported.
    private func fact(_ object: [String: Any]) throws -> Fact {
        let id = try field("fact_id", in: object, as: String.self, context: "")
        let type = try field("type", in: object, as: String.self, context: "")
        guard let written = object["value"] else { throw Problem("'value' is missing") }
        let value = try value(written, key: "value")
        let subject = object[subjectField]
        guard subject == nil || subject is NSNull || subject is String else { throw Problem("'\(subjectField)' must be text or null") }
        let attribute = try field("attribute", in: object, as: String.self, context: "")
        var qualifiers: [String: FactValue] = [:]
        for (name, value) in try field("qualifiers", in: object, as: [String: Any].self, context: "") {
            qualifiers[name] = try self.value(value, key: "qualifiers.\(name)")
        }
        let recordID = try field("record_id", in: object, as: String.self, context: "")
        let ruleID = try field("rule", in: object, as: String.self, context: "")
        let ruleFile = try field("rule_file", in: object, as: String.self, context: "")
        let ruleLine = try field("rule_line", in: object, as: Int.self, context: "")
        let evidence = try self.evidence(try field("evidence", in: object, as: [String: Any].self, context: ""), context: "evidence.")
        var items: [Evidence]?
        if let list = object["items"], !(list is NSNull) {
            guard let list = list as? [Any] else { throw Problem("'items' must be a list") }
            items = try list.enumerated().map { index, item in
                guard let item = item as? [String: Any] else { throw Problem("'items[\(index)]' must be an object") }
                return try self.evidence(item, context: "items[\(index)].")
            }
        }
        return Fact(
            id: id, type: type, value: value, attribute: attribute, subject: subject as? String, qualifiers: qualifiers,
            ruleID: ruleID, ruleFile: ruleFile, ruleLine: ruleLine, recordID: recordID, evidence: evidence, items: items)
    }

    private func evidence(_ object: [String: Any], context: String) throws -> Evidence {
        var evidence = Evidence(
            document: try field("document", in: object, as: String.self, context: context),
            docID: try field("doc_id", in: object, as: String.self, context: context),
            sha256: try field("sha256", in: object, as: String.self, context: context),
            start: try field("start", in: object, as: Int.self, context: context),
            end: try field("end", in: object, as: Int.self, context: context),
            exact: try field("exact", in: object, as: String.self, context: context),
            prefix: try field("prefix", in: object, as: String.self, context: context),
            suffix: try field("suffix", in: object, as: String.self, context: context),
            line: try optional("line", in: object, as: Int.self, context: context),
            sourceStart: try optional("source_start", in: object, as: Int.self, context: context),
            sourceEnd: try optional("source_end", in: object, as: Int.self, context: context))
        evidence.xpath = try optional("xpath", in: object, as: String.self, context: context)
        return evidence
    }

    private func field<Value>(_ key: String, in object: [String: Any], as type: Value.Type, context: String) throws -> Value {
        guard let found = object[key], !(found is NSNull) else { throw Problem("'\(context)\(key)' is missing") }
        guard let value = Self.cast(found, to: type) else { throw Problem("'\(context)\(key)' must be \(Self.name(of: type))") }
        return value
    }

    private func optional<Value>(_ key: String, in object: [String: Any], as type: Value.Type, context: String) throws -> Value? {
        guard let found = object[key], !(found is NSNull) else { return nil }
        guard let value = Self.cast(found, to: type) else { throw Problem("'\(context)\(key)' must be \(Self.name(of: type)) or null") }
        return value
    }

    private func value(_ value: Any, key: String) throws -> FactValue {
        if let text = value as? String { return .string(text) }
        if let integer = Self.cast(value, to: Int.self) { return .integer(integer) }
        throw Problem("'\(key)' must be a whole number or text")
    }

    /// Casts JSON numbers to `Int` only when they are whole (never a boolean or 1.5).
    private static func cast<Value>(_ value: Any, to type: Value.Type) -> Value? {
        if type == Int.self {
            // Booleans are NSNumbers of type "c" (and `1 is Bool` holds on Linux, so that cannot tell them apart).
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
                let integer = Int(exactly: number.doubleValue), Double(integer) == number.doubleValue
            else { return nil }
            return number.intValue as? Value
        }
        return value as? Value
    }

    private static func name<Value>(of type: Value.Type) -> String {
        if type == Int.self { return "a whole number" }
        if type == String.self { return "text" }
        return "an object"
    }
}
