@testable import AssayKit
import Foundation
import TestSupport

/// The corpus built once and written to a temporary folder, for the tests of what the writer writes.
enum WrittenDataset {
    static let dataset: Dataset = AcceptanceTests.dataset

    static let folder: URL = {
        let folder = try! Repository.temporaryFolder().appendingPathComponent("Output")
        try! DatasetWriter().write(dataset, to: folder)
        return folder
    }()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    /// A CSV file's rows (header first), parsed as RFC 4180 says, independently of the writer.
    static func csv(_ path: String) throws -> [[String]] {
        CSVParser.parse(try text(path))
    }
}
