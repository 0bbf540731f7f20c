@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// Programmes and sites are merged across documents and aliases, each row listing the facts it rests on; the tables
/// come from whatever entity types the rule set declares.
@Suite struct EntityTablesTests {
    static func rows(_ table: String) throws -> [String: [String: String]] {
        let csv = try WrittenDataset.csv("data/\(table).csv")
        let header = try #require(csv.first)
        var rows: [String: [String: String]] = [:]
        for row in csv.dropFirst() {
            let record = Dictionary(uniqueKeysWithValues: zip(header, row))
            rows[record["entity_id"]!] = record
        }
        return rows
    }

    static func array(_ cell: String?) throws -> [String] {
        try JSONSerialization.jsonObject(with: Data((cell ?? "[]").utf8)) as? [String] ?? []
    }

    @Test func programmeAliasesAreMerged() throws {
        let pioneers = try #require(try Self.rows("programmes")["integrated-care-pioneers"])
        let seen = try Self.array(pioneers["aliases_seen"])
        for alias in ["Integrated Care Pioneers", "PIONEERS", "Integrated Care and Support Pioneers"] {
            #expect(seen.contains(alias), "\(alias) in \(seen)")
        }
        let facts = try Self.array(pioneers["fact_ids"])
        #expect(facts.count == Int(pioneers["facts"] ?? ""))
        let programmeFacts = WrittenDataset.dataset.facts.filter { $0.type == "programme" && $0.value == .string("integrated-care-pioneers") }
        #expect(Set(facts) == Set(programmeFacts.map(\.id)))
        #expect(pioneers["documents"] == "4")
    }

    @Test func siteAliasesAreMerged() throws {
        let sites = try Self.rows("sites")
        #expect(try Self.array(sites["southend"]?["aliases_seen"]) == ["Southend", "Southend on Sea"])
        #expect(try Self.array(sites["west-norfolk"]?["aliases_seen"]) == ["West Norfolk", "West Norfolk Alliance"])
        #expect(sites["southend"]?["facts"] == "4")
    }

    @Test func everyEntityTypeOfTheRuleSetHasATable() {
        let types = EntityTables.entityTypes(of: Repository.ruleSet, reserved: Set(DatasetTables.coreNames))
        #expect(types.map(\.table) == ["cohorts", "programmes", "sites"])
        #expect(EntityTables.plural("category") == "categories")
        #expect(EntityTables.plural("class") == "classes")
        #expect(EntityTables.entityTypes(of: Repository.ruleSet, reserved: ["sites"]).map(\.table).contains("site_entities"))
    }

    @Test(arguments: [
        ("INTEGRATED CARE AND SUPPORT PIONEERS", " (PIONEERS)", "PIONEERS"),
        ("Integrated Care Pilots", " (ICPs)", "ICPs"),
        ("New Care Model Vanguards", "(NCMV) and", "NCMV"),
        ("Integrated Care Pilots", " (2008)", nil),
        ("Integrated Care Pilots", " (see below)", nil),
        ("Integrated Care Pilots", " (XYZ)", nil),
        ("Integrated Care Pilots", " ICPs", nil),
    ] as [(String, String, String?)])
    func abbreviationsDefinedAfterAName(_ name: String, _ after: String, _ expected: String?) {
        let scalars = Array((name + after).unicodeScalars)
        #expect(AbbreviationFinder.abbreviation(after: 0..<name.unicodeScalars.count, in: scalars) == expected)
    }
}
