import ArgumentParser
import AssayKit
import Foundation

/// `assay merge`: combines the partial outputs of `assay build --shard K/N --partial DIR` into the output one
/// build of the whole corpus writes, byte for byte, running the checks over every shard's facts together.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the partial outputs of sharded builds into one dataset.",
        discussion: """
            Every shard K/N of one corpus must be given once, built from the same corpus listing, rules and assay \
            version; anything else is refused (exit 2) with what differs. The checks run over all the shards' facts, \
            so checks across documents see the whole corpus. The output is written as 'assay build' writes it, and is \
            byte-identical to what one build of the whole corpus would write.
            Exit codes as for 'assay build'.
            """)

    @Argument(help: "The partial output folders, one per shard, in any order.")
    var partials: [String]

    @OptionGroup var rulesOption: RulesOption

    @Option(name: .long, help: "The folder the dataset is written to.")
    var output: String = "Output"

    @Flag(name: .long, help: "Exit with 1 when any document has a warning or any check of warning severity fails, not only on errors.")
    var strict = false

    @Option(name: .long, help: "Pages made at once while writing (default: the number of cores); the output is the same whatever the number.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard !partials.isEmpty else { throw ValidationError("give the partial output folder of every shard") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        Interruption.install()
        let ruleSet = try rulesOption.load()
        var dataset: Dataset
        do {
            let read = try partials.map { (folder: $0, partial: try PartialOutput.read(from: URL(fileURLWithPath: $0))) }
            dataset = try PartialOutput.merge(read, ruleSet: ruleSet)
        } catch let error as AssayError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        dataset.validation = Validator(ruleSet: ruleSet, jobs: jobs).validate(dataset)
        try publish(dataset, to: URL(fileURLWithPath: output), named: output, strict: strict, jobs: jobs)
    }
}
