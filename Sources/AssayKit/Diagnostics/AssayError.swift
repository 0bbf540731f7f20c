/// An error that stops a whole command (as opposed to a per-document diagnostic, which does not).
public enum AssayError: Error, Sendable, CustomStringConvertible {
    /// The rule set has errors; nothing was extracted.
    case invalidRules([Diagnostic])
    /// A folder or file the user named cannot be used.
    case unusableInput(String)
    /// Writing the output failed; the previous output is left as it was.
    case writeFailed(String)

    public var description: String {
        switch self {
        case .invalidRules(let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            return "the rule set has \(errors) error\(errors == 1 ? "" : "s")"
        case .unusableInput(let reason): return reason
        case .writeFailed(let reason): return "could not write the output: \(reason)"
        }
    }
}
