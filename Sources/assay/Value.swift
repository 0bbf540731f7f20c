import ArgumentParser
import AssayKit
import Foundation

/// `assay value number|date`: normalise one phrase per line of standard input.
struct Value: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read one phrase per line on standard input and print its normalised value (an empty line when there is none).")

    enum Kind: String, ExpressibleByArgument, CaseIterable { case number, date }

    @Argument(help: "What to read: number or date.")
    var kind: Kind

    func run() throws {
        let numbers = NumberNormalizer()
        let dates = DateNormalizer()
        var output = ""
        while let line = readLine(strippingNewline: true) {
            switch kind {
            case .number: output += (numbers.normalize(line)?.canonical ?? "") + "\n"
            case .date: output += (dates.normalize(line)?.iso ?? "") + "\n"
            }
            if output.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
