@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// `Rules/schema.json` allows exactly what the loader accepts: the same keys in every place, the same enumerations.
@Suite struct RuleSchemaTests {
    nonisolated(unsafe) static let schema: [String: Any] = {
        let url = Repository.rules.appendingPathComponent("schema.json")
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }()

    static func definition(_ name: String) -> [String: Any] {
        (schema["$defs"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    static func keys(_ object: [String: Any]) -> [String] {
        ((object["properties"] as? [String: Any])?.keys).map { $0.sorted() } ?? []
    }

    static let places: [(String, [String])] = [
        ("type", RuleFileKeys.type), ("lexiconEntry", RuleFileKeys.lexiconEntry), ("gazetteer", RuleFileKeys.gazetteer),
        ("gazetteerEntry", RuleFileKeys.gazetteerEntry), ("rule", RuleFileKeys.rule), ("field", RuleFileKeys.field),
        ("within", RuleFileKeys.within), ("example", RuleFileKeys.example), ("attribution", RuleFileKeys.attribution),
        ("boilerplate", RuleFileKeys.boilerplate), ("overlap", RuleFileKeys.overlap), ("limits", RuleFileKeys.limits),
        // A check's keys depend on its kind; the schema lists their union and narrows it per kind.
        ("check", Array(Set(RuleFileKeys.check + RuleFileKeys.checkKinds.values.flatMap { $0 }))),
        // The subject key ("programme") is the attribution field the rule set declares.
        ("selector", RuleFileKeys.selector + ["programme"]), ("checkExample", RuleFileKeys.checkExample),
        ("checkExampleFact", RuleFileKeys.checkExampleFact + ["programme"]),
    ]

    @Test func sectionsAreTheSame() {
        #expect(Self.keys(Self.schema) == RuleFileKeys.sections.sorted())
        #expect(Self.schema["additionalProperties"] as? Bool == false)
    }

    @Test(arguments: places.map(\.0))
    func keysAreTheSame(_ place: String) {
        let expected = Self.places.first { $0.0 == place }!.1
        let definition = Self.definition(place)
        #expect(Self.keys(definition) == expected.sorted(), "schema $defs.\(place) and RuleFileKeys differ")
        #expect(definition["additionalProperties"] as? Bool == false, "$defs.\(place) must reject unknown keys")
    }

    @Test func enumerationsAreTheSame() {
        let valueKinds = ((Self.definition("type")["properties"] as? [String: Any])?["value"] as? [String: Any])?["enum"] as? [String]
        #expect(valueKinds?.sorted() == FactType.ValueKind.allCases.map(\.rawValue).sorted())
        let order = (((Self.definition("overlap")["properties"] as? [String: Any])?["order"] as? [String: Any])?["items"] as? [String: Any])?["enum"] as? [String]
        #expect(order?.sorted() == OverlapPolicy.Criterion.allCases.map(\.rawValue).sorted())
        let blocks = (((Self.definition("within")["properties"] as? [String: Any])?["blocks"] as? [String: Any])?["items"] as? [String: Any])?["enum"] as? [String]
        #expect(blocks?.sorted() == RuleSetBuilder.blockKinds.sorted())
    }
}
