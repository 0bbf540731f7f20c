import Foundation
import Testing
@testable import AssayKit

/// Unit tests for `NumberNormalizer` and `NumberValue` beyond the shared vectors.
@Suite("NumberNormalizer")
struct NumberNormalizerTests {
    let normalizer = NumberNormalizer()

    func canonical(_ phrase: String) -> String? {
        normalizer.normalize(phrase)?.canonical
    }

    /// The phrases the project's rules produce today.
    @Test(arguments: [
        ("Sixteen", "16"), ("four", "4"), ("Two", "2"), ("twenty-five", "25"), ("a dozen", "12"),
        ("6300", "6300"), ("500,000", "500000"), ("14", "14"), ("Two waves", "2"), ("14 pilots", "14"),
        ("Sixteen pilots", "16"), ("the second wave", "ordinal:2"),
    ])
    func projectCases(_ phrase: String, _ expected: String) {
        #expect(canonical(phrase) == expected)
    }

    @Test(arguments: ["", "   ", "pilots", "hello", "2021(4)", "the", "a", "and", "half the staff",
                      "several", "hundreds of", "A380", "Q3", "twelve (13)"])
    func notANumber(_ phrase: String) {
        #expect(normalizer.normalize(phrase) == nil)
    }

    /// Digit runs longer than a quantity would be are refused rather than trapped on overflow.
    @Test(arguments: ["99999999999999999999999", "1234567890123456789012345678901234567890 pilots",
                      "9999999999999999999th", "0.0000000000000000000000001"])
    func hugeDigitRunsAreNil(_ phrase: String) {
        #expect(normalizer.normalize(phrase) == nil)
    }

    @Test(arguments: [
        ("TWENTY  FIVE", "25"), ("twenty\u{2013}five", "25"), ("twenty\u{2014}five", "25"),
        ("twenty\u{2010}five", "25"), ("twenty\u{00A0}five", "25"), ("Forty Two", "42"),
    ])
    func caseWhitespaceAndDashesFold(_ phrase: String, _ expected: String) {
        #expect(canonical(phrase) == expected)
    }

    @Test(arguments: [
        ("a further 11", "11"), ("over 1,000 schools", "1000"), ("nearly 4,000 staff", "4000"),
        ("£3.2bn", "3200000000"), ("£250m", "250000000"), ("100k pilots", "100000"),
        ("forty-five (45)", "45"), ("45 (forty five)", "45"), ("2 000 000", "2000000"),
        ("one hundred and first", "ordinal:101"), ("nineteen eighty-four", "1984"),
        ("point five", "0.5"), ("three fifths", "0.6"), ("a fifth", "0.2"), ("a tenth of", "0.1"),
        ("a third wave", "ordinal:3"), ("two and an eighth", "2.125"), ("-5", "-5"), ("3-5", "3"),
    ])
    func otherShapes(_ phrase: String, _ expected: String) {
        #expect(canonical(phrase) == expected)
    }

    /// Fractions without an exact decimal are nil rather than a rounded value or the wrong count.
    @Test(arguments: ["a third", "two thirds", "a third of staff", "one and a third"])
    func inexactFractionsAreNil(_ phrase: String) {
        #expect(canonical(phrase) == nil)
    }

    @Test func canonicalDropsTrailingZeros() {
        let value = NumberValue.cardinal(Decimal(sign: .plus, exponent: -3, significand: 4800))
        #expect(value.canonical == "4.8")
        #expect(canonical("1.10") == "1.1")
        #expect(canonical(".77") == "0.77")
        #expect(canonical("1.0 million") == "1000000")
        #expect(canonical("0.0") == "0")
    }

    @Test func ordinalHasPrefix() {
        #expect(NumberValue.ordinal(25).canonical == "ordinal:25")
        #expect(normalizer.normalize("twenty-fifth") == NumberValue.ordinal(25))
        #expect(normalizer.normalize("25th")?.kind == .ordinal)
    }

    @Test func integerIsWholeValuesOnly() {
        #expect(normalizer.normalize("1,674,200")?.integer == 1_674_200)
        #expect(normalizer.normalize("1,674,200.5")?.integer == nil)
        #expect(normalizer.normalize("1,674,200.5")?.value == Decimal(string: "1674200.5"))
        #expect(normalizer.normalize("twenty-fifth")?.integer == 25)
    }

    /// `1.10` and `1.1` are one value, so they must hash alike.
    @Test func equalValuesHashAlike() {
        let a = NumberValue.cardinal(Decimal(sign: .plus, exponent: -2, significand: 110))
        let b = NumberValue.cardinal(Decimal(sign: .plus, exponent: -1, significand: 11))
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(NumberValue.cardinal(2) != NumberValue.ordinal(2))
    }

    /// Odd input must come back nil or a value, never trap.
    @Test(arguments: ["(", ")", "5 (", "(5", ".", "..", "3.", "-", "—", "£", "🙂 two", "e\u{301}", "\u{0}",
                      "1,", ",5", "1,,000", "point", "and a half", "a couple of hundred", "hundredth of a"])
    func oddInputDoesNotCrash(_ phrase: String) {
        _ = normalizer.normalize(phrase)
    }
}
