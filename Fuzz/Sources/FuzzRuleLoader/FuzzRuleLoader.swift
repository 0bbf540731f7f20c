import AssayKit
import Foundation

/// libFuzzer entry: bytes as a rule file → rules or diagnostics, never a crash. Every diagnostic must point at a
/// line of the file (or none), and a rule set without errors must run on a small text.
func fuzzRuleLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // YAML ends lines at LF, CRLF and lone CR; a Character holds CRLF as one.
    let lines = text.filter { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count + 1
    let (ruleSet, diagnostics) = RuleSetLoader().compile([("fuzz.yaml", text)])
    for diagnostic in diagnostics {
        if let line = diagnostic.location?.line, diagnostic.location?.file == "fuzz.yaml" {
            precondition(line >= 1 && line <= lines + 1, "diagnostic outside the file")
        }
        _ = diagnostic.rendered
    }
    if !diagnostics.contains(where: { $0.severity == .error }) {
        let document = CorpusLoader().load(bytes: Array("Sixteen pilots appointed in 2009.".utf8), path: "x", mediaType: .text)
        _ = Extractor(ruleSet: ruleSet).extract(from: Normalizer().normalize(document))
        _ = RuleLinter(ruleSet: ruleSet).lint()
    }
    return 0
}
