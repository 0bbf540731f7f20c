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
        let pipeline = Pipeline(ruleSet: ruleSet)
        let output = ExtractOutput(format: format, subjectField: ruleSet.attribution?.field ?? "subject", suppressed: suppressed)
        for path in paths {
            if path == "-" {
                let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                let declared = stdinType.flatMap { $0 == "html" ? MediaType.html : $0 == "text" ? MediaType.text : nil }
                output.add(.success(pipeline.extract([loader.load(bytes: bytes, path: "-", mediaType: declared)])[0]))
                continue
            }
            // Listed, then read and extracted on the workers, each document's facts printed (JSON Lines) as soon as
            // the documents before it are done: nothing is held but what the table format needs.
            let index = try scanCorpus(path, loader: loader)
            output.diagnostics += index.diagnostics
            try pipeline.forEach(index, loader: loader) { output.add($0) }
        }
        output.finish()
        Terminal.report(output.diagnostics)
        if output.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

/// What `assay extract` prints: JSON Lines as each document is done (suppressed candidates after all facts, as
/// before), or a table once everything is in.
private final class ExtractOutput: @unchecked Sendable {
    let format: Extract.Format
    let subjectField: String
    let showSuppressed: Bool
    var diagnostics: [Diagnostic] = []
    private var facts: [Fact] = []
    private var suppressed: [(path: String, candidate: SuppressedCandidate)] = []

    init(format: Extract.Format, subjectField: String, suppressed: Bool) {
        self.format = format
        self.subjectField = subjectField
        showSuppressed = suppressed
    }

    func add(_ result: Result<Extraction, Diagnostic>) {
        switch result {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
        case .success(let extraction):
            diagnostics += extraction.document.diagnostics + extraction.diagnostics
            if showSuppressed { suppressed += extraction.suppressed.map { (extraction.document.source.path, $0) } }
            switch format {
            case .jsonl: for fact in extraction.facts { print(FactJSON.json(fact, subjectField: subjectField).serialized()) }
            case .table: facts += extraction.facts
            }
        }
    }

    func finish() {
        switch format {
        case .jsonl:
            for (path, candidate) in suppressed {
                print(JSON.object([
                    ("suppressed", .bool(true)), ("document", .string(path)),
                    ("rule", .string(candidate.ruleID)), ("type", .string(candidate.type)),
                    ("start", .int(candidate.start)), ("end", .int(candidate.end)), ("exact", .string(candidate.exact)),
                    ("reason", .string(candidate.reason)), ("winner", candidate.winnerRuleID.map(JSON.string) ?? .null),
                ]).serialized())
            }
        case .table:
            print(Table.render(facts, subjectField: subjectField))
            for (path, candidate) in suppressed {
                print("suppressed  \(path)  \(candidate.ruleID)  '\(candidate.exact)'  \(candidate.reason)")
            }
        }
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
