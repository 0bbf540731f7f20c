import ArgumentParser
import AssayKit
import Foundation

/// The `assay` command: subcommands only wire options to AssayKit and turn findings into exit codes.
///
/// Exit codes: 0 success; 1 failed checks or document errors; 2 bad usage or unusable input (a missing folder,
/// a rule set with errors).
@main
struct Assay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Turn a folder of documents into a validated dataset in which every value links back to its words.",
        discussion: """
            Exit codes: 0 success; 1 document errors (or failed checks); 2 bad usage or unusable input.
            """,
        version: AssayVersion.current,
        subcommands: [Build.self, Merge.self, Diff.self, Extract.self, Explain.self, Rules.self, Validate.self, Value.self, Init.self]
    )

    /// Runs the command, turning ArgumentParser's usage exit code (64) into 2, as the documented policy says.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error).rawValue == ExitCode.validationFailure.rawValue {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options shared by the commands that read rules.
struct RulesOption: ParsableArguments {
    @Option(name: .long, help: "The folder of rule files.")
    var rules: String = "Rules"

    func load() throws -> RuleSet {
        try loadWithDiagnostics().0
    }

    /// The rule set and its warnings; errors are printed and end the command with exit code 2.
    func loadWithDiagnostics() throws -> (RuleSet, [Diagnostic]) {
        do {
            return try RuleSetLoader().load(from: URL(fileURLWithPath: rules))
        } catch AssayError.invalidRules(let diagnostics) {
            Terminal.report(diagnostics)
            Terminal.error("the rule set has errors; nothing was extracted")
            throw ExitCode(2)
        } catch let error as AssayError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

/// Reads a corpus folder with the rule set's limits; a folder that cannot be used ends the command with exit 2.
func loadCorpus(_ path: String, ruleSet: RuleSet) throws -> Corpus {
    do {
        return try CorpusLoader(maxDocumentBytes: ruleSet.limits.documentBytes).load(from: URL(fileURLWithPath: path))
    } catch let error as AssayError {
        Terminal.error(error.description)
        throw ExitCode(2)
    }
}

/// Where messages go: stderr, so stdout stays data.
enum Terminal {
    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { FileHandle.standardError.write(Data((diagnostic.rendered + "\n").utf8)) }
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    static func info(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
