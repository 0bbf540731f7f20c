import Foundation

/// A normalised number: cardinal (integer or decimal) or ordinal.
///
/// Equality and hashing go by kind and numeric value, so `1.10` and `1.1` are the same value.
public struct NumberValue: Hashable, Sendable, CustomStringConvertible {
    /// Whether the phrase counted (`twenty-five`) or ranked (`twenty-fifth`).
    public enum Kind: String, Sendable {
        case cardinal, ordinal
    }

    /// Cardinal or ordinal; an ordinal's `value` is always a whole number.
    public var kind: Kind
    /// The exact value, e.g. 1674200.5.
    public var value: Decimal

    /// Makes a value of the given kind.
    public init(kind: Kind, value: Decimal) {
        self.kind = kind
        self.value = value
    }

    /// A cardinal value.
    public static func cardinal(_ value: Decimal) -> NumberValue {
        NumberValue(kind: .cardinal, value: value)
    }

    /// An ordinal value (`ordinal(25)` for "twenty-fifth").
    public static func ordinal(_ rank: Int) -> NumberValue {
        NumberValue(kind: .ordinal, value: Decimal(rank))
    }

    /// The value when it is a whole number that fits `Int`, else nil.
    public var integer: Int? {
        let digits = Self.plainDigits(value)
        guard !digits.contains(".") else { return nil }
        return Int(digits)
    }

    /// The vectors' `expected` format: `500000`, `1.1`, `0.77`, `ordinal:25`.
    public var canonical: String {
        let digits = Self.plainDigits(value)
        return kind == .ordinal ? "ordinal:" + digits : digits
    }

    public var description: String { canonical }

    public static func == (lhs: NumberValue, rhs: NumberValue) -> Bool {
        lhs.kind == rhs.kind && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        // Decimal can hold one value in several mantissa/exponent forms; hashing the
        // canonical text keeps hashing consistent with value equality.
        hasher.combine(kind)
        hasher.combine(canonical)
    }

    /// Plain positional digits with no exponent, separators or trailing fractional zeros.
    static func plainDigits(_ value: Decimal) -> String {
        if value.isNaN { return "NaN" }
        var text = value.description
        // Foundation already prints Decimal positionally and compactly; trimming again
        // guards against a platform that keeps the written scale (`1.10`).
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }
}
