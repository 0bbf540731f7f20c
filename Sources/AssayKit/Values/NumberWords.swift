import Foundation

/// The English number vocabulary shared by the number and date grammars.
///
/// Built once as a static table so a lookup per word is one hash probe.
enum NumberWords {
    /// The grammatical role of one number word.
    enum Word: Sendable, Equatable {
        /// 0–9 (`zero`, `nought`, `nil`, `one` … `nine`; ordinal `first` … `ninth`).
        case unit(Int, ordinal: Bool)
        /// 10–19; `ten` is here, not with the units, because it cannot follow a tens word.
        case teen(Int, ordinal: Bool)
        /// 20, 30 … 90.
        case tens(Int, ordinal: Bool)
        /// `hundred`, which multiplies the group in progress rather than closing it.
        case hundred(ordinal: Bool)
        /// `thousand`, `million`, `billion`, `trillion` (short scale).
        case scale(Decimal, ordinal: Bool)
        /// `dozen`: multiplies like a scale but never closes a group.
        case dozen
        /// `couple` and `pair`, which only count after an article.
        case pair
        /// `half`/`halves` (0.5) and `quarter`/`quarters` (0.25).
        case fraction(Decimal)
        /// A plural fraction denominator (`thirds`, `fifths`, `tenths`): `three fifths` is 0.6.
        case parts(Int)
        /// `a` / `an`, which stands for one before a quantity word (`a dozen`).
        case article
        /// `and`, which may join parts (`one hundred and six`) or add a fraction.
        case and
        /// `point`, which starts spoken decimal digits.
        case point
    }

    /// Every number word, lowercased.
    static let table: [String: Word] = {
        var t: [String: Word] = [:]
        let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        for (n, w) in units.enumerated() { t[w] = .unit(n, ordinal: false) }
        t["nought"] = .unit(0, ordinal: false)
        t["naught"] = .unit(0, ordinal: false)
        t["nil"] = .unit(0, ordinal: false)
        let unitOrdinals = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                            "seventh": 7, "eighth": 8, "ninth": 9,
                            // `nineth` is a misspelling seen in real document titles.
                            "nineth": 9]
        for (w, n) in unitOrdinals { t[w] = .unit(n, ordinal: true) }
        let teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                     "seventeen", "eighteen", "nineteen"]
        for (n, w) in teens.enumerated() { t[w] = .teen(10 + n, ordinal: false) }
        let teenOrdinals = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                            "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
        for (n, w) in teenOrdinals.enumerated() { t[w] = .teen(10 + n, ordinal: true) }
        let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        for (n, w) in tens.enumerated() { t[w] = .tens(20 + 10 * n, ordinal: false) }
        t["fourty"] = .tens(40, ordinal: false)
        let tensOrdinals = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
                            "eightieth", "ninetieth"]
        for (n, w) in tensOrdinals.enumerated() { t[w] = .tens(20 + 10 * n, ordinal: true) }
        t["hundred"] = .hundred(ordinal: false)
        t["hundredth"] = .hundred(ordinal: true)
        let scales: [(String, Int16)] = [("thousand", 3), ("million", 6), ("billion", 9), ("trillion", 12)]
        for (w, e) in scales {
            let value = Decimal(sign: .plus, exponent: Int(e), significand: 1)
            t[w] = .scale(value, ordinal: false)
            t[w + "th"] = .scale(value, ordinal: true)
        }
        t["dozen"] = .dozen
        t["couple"] = .pair
        t["pair"] = .pair
        t["half"] = .fraction(Decimal(sign: .plus, exponent: -1, significand: 5))
        t["halves"] = .fraction(Decimal(sign: .plus, exponent: -1, significand: 5))
        t["quarter"] = .fraction(Decimal(sign: .plus, exponent: -2, significand: 25))
        t["quarters"] = .fraction(Decimal(sign: .plus, exponent: -2, significand: 25))
        let plurals = ["thirds": 3, "fourths": 4, "fifths": 5, "sixths": 6, "sevenths": 7, "eighths": 8,
                       "ninths": 9, "tenths": 10, "twelfths": 12, "twentieths": 20, "hundredths": 100,
                       "thousandths": 1000, "millionths": 1_000_000]
        for (w, d) in plurals { t[w] = .parts(d) }
        t["a"] = .article
        t["an"] = .article
        t["and"] = .and
        t["point"] = .point
        return t
    }()

    /// The denominator a singular ordinal names when used as a fraction (`a fifth`, `one tenth`).
    ///
    /// `first` and `second` never name fractions (`a second wave`), so they are excluded.
    static func denominator(_ word: Word) -> Int? {
        switch word {
        case let .unit(n, true) where n >= 3: return n
        case let .teen(n, true), let .tens(n, true): return n
        case .hundred(true): return 100
        case let .scale(s, true): return Int(NumberValue.plainDigits(s))
        default: return nil
        }
    }

    /// `value / divisor` when the decimal ends (divisor of the form 2^a·5^b), else nil:
    /// `two thirds` has no exact decimal value, and a rounded one would pass for exact.
    static func exactQuotient(_ value: Decimal, _ divisor: Int) -> Decimal? {
        guard divisor > 0 else { return nil }
        var rest = divisor
        while rest % 2 == 0 { rest /= 2 }
        while rest % 5 == 0 { rest /= 5 }
        guard rest == 1 else { return nil }
        return value / Decimal(divisor)
    }

    /// The role of `token` if it is a number word.
    @inline(__always)
    static func word(_ token: ValueLexer.Token) -> Word? {
        token.kind == .word ? table[token.text] : nil
    }

    /// Reads a spoken ordinal from 1 to 31 (`third`, `twenty-second`, `thirtieth`) at `index`.
    ///
    /// Used for days of the month; returns the value and the index after the last word.
    static func dayOrdinal(_ tokens: [ValueLexer.Token], at index: Int, end: Int) -> (Int, Int)? {
        guard index < end, let first = word(tokens[index]) else { return nil }
        switch first {
        case let .unit(n, true) where n >= 1, let .teen(n, true), let .tens(n, true):
            return n <= 31 ? (n, index + 1) : nil
        case let .tens(n, false) where n <= 30:
            var j = index + 1
            if j < end, tokens[j].isSymbol("-") { j += 1 }
            if j < end, case let .unit(u, true)? = word(tokens[j]), u >= 1, n + u <= 31 {
                return (n + u, j + 1)
            }
            return nil
        default:
            return nil
        }
    }

    /// Reads a spoken year (`nineteen seventy eight`, `twenty fifteen`, `two thousand and eight`).
    ///
    /// Years are said in two pairs or as "two thousand …", which ordinary cardinal
    /// parsing would misread (`nineteen seventy` is not 89), hence a grammar of its own.
    static func spokenYear(_ tokens: [ValueLexer.Token], at index: Int, end: Int) -> (Int, Int)? {
        var j = index
        func skipHyphen() { if j < end, tokens[j].isSymbol("-") { j += 1 } }
        func cardinal(_ k: Int) -> Word? {
            guard k < end, let w = word(tokens[k]) else { return nil }
            switch w {
            case .unit(_, false), .teen(_, false), .tens(_, false), .hundred(false), .scale(_, false), .and:
                return w
            default:
                return nil
            }
        }
        func centuryPair(_ century: Int) -> (Int, Int)? {
            skipHyphen()
            if case .hundred? = cardinal(j) { return (century * 100, j + 1) }
            if j < end, tokens[j].isWord("oh") || tokens[j].isWord("o") {
                var k = j + 1
                if k < end, tokens[k].isSymbol("-") { k += 1 }
                if case let .unit(u, false)? = cardinal(k), u >= 1 { return (century * 100 + u, k + 1) }
                return nil
            }
            if let (n, next) = belowHundred(tokens, at: j, end: end), n >= 10 {
                return (century * 100 + n, next)
            }
            return nil
        }
        guard let first = cardinal(j) else { return nil }
        j += 1
        switch first {
        case .unit(2, _):
            // "two thousand [and] [n]"
            skipHyphen()
            guard case let .scale(s, _)? = cardinal(j), s == 1000 else { return nil }
            j += 1
            var k = j
            if case .and? = cardinal(k) { k += 1 }
            if let (n, next) = belowHundred(tokens, at: k, end: end) { return (2000 + n, next) }
            return (2000, j)
        // Any teen starts a century pair; of the tens only "twenty" does (`twenty fifteen`).
        case let .teen(century, _):
            return centuryPair(century)
        case .tens(20, _):
            return centuryPair(20)
        default:
            return nil
        }
    }

    /// Reads a cardinal below one hundred (`seven`, `fifteen`, `seventy eight`, `seventy-eight`).
    static func belowHundred(_ tokens: [ValueLexer.Token], at index: Int, end: Int) -> (Int, Int)? {
        guard index < end, let w = word(tokens[index]) else { return nil }
        switch w {
        case let .unit(n, false), let .teen(n, false):
            return (n, index + 1)
        case let .tens(n, false):
            var j = index + 1
            if j < end, tokens[j].isSymbol("-") { j += 1 }
            if j < end, case let .unit(u, false)? = word(tokens[j]), u >= 1 { return (n + u, j + 1) }
            return (n, index + 1)
        default:
            return nil
        }
    }
}
