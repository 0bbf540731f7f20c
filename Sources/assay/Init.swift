import ArgumentParser
import AssayKit
import Foundation

/// `assay init DIR`: scaffold a project for a new domain.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new project: Corpus/ with an example document, Rules/ with an example of every rule feature and check kind, a README.")

    @Argument(help: "The folder to create (it must not exist, or be empty).")
    var folder: String

    func run() throws {
        do {
            let files = try Scaffold.write(to: URL(fileURLWithPath: folder))
            print("created \(files.count) files in \(folder)/; next: cd \(folder) && assay build")
        } catch let error as AssayError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}
