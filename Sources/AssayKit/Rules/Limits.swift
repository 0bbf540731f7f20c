/// Bounds on the work one document may cause, so a hostile or broken file cannot stop a batch. Each limit that is
/// hit is reported as a warning naming the document; none is silent.
///
/// Set in a rule file's `limits:` section; the defaults suit reports and web pages.
public struct Limits: Sendable, Hashable {
    /// Larger files are not read: an error names the file and its size.
    public var documentBytes = 64 << 20
    /// HTML nested deeper than this is read as flat text below that depth (the tree walk is recursive).
    public var nestingDepth = 200
    /// Time one rule's pattern may take on one document; past it, the rule stops for that document.
    public var regexMilliseconds = 2_000

    public init() {}
}
