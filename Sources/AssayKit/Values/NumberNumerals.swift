import Foundation

/// Written numerals (`1,674,200.5`, `40 000`, `£3.2bn`, `25th`) and the spoken forms that
/// need a look-ahead of their own (digits after "point", year-style pairs).
extension NumberGrammar {
    /// Reads numbers said in pairs the way years are (`nineteen eighty-four` → 1984,
    /// `twenty twenty` → 2020), which the cardinal grammar would otherwise stop after
    /// the first word. Only 11–20 followed by 10–99 qualifies, so `twenty two` is still 22
    /// and `nineteen hundred` goes through the hundreds rule.
    static func centuryPair(_ tokens: [ValueLexer.Token], at index: Int, first: Int) -> (Int, Int)? {
        guard (11...20).contains(first) else { return nil }
        var k = index + 1
        if k < tokens.count, tokens[k].isSymbol("-") { k += 1 }
        guard k < tokens.count, let word = NumberWords.word(tokens[k]) else { return nil }
        switch word {
        case .teen(_, false), .tens(_, false):
            guard let (tail, next) = NumberWords.belowHundred(tokens, at: k, end: tokens.count) else { return nil }
            // A pair running into an ordinal (`eleven twenty first`) is a list or a rank, not a year.
            if next < tokens.count, case .unit(_, true)? = NumberWords.word(tokens[next]) { return nil }
            return (first * 100 + tail, next)
        default:
            return nil
        }
    }

    /// Reads the digits spoken after "point" (`nought four`, `ninety-nine`, `zero five`).
    static func spokenDecimals(_ tokens: [ValueLexer.Token], at start: Int) -> (Decimal, Int)? {
        let n = tokens.count
        var mantissa: UInt64 = 0
        var count = 0
        var j = start
        func push(_ digit: Int) { mantissa = mantissa * 10 + UInt64(digit); count += 1 }
        digitLoop: while j < n, count < maxDigits - 2 {
            var k = j
            if tokens[k].isSymbol("-") {
                guard k > start, k + 1 < n else { break }
                k += 1
            }
            if tokens[k].isWord("oh") || tokens[k].isWord("o") {
                push(0)
                j = k + 1
                continue
            }
            guard let word = NumberWords.word(tokens[k]) else { break }
            switch word {
            case let .unit(d, false):
                push(d)
                j = k + 1
            case let .teen(v, false):
                push(v / 10)
                push(v % 10)
                j = k + 1
            case let .tens(v, false):
                // "ninety-nine" after "point" is the two digits 99, not 90 then 9.
                push(v / 10)
                var m = k + 1
                if m < n, tokens[m].isSymbol("-") { m += 1 }
                if m < n, case let .unit(u, false)? = NumberWords.word(tokens[m]), u >= 1 {
                    push(u)
                    j = m + 1
                } else {
                    push(0)
                    j = k + 1
                }
            default:
                break digitLoop
            }
        }
        guard count > 0 else { return nil }
        return (Decimal(sign: .plus, exponent: -count, significand: Decimal(mantissa)), j)
    }

    /// How a numeral's glued suffix changes it.
    enum Suffix {
        case ordinal
        case scale(Decimal)
    }

    /// The outcome of reading a written numeral.
    enum Numeral {
        case absent
        case invalid
        /// The value, the index after it, its suffix, and whether it is a whole number below 100
        /// (the only numerals "hundred" may multiply: `5 hundred`).
        case value(Decimal, next: Int, suffix: Suffix?, smallInteger: Bool)
    }

    /// Glued suffixes: `1st`/`25th`, and `100k`, `3M`, `£250m`, `1.2b`, `£3.2bn`.
    static let suffixes: [String: Suffix] = {
        let thousand = Decimal(sign: .plus, exponent: 3, significand: 1)
        let million = Decimal(sign: .plus, exponent: 6, significand: 1)
        let billion = Decimal(sign: .plus, exponent: 9, significand: 1)
        return ["st": .ordinal, "nd": .ordinal, "rd": .ordinal, "th": .ordinal,
                "k": .scale(thousand), "m": .scale(million), "mn": .scale(million),
                "b": .scale(billion), "bn": .scale(billion)]
    }()

    /// Reads digits with `,` or space thousands groups, a `.` fraction and a glued suffix.
    static func numeral(_ tokens: [ValueLexer.Token], at start: Int) -> Numeral {
        let n = tokens.count
        var j = start
        var mantissa: UInt64 = 0
        var significant = 0
        var fractionDigits = 0
        var overflow = false

        func take(_ digits: String, fraction: Bool) {
            for byte in digits.utf8 {
                let d = UInt64(byte &- 48)
                if fraction { fractionDigits += 1 }
                // Leading zeros need no room in the mantissa.
                if mantissa == 0 && d == 0 { continue }
                if significant >= maxDigits { overflow = true; return }
                mantissa = mantissa * 10 + d
                significant += 1
            }
        }
        func isGluedDigits(_ k: Int) -> Bool { k < n && tokens[k].kind == .digits && !tokens[k].spaced }

        let token = tokens[start]
        if token.kind == .digits {
            // Digits glued to a word (`A380`, `Q3`) are part of a name, not a quantity.
            if start > 0, tokens[start - 1].kind == .word, !token.spaced { return .absent }
            take(token.text, fraction: false)
            j += 1
            if token.width <= 3 {
                var grouped = false
                while j + 1 < n, tokens[j].isSymbol(","), !tokens[j].spaced, isGluedDigits(j + 1), tokens[j + 1].width == 3 {
                    take(tokens[j + 1].text, fraction: false)
                    j += 2
                    grouped = true
                }
                if !grouped {
                    while j < n, tokens[j].kind == .digits, tokens[j].spaced, tokens[j].width == 3,
                          !(j + 1 < n && tokens[j + 1].kind == .word && !tokens[j + 1].spaced) {
                        take(tokens[j].text, fraction: false)
                        j += 1
                    }
                }
            }
            if j + 1 < n, tokens[j].isSymbol("."), !tokens[j].spaced, isGluedDigits(j + 1) {
                take(tokens[j + 1].text, fraction: true)
                j += 2
            }
        } else if token.isSymbol("."), isGluedDigits(start + 1), !(start > 0 && tokens[start - 1].kind == .digits && !token.spaced) {
            take(tokens[start + 1].text, fraction: true)
            j += 2
        } else {
            return .absent
        }
        if overflow || fractionDigits > maxDigits { return .invalid }

        // A minus glued to the digits and not itself glued to something before it (`-5`,
        // not the range dash of `3-5`).
        let negative = token.kind == .digits && start > 0 && tokens[start - 1].isSymbol("-") && !token.spaced
            && (start == 1 || tokens[start - 1].spaced) && mantissa != 0
        let value = Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(mantissa))
        var suffix: Suffix? = nil
        if j < n, tokens[j].kind == .word, !tokens[j].spaced, let s = suffixes[tokens[j].text] {
            if case .ordinal = s, fractionDigits > 0 || negative { return .value(value, next: j, suffix: nil, smallInteger: false) }
            suffix = s
            j += 1
        }
        let smallInteger = fractionDigits == 0 && mantissa < 100 && !negative
        return .value(value, next: j, suffix: suffix, smallInteger: smallInteger)
    }
}
