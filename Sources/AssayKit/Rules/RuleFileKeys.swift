/// Every key a rule file may use, by the place it may appear. The loader accepts exactly these (anything else is
/// an "unknown key" with a "did you mean"), and a test checks that `Rules/schema.json` allows exactly these too.
public enum RuleFileKeys {
    public static let sections = [
        "types", "lexicon", "gazetteers", "rules", "attribution", "boilerplate", "overlap", "limits", "checks",
    ]
    public static let type = ["value", "gazetteer", "description"]
    public static let lexiconEntry = ["pattern", "description"]
    public static let gazetteer = ["description", "flexible_spaces", "entries"]
    public static let gazetteerEntry = ["id", "name", "aliases", "attributes", "description"]
    public static let rule = [
        "id", "description", "priority", "pattern", "case_sensitive", "keywords", "within", "fields", "qualifiers",
        "examples",
    ]
    public static let field = ["type", "attribute", "qualifiers", "qualifier", "gazetteer", "introduces"]
    public static let within = ["blocks", "section", "column"]
    public static let example = ["match", "no_match", "values"]
    public static let attribution = ["field", "type", "identify_by", "title_is_subject", "from_table_headers"]
    public static let boilerplate = ["lines", "elements", "classes", "ids", "roles"]
    public static let overlap = ["order", "across_types"]
    public static let limits = ["document_bytes", "nesting_depth", "regex_milliseconds"]
}
