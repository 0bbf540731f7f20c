import ArgumentParser
import AssayKit
import Foundation

/// `assay extract`: print the facts of some files without writing a dataset.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the facts found in files, folders or standard input ('-'), without writing Output/.")

    @Argument(help: "Files or folders to read; '-' reads standard input.")
    var paths: [String]

    @OptionGroup var rulesOption: RulesOption

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, table }

    @Option(name: .long, help: "Output format: jsonl or table.")
    var format: Format = .jsonl

    @Option(name: .long, help: "How standard input is read: text or html (default: sniffed).")
    var stdinType: String?

    @Flag(name: .long, help: "Also print the candidates the overlap policy or value reading set aside, with the reason (debug output).")
    var suppressed = false

    func run() throws {
        let ruleSet = try rulesOption.load()
        let loader = CorpusLoader(maxDocumentBytes: ruleSet.limits.documentBytes)
        var documents: [SourceDocument] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            if path == "-" {
                let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                let declared = stdinType.flatMap { $0 == "html" ? MediaType.html : $0 == "text" ? MediaType.text : nil }
                documents.append(loader.load(bytes: bytes, path: "-", mediaType: declared))
                continue
            }
            do {
                let corpus = try loader.load(from: URL(fileURLWithPath: path))
                documents += corpus.documents
                diagnostics += corpus.diagnostics
            } catch let error as AssayError {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        }
        let extractions = Pipeline(ruleSet: ruleSet).extract(documents)
        let field = ruleSet.attribution?.field ?? "subject"
        let facts = extractions.flatMap(\.facts)
        switch format {
        case .jsonl:
            for fact in facts { print(FactJSON.json(fact, subjectField: field).serialized()) }
            if suppressed {
                for extraction in extractions {
                    for candidate in extraction.suppressed {
                        print(JSON.object([
                            ("suppressed", .bool(true)), ("document", .string(extraction.document.source.path)),
                            ("rule", .string(candidate.ruleID)), ("type", .string(candidate.type)),
                            ("start", .int(candidate.start)), ("end", .int(candidate.end)), ("exact", .string(candidate.exact)),
                            ("reason", .string(candidate.reason)), ("winner", candidate.winnerRuleID.map(JSON.string) ?? .null),
                        ]).serialized())
                    }
                }
            }
        case .table:
            print(Table.render(facts, subjectField: field))
            if suppressed {
                for extraction in extractions {
                    for candidate in extraction.suppressed {
                        print("suppressed  \(extraction.document.source.path)  \(candidate.ruleID)  '\(candidate.exact)'  \(candidate.reason)")
                    }
                }
            }
        }
        diagnostics += extractions.flatMap { $0.document.diagnostics + $0.diagnostics }
        Terminal.report(diagnostics)
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}

/// A plain-text table of facts for people.
enum Table {
    static func render(_ facts: [Fact], subjectField: String) -> String {
        let header = ["document", "line", "type", "value", subjectField, "attribute", "exact", "rule"]
        let rows = facts.map { fact in
            [
                fact.evidence.document, fact.evidence.line.map(String.init) ?? "-", fact.type, fact.value.description,
                fact.subject ?? "-", fact.attribute, fact.evidence.exact, fact.ruleID,
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
