/// Turns a source document into normalised blocks, choosing the plain-text or HTML path by media type.
///
/// Input: `SourceDocument`. Output: `NormalizedDocument`, whose diagnostics say what could not be anchored or parsed.
/// The only stage that touches libxml2.
public struct Normalizer: Sendable {
    public var boilerplate: Boilerplate
    public var limits: Limits

    public init(boilerplate: Boilerplate = Boilerplate(), limits: Limits = Limits()) {
        self.boilerplate = boilerplate
        self.limits = limits
    }

    /// A normaliser configured as the rule set says (boilerplate, limits).
    public init(ruleSet: RuleSet) {
        self.init(boilerplate: ruleSet.boilerplate, limits: ruleSet.limits)
    }

    public func normalize(_ document: SourceDocument) -> NormalizedDocument {
        var normalized: NormalizedDocument
        switch document.mediaType {
        case .text: normalized = PlainTextNormalizer(boilerplate: boilerplate).normalize(document)
        case .html: normalized = HTMLNormalizer(boilerplate: boilerplate, maxDepth: limits.nestingDepth).normalize(document)
        }
        normalized.diagnostics = document.diagnostics + normalized.diagnostics
        return normalized
    }
}
