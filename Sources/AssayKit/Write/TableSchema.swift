/// One table of the dataset as Frictionless Table Schema describes it: fields with types, constraints and meaning,
/// a primary key and foreign keys.
///
/// One description drives the CSV header, the resource in `datapackage.json`, the `CREATE TABLE` in
/// `dataset.sqlite` and the field guide in `Output/README.md`, so the four cannot disagree.
struct TableSchema: Sendable {
    /// A column. `kind` is a Table Schema type; arrays and objects are JSON in the cell.
    struct Field: Sendable {
        enum Kind: String, Sendable {
            case string, integer, array, object
        }

        var name: String
        var kind: Kind
        var description: String
        var required = false
        var unique = false
        var pattern: String? = nil
        var allowed: [String]? = nil
        var minimum: Int? = nil

        /// A string column.
        init(
            _ name: String, _ description: String, required: Bool = false, unique: Bool = false, pattern: String? = nil,
            allowed: [String]? = nil
        ) {
            self.init(name, .string, description, required: required, unique: unique, pattern: pattern, allowed: allowed)
        }

        init(
            _ name: String, _ kind: Kind, _ description: String, required: Bool = false, unique: Bool = false,
            pattern: String? = nil, allowed: [String]? = nil, minimum: Int? = nil
        ) {
            self.name = name
            self.kind = kind
            self.description = description
            self.required = required
            self.unique = unique
            self.pattern = pattern
            self.allowed = allowed
            self.minimum = minimum
        }
    }

    /// Columns of this table whose values must be found in columns of another (or the same) table.
    struct ForeignKey: Sendable {
        var fields: [String]
        var table: String
        var referenced: [String]
    }

    /// The resource and SQLite table name: lowercase letters, digits and `_`.
    var name: String
    var description: String
    var fields: [Field]
    var primaryKey: [String]
    var foreignKeys: [ForeignKey] = []

    /// Where the CSV is, relative to the dataset folder.
    var path: String { "data/\(name).csv" }

    static let sha256Pattern = "^[0-9a-f]{64}$"
}
