import Foundation
import AssayKit

/// libFuzzer entry: bytes → load (sniff, decode) → normalise (text and HTML) → extract with the shipped rules, and
/// the provenance invariants that must hold for any input: every fact's `exact` is its slice of the text, and its
/// source range lies inside the decoded source.
func fuzzNormalizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for mediaType in [MediaType.text, .html] {
        let document = CorpusLoader().load(bytes: bytes, path: "fuzz", mediaType: mediaType)
        let normalized = Normalizer(boilerplate: FuzzRules.ruleSet.boilerplate).normalize(document)
        let extraction = Extractor(ruleSet: FuzzRules.ruleSet).extract(from: normalized)
        let text = Array(normalized.text.unicodeScalars)
        let sourceCount = document.text.unicodeScalars.count
        for block in normalized.blocks {
            precondition(block.range.lowerBound >= 0 && block.range.upperBound <= text.count, "block outside the text")
        }
        for fact in extraction.facts {
            let evidence = fact.evidence
            precondition(Array(evidence.exact.unicodeScalars) == Array(text[evidence.start..<evidence.end]), "exact is not the slice")
            if let start = evidence.sourceStart, let end = evidence.sourceEnd {
                precondition(0 <= start && start <= end && end <= sourceCount, "source range outside the source")
            }
        }
    }
    return 0
}

/// The shipped rules, found from the working directory (run from the repository root) or ASSAY_RULES.
enum FuzzRules {
    static let ruleSet: RuleSet = {
        let path = ProcessInfo.processInfo.environment["ASSAY_RULES"] ?? "Rules"
        return (try? RuleSetLoader().load(from: URL(fileURLWithPath: path)).0) ?? RuleSet()
    }()
}
