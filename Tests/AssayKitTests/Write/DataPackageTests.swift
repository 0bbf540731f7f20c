@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// `datapackage.json` passes `frictionless validate` (the Python package, from `.venv/`, which `make venv` and
/// `make test` install), for a fresh build and for the committed `Output/`; and a broken copy fails, so the test
/// can fail.
@Suite struct DataPackageTests {
    static let frictionless = Repository.root.appendingPathComponent(".venv/bin/frictionless")

    /// Runs `frictionless validate --json`; nil (and a recorded failure) when frictionless is not installed.
    static func validate(_ descriptor: URL) throws -> (valid: Bool, errors: [String])? {
        guard FileManager.default.isExecutableFile(atPath: frictionless.path) else {
            Issue.record("frictionless is not installed at \(frictionless.path): run `make venv` (make test does it)")
            return nil
        }
        let process = Process()
        process.executableURL = frictionless
        process.arguments = ["validate", descriptor.path, "--json"]
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json")
        _ = FileManager.default.createFile(atPath: report.path, contents: nil)
        let handle = try FileHandle(forWritingTo: report)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let data = try Data(contentsOf: report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "frictionless wrote no JSON report")
        let valid = object["valid"] as? Bool ?? false
        #expect((process.terminationStatus == 0) == valid)
        let tasks = object["tasks"] as? [[String: Any]] ?? []
        let errors = tasks.flatMap { task in
            (task["errors"] as? [[String: Any]] ?? []).map { "\(task["name"] ?? "?"): \($0["type"] ?? "?"): \($0["message"] ?? "")" }
        }
        return (valid, errors)
    }

    @Test func aFreshBuildIsAValidDataPackage() throws {
        guard let result = try Self.validate(WrittenDataset.folder.appendingPathComponent("datapackage.json")) else { return }
        #expect(result.valid, "\(result.errors.joined(separator: "\n"))")
    }

    @Test func theCommittedOutputIsAValidDataPackage() throws {
        guard let result = try Self.validate(Repository.output.appendingPathComponent("datapackage.json")) else { return }
        #expect(result.valid, "\(result.errors.joined(separator: "\n"))")
    }

    /// A dangling foreign key, a value against its constraint and a stale hash are each caught.
    @Test func aBrokenPackageFails() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("Output")
        try FileManager.default.copyItem(at: WrittenDataset.folder, to: copy)
        let facts = copy.appendingPathComponent("data/facts.csv")
        var lines = try String(contentsOf: facts, encoding: .utf8).components(separatedBy: "\n")
        var cells = lines[1].components(separatedBy: ",")
        cells[2] = "s-0000000000000000"
        lines[1] = cells.joined(separator: ",")
        try Data(lines.joined(separator: "\n").utf8).write(to: facts)
        guard let result = try Self.validate(copy.appendingPathComponent("datapackage.json")) else { return }
        #expect(!result.valid)
        #expect(result.errors.contains { $0.contains("foreign-key") && $0.contains("s-0000000000000000") }, "\(result.errors)")
        #expect(result.errors.contains { $0.contains("hash-count") }, "\(result.errors)")
    }

    @Test func everyTableIsAResourceWithHashSizeAndKeys() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(WrittenDataset.text("datapackage.json").utf8)) as? [String: Any])
        let resources = try #require(object["resources"] as? [[String: Any]])
        let csvs = try FileManager.default.contentsOfDirectory(atPath: WrittenDataset.folder.appendingPathComponent("data").path)
        #expect(Set(resources.compactMap { $0["path"] as? String }) == Set(csvs.map { "data/" + $0 }))
        for resource in resources {
            let path = try #require(resource["path"] as? String)
            let bytes = try Data(contentsOf: WrittenDataset.folder.appendingPathComponent(path))
            #expect(resource["hash"] as? String == "sha256:" + SHA256Hex.digest(Array(bytes)), "\(path)")
            #expect(resource["bytes"] as? Int == bytes.count, "\(path)")
            let schema = try #require(resource["schema"] as? [String: Any])
            #expect((schema["primaryKey"] as? [String])?.isEmpty == false, "\(path) has a primary key")
        }
        for name in ["documents", "spans", "facts", "fact_spans", "rules", "checks", "check_results", "check_evidence", "programmes", "sites", "entity_facts"] {
            #expect(resources.contains { $0["name"] as? String == name }, "\(name)")
        }
    }
}
