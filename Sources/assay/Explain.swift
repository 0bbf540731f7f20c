import ArgumentParser
import AssayKit
import Foundation

/// `assay explain`: which rules matched where, what was suppressed and why, and a named rule's nearest misses.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain the rules' matches in a document or in text from standard input ('-').",
        discussion: """
            Lists each fact with its rule, the candidates the overlap policy or value reading set aside and why, and,
            with --rule for a rule that matched nothing, its nearest misses: where its keywords occur and how far its
            pattern got there.
            """)

    @Argument(help: "A document, or '-' to read text from standard input.")
    var path: String

    @Option(name: .long, help: "Explain only this rule (by id).")
    var rule: String?

    @Option(name: .long, help: "Explain only this line of the source (1-based).")
    var line: Int?

    @OptionGroup var rulesOption: RulesOption

    func run() throws {
        let ruleSet = try rulesOption.load()
        if let rule, !ruleSet.rules.contains(where: { $0.id == rule }) {
            let guess = Suggestion.closest(to: rule, in: ruleSet.rules.map(\.id))
            Terminal.error("no rule has the id '\(rule)'" + (guess.map { "; did you mean '\($0)'?" } ?? ""))
            throw ExitCode(2)
        }
        let loader = CorpusLoader(maxDocumentBytes: ruleSet.limits.documentBytes)
        let document: SourceDocument
        if path == "-" {
            document = loader.load(bytes: Array(FileHandle.standardInput.readDataToEndOfFile()), path: "-", mediaType: nil)
        } else {
            do {
                guard let loaded = try loader.load(from: URL(fileURLWithPath: path)).documents.first else {
                    Terminal.error("'\(path)' is not a document assay reads")
                    throw ExitCode(2)
                }
                document = loaded
            } catch let error as AssayError {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        }
        let normalized = Normalizer(ruleSet: ruleSet).normalize(document)
        print(Explainer(ruleSet: ruleSet).explain(normalized, rule: rule, line: line).rendered, terminator: "")
    }
}
