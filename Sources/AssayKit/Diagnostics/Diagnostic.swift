/// A finding from any stage: a problem in a rule file, a document that could not be read, a limit that was hit.
///
/// The library never prints. Stages return diagnostics as values and the executable decides how to show them,
/// so the same finding can be rendered for a terminal, written to `Output/errors.jsonl`, or asserted in a test.
public struct Diagnostic: Hashable, Sendable {
    /// How bad a finding is. `error` means the subject (a document, a rule file) could not be used.
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The pipeline stage that emitted the finding.
    public enum Stage: String, Sendable {
        case load, normalize, rules, extract, validate, write
    }

    public var severity: Severity
    public var stage: Stage
    public var message: String
    /// Where the problem is, in the original file (never in normalised text).
    public var location: SourceLocation?
    /// The rule the finding is about, when there is one.
    public var ruleID: String?
    /// Follow-up lines: what to do, "did you mean", the offending source line.
    public var notes: [String]

    public init(
        _ severity: Severity, stage: Stage, _ message: String,
        at location: SourceLocation? = nil, ruleID: String? = nil, notes: [String] = []
    ) {
        self.severity = severity
        self.stage = stage
        self.message = message
        self.location = location
        self.ruleID = ruleID
        self.notes = notes
    }

    /// The compiler-style form: `file:line:column: error: message [rule]`, then the notes indented.
    public var rendered: String {
        var head = ""
        if let location { head = location.description + ": " }
        head += "\(severity.rawValue): \(message)"
        if let ruleID { head += " [\(ruleID)]" }
        return ([head] + notes.map { "    " + $0 }).joined(separator: "\n")
    }
}

/// A position in an original file. `line` and `column` are 1-based; `column` counts Unicode scalars.
/// `byteOffset` is 0-based into the raw file, when known.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var byteOffset: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// Whether any finding is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
extension Diagnostic: Error {}
