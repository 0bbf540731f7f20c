import Foundation

/// Reads English number phrases ("Sixteen", "500,000", "a dozen", "£3.2bn", "the second wave").
///
/// The phrase is tokenised once and scanned left to right; the first place where a number
/// phrase starts wins, so leading qualifiers ("over", "nearly", "a further") and trailing
/// nouns ("pilots") fall away without a list of them. Conventions are those of the test
/// vectors' README: short-scale billions, `.` always a decimal point, `,` or a space
/// grouping thousands, and `forty-five (45)` read once.
public struct NumberNormalizer: Sendable {
    public init() {}

    /// Reads one number phrase ("Sixteen", "500,000", "a dozen", "twenty-five cows", "14",
    /// "£3.2bn", "forty-five (45)", "the second wave").
    ///
    /// Returns nil when the phrase holds no number, when a digit run is too long to be a
    /// quantity, or when a number is followed by a parenthesised number that disagrees
    /// with it (`2021(4)` is a citation, not a restated value).
    public func normalize(_ phrase: String) -> NumberValue? {
        let tokens = ValueLexer.tokenize(phrase)
        var index = 0
        while index < tokens.count {
            switch NumberGrammar.parse(tokens, at: index) {
            case .miss:
                index += 1
            case .invalid:
                return nil
            case let .hit(value, end):
                return NumberGrammar.confirmRestatement(of: value, in: tokens, after: end) ? value : nil
            }
        }
        return nil
    }
}

/// The number-phrase grammar behind `NumberNormalizer`.
enum NumberGrammar {
    /// The outcome of trying to read a number at one position.
    enum Outcome {
        /// No number starts here; the caller moves on.
        case miss
        /// The text is number-like but unusable (too many digits, overflow); give up.
        case invalid
        /// A number, and the index just past its last token.
        case hit(NumberValue, end: Int)
    }

    /// Digits kept exactly; longer runs are identifiers, not quantities, and would not fit UInt64.
    static let maxDigits = 18

    /// What the last accepted token was, which decides what may come next.
    private enum Last {
        case none, numeral, unit, teen, tens, hundred, scale, dozen, fraction, article, and, decimal
    }

    /// Checks the legal habit of restating a number in brackets: `forty-five (45)` is fine,
    /// `2021(4)` is not one number.
    static func confirmRestatement(of value: NumberValue, in tokens: [ValueLexer.Token], after end: Int) -> Bool {
        guard end < tokens.count, tokens[end].isSymbol("(") else { return true }
        guard case let .hit(inner, innerEnd) = parse(tokens, at: end + 1) else { return true }
        guard innerEnd < tokens.count, tokens[innerEnd].isSymbol(")") else { return true }
        return inner == value
    }

    /// Reads the longest number phrase starting exactly at `start`.
    static func parse(_ tokens: [ValueLexer.Token], at start: Int) -> Outcome {
        let n = tokens.count
        guard start >= 0, start < n else { return .miss }
        var total: Decimal = 0
        var group: Decimal = 0
        var last = Last.none
        var lastScale: Decimal? = nil
        var numeralIsSmallInteger = false
        var end = start
        var ordinal = false
        var j = start

        switch numeral(tokens, at: start) {
        case .invalid:
            return .invalid
        case let .value(value, next, suffix, smallInteger):
            switch suffix {
            case .ordinal:
                return .hit(NumberValue(kind: .ordinal, value: value), end: next)
            case let .scale(multiplier):
                let scaled = value * multiplier
                return scaled.isNaN ? .invalid : .hit(.cardinal(scaled), end: next)
            case nil:
                group = value
                last = .numeral
                numeralIsSmallInteger = smallInteger
                end = next
                j = next
            }
        case .absent:
            break
        }

        func isWord(_ k: Int, _ accept: (NumberWords.Word) -> Bool) -> Bool {
            guard k < n, let w = NumberWords.word(tokens[k]) else { return false }
            return accept(w)
        }
        func isMultiplier(_ w: NumberWords.Word) -> Bool {
            switch w {
            case .hundred(false), .scale(_, false), .dozen: return true
            default: return false
            }
        }
        func isCounting(_ w: NumberWords.Word) -> Bool {
            switch w {
            case .unit, .teen, .tens: return true
            default: return false
            }
        }

        wordLoop: while j < n {
            let token = tokens[j]
            // A hyphen only joins two words of one number (`twenty-five`, `two-hundred`).
            if token.isSymbol("-"), last != .none, j + 1 < n, tokens[j + 1].kind == .word {
                j += 1
                continue
            }
            guard let word = NumberWords.word(token) else { break }
            // "a fifth", "one tenth of": a singular ordinal after "a"/"one" is a fraction when
            // nothing but "of" follows; "a third wave" stays an ordinal.
            if let d = NumberWords.denominator(word),
               last == .article || (last == .unit && group == 1 && total == 0),
               j + 1 == n || tokens[j + 1].isWord("of") {
                guard let part = NumberWords.exactQuotient(1, d) else { return .invalid }
                group = part
                last = .fraction
                j += 1
                end = j
                continue
            }
            var isOrdinal = false
            switch word {
            case let .unit(value, ord):
                guard [.none, .hundred, .scale, .and].contains(last) || (last == .tens && value >= 1) else { break wordLoop }
                group += Decimal(value)
                last = .unit
                isOrdinal = ord
            case let .teen(value, ord), let .tens(value, ord):
                guard [.none, .hundred, .scale, .and].contains(last) else { break wordLoop }
                if last == .none, !ord, let (year, next) = centuryPair(tokens, at: j, first: value) {
                    group = Decimal(year)
                    last = .tens
                    end = next
                    break wordLoop
                }
                group += Decimal(value)
                if case .teen = word { last = .teen } else { last = .tens }
                isOrdinal = ord
            case let .hundred(ord):
                let counted = [.unit, .teen, .tens, .article].contains(last) || (last == .numeral && numeralIsSmallInteger)
                guard counted || (last == .none && ord), group < 100 else { break wordLoop }
                group = (group == 0 ? 1 : group) * 100
                last = .hundred
                isOrdinal = ord
            case let .scale(multiplier, ord):
                let counted: Set<Last> = [.unit, .teen, .tens, .hundred, .numeral, .fraction, .article, .decimal]
                guard counted.contains(last) || (last == .none && ord) else { break wordLoop }
                // Scales fall as a number goes on; "thousand million" is not read.
                if let previous = lastScale, multiplier >= previous { break wordLoop }
                total += (group == 0 ? 1 : group) * multiplier
                group = 0
                lastScale = multiplier
                last = .scale
                isOrdinal = ord
            case .dozen:
                guard [.unit, .teen, .tens, .article, .fraction, .numeral].contains(last) else { break wordLoop }
                group = (group == 0 ? 1 : group) * 12
                last = .dozen
            case .pair:
                guard last == .article else { break wordLoop }
                group = 2
                last = .dozen
            case let .fraction(part):
                if last == .none {
                    // A bare "half" counts only as "half (a) million/dozen"; alone it is too
                    // often "half the staff".
                    let next = j + 1 < n && tokens[j + 1].kind == .word && NumberWords.table[tokens[j + 1].text] == .article ? j + 2 : j + 1
                    guard isWord(next, isMultiplier) else { break wordLoop }
                    group = part
                } else if [.article, .unit, .teen, .tens].contains(last) {
                    group = (group == 0 ? 1 : group) * part
                } else {
                    break wordLoop
                }
                last = .fraction
            case let .parts(divisor):
                guard [.unit, .teen, .tens].contains(last) else { break wordLoop }
                guard let part = NumberWords.exactQuotient(group, divisor) else { return .invalid }
                group = part
                last = .fraction
            case .article:
                guard last == .none || last == .fraction else { break wordLoop }
                let fits: (NumberWords.Word) -> Bool = last == .none
                    ? { w in
                        switch w {
                        case .hundred, .scale, .dozen, .pair, .fraction: return true
                        default: return NumberWords.denominator(w) != nil
                        }
                    }
                    : isMultiplier
                guard isWord(j + 1, fits) else { break wordLoop }
                last = .article
                j += 1
                continue
            case .and:
                if [.unit, .teen, .tens, .numeral].contains(last),
                   isWord(j + 1, { $0 == .article }),
                   j + 2 < n, let word = NumberWords.word(tokens[j + 2]) {
                    // "one and a half": the fraction adds, and a scale may still follow.
                    // "one and a third" has no exact decimal, so the phrase has no value.
                    var part: Decimal? = nil
                    if case let .fraction(p) = word { part = p }
                    if let d = NumberWords.denominator(word) {
                        guard let p = NumberWords.exactQuotient(1, d) else { return .invalid }
                        part = p
                    }
                    if let part {
                        group += part
                        last = .fraction
                        j += 3
                        end = j
                        continue
                    }
                }
                guard [.hundred, .scale].contains(last), isWord(j + 1, isCounting) else { break wordLoop }
                last = .and
                j += 1
                continue
            case .point:
                guard [.none, .unit, .teen, .tens, .hundred].contains(last),
                      let (fraction, next) = spokenDecimals(tokens, at: j + 1) else { break wordLoop }
                group += fraction
                last = .decimal
                j = next
                end = j
                continue
            }
            j += 1
            end = j
            if isOrdinal {
                ordinal = true
                break wordLoop
            }
        }

        guard end > start, last != .none else { return .miss }
        let value = total + group
        if value.isNaN { return .invalid }
        return .hit(NumberValue(kind: ordinal ? .ordinal : .cardinal, value: value), end: end)
    }
}
