/// What counts as boilerplate: page furniture that is not part of a document's content.
///
/// Configured in rule files (`boilerplate:`), so the engine knows no particular site. Lines are compared after
/// folding, ignoring case; elements are matched by name, class, id or ARIA role.
public struct Boilerplate: Sendable, Hashable {
    /// Whole lines (or whole HTML blocks) that are dropped, e.g. "Skip to main content".
    public var lines: Set<String> {
        didSet { longestLine = lines.map(\.unicodeScalars.count).max() ?? 0 }
    }
    public var elements: Set<String>
    public var classes: Set<String>
    public var ids: Set<String>
    public var roles: Set<String>
    /// The longest of `lines`, in scalars: folding and lowercasing never shorten a folded block's text, so a longer
    /// block is no boilerplate line, and most blocks are decided without building their text.
    public private(set) var longestLine: Int

    public init(
        lines: Set<String> = Boilerplate.defaultLines, elements: Set<String> = Boilerplate.defaultElements,
        classes: Set<String> = Boilerplate.defaultClasses, ids: Set<String> = Boilerplate.defaultIDs,
        roles: Set<String> = Boilerplate.defaultRoles
    ) {
        self.lines = Set(lines.map(Self.key))
        longestLine = self.lines.map(\.unicodeScalars.count).max() ?? 0
        self.elements = elements
        self.classes = classes
        self.ids = ids
        self.roles = roles
    }

    public static let defaultLines: Set<String> = ["Skip to main content", "Skip to content", "Skip to navigation"]
    public static let defaultElements: Set<String> = ["nav", "header", "footer", "aside"]
    public static let defaultClasses: Set<String> = [
        "skip-link", "skip-to-content", "breadcrumb", "breadcrumbs", "cookie-banner", "cookie-notice", "cookie-consent",
    ]
    public static let defaultIDs: Set<String> = ["cookie-banner", "cookie-notice", "cookie-consent"]
    public static let defaultRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search"]

    /// Whether a block's text, as `TextBuilder` wrote it, is a boilerplate line. The text is folded already, and
    /// folding folded text changes nothing (what folding writes, it keeps), so only the case is folded here.
    func isBoilerplateLine(_ folded: String) -> Bool { !lines.isEmpty && lines.contains(folded.lowercased()) }

    static func key(_ line: String) -> String {
        TypographyFolder.foldedString(line).lowercased()
    }
}
