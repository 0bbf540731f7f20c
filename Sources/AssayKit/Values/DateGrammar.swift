/// The single-expression date grammar behind `DateNormalizer`: one date, month, year or
/// named period, with no open-interval prefix and no range connector.
///
/// Every pattern must consume the whole token slice it is given, so a pattern that
/// matches only a prefix never wins; the caller splits ranges and strips prefixes first.
struct DateGrammar {
    typealias Token = ValueLexer.Token

    /// The prepared tokens of one phrase (see `DateNormalizer.prepare`).
    let tokens: [Token]

    /// A parsed side of a range: complete, or a month and/or day still waiting for a year
    /// from the other side (`from May to Oct 2020`, `4-22 January 1995`).
    enum Piece: Equatable {
        case span(DateSpan)
        case partial(month: Int?, day: Int?)
    }

    /// A year as a period: a calendar year, or a UK financial year (April to March) named by its first year.
    enum YearRef: Equatable {
        case calendar(Int)
        case fiscal(Int)

        /// The first month of the year it names.
        var origin: (year: Int, month: Int) {
            switch self {
            case let .calendar(y): return (y, 1)
            case let .fiscal(y): return (y, 4)
            }
        }
    }

    /// Four-digit numbers outside this range are quantities (`6300`), not years.
    static let yearRange = 1000...2999

    /// Two-digit years below this are 20xx, the rest 19xx; the vectors only need 17…70.
    static let twoDigitPivot = 50

    /// Month names and the abbreviations documents use (`Sept` as well as `Sep`).
    static let monthNames: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    ]

    /// Meteorological seasons by first month; winter starts in December of the year before it ends.
    static let seasons: [String: Int] = ["spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12]

    /// Early / mid / late as the index of the third they select.
    static let thirds: [String: Int] = [
        "early": 0, "beginning": 0, "start": 0,
        "mid": 1, "middle": 1,
        "late": 2, "end": 2,
    ]

    /// Suffixes of written ordinals (`3rd`), which a day or quarter number may carry.
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    // MARK: Entry points

    /// A complete value for `tokens[i..<e]`, or nil.
    func expression(_ i: Int, _ e: Int) -> DateSpan? {
        if case let .span(span)? = side(i, e) { return span }
        return nil
    }

    /// A complete or partial value for `tokens[i..<e]`, or nil.
    func side(_ i: Int, _ e: Int) -> Piece? {
        guard i < e else { return nil }
        if let span = numeric(i, e) { return .span(span) }
        if let piece = named(i, e) { return piece }
        if let span = period(i, e) { return .span(span) }
        return nil
    }

    // MARK: Elements

    private func word(_ i: Int, _ e: Int) -> String? {
        i < e && tokens[i].kind == .word ? tokens[i].text : nil
    }

    private func isSymbol(_ i: Int, _ e: Int, _ symbols: String) -> Bool {
        i < e && tokens[i].kind == .symbol && symbols.contains(tokens[i].text)
    }

    /// Skips one optional separator from `symbols`.
    private func skip(_ i: Int, _ e: Int, _ symbols: String) -> Int {
        isSymbol(i, e, symbols) ? i + 1 : i
    }

    /// A month name or abbreviation, with an optional abbreviation dot (`Oct.`).
    private func monthName(_ i: Int, _ e: Int) -> (Int, Int)? {
        guard let w = word(i, e), let m = Self.monthNames[w] else { return nil }
        return (m, skip(i + 1, e, "."))
    }

    /// A four-digit year in range, or a spoken one (`nineteen seventy eight`).
    private func year(_ i: Int, _ e: Int) -> (Int, Int)? {
        guard i < e else { return nil }
        if tokens[i].kind == .digits {
            guard tokens[i].width == 4, let y = tokens[i].smallInt, Self.yearRange.contains(y) else { return nil }
            return (y, i + 1)
        }
        return NumberWords.spokenYear(tokens, at: i, end: e)
    }

    /// A two-digit year, read with the pivot.
    private func shortYear(_ i: Int, _ e: Int) -> (Int, Int)? {
        guard i < e, tokens[i].kind == .digits, tokens[i].width == 2, let y = tokens[i].smallInt else { return nil }
        return (Self.expand(y), i + 1)
    }

    /// The four-digit year a two-digit one stands for (`16` → 2016, `74` → 1974).
    static func expand(_ twoDigits: Int) -> Int {
        twoDigits < twoDigitPivot ? 2000 + twoDigits : 1900 + twoDigits
    }

    /// A day of the month: `3`, `03`, `3rd`, `16.`, or a spoken ordinal (`twenty second`).
    private func day(_ i: Int, _ e: Int) -> (Int, Int)? {
        guard i < e else { return nil }
        if tokens[i].kind == .digits {
            guard tokens[i].width <= 2, let d = tokens[i].smallInt, (1...31).contains(d) else { return nil }
            var j = i + 1
            if j < e, tokens[j].kind == .word, !tokens[j].spaced, Self.ordinalSuffixes.contains(tokens[j].text) { j += 1 }
            return (d, skip(j, e, "."))
        }
        return NumberWords.dayOrdinal(tokens, at: i, end: e)
    }

    /// A small ordinal (`1st`, `third`) for quarters and halves.
    private func smallOrdinal(_ i: Int, _ e: Int) -> (Int, Int)? {
        guard i < e else { return nil }
        if tokens[i].kind == .digits {
            guard tokens[i].width == 1, let n = tokens[i].smallInt, i + 1 < e,
                  tokens[i + 1].kind == .word, !tokens[i + 1].spaced,
                  Self.ordinalSuffixes.contains(tokens[i + 1].text) else { return nil }
            return (n, i + 2)
        }
        if case let .unit(n, true)? = NumberWords.word(tokens[i]) { return (n, i + 1) }
        return nil
    }

    /// `Q3`, `q1`, `third quarter`, `4th qtr`.
    private func quarter(_ i: Int, _ e: Int) -> (Int, Int)? {
        if word(i, e) == "q", i + 1 < e, tokens[i + 1].kind == .digits, !tokens[i + 1].spaced,
           let n = tokens[i + 1].smallInt, (1...4).contains(n) {
            return (n, i + 2)
        }
        if let (n, j) = smallOrdinal(i, e), (1...4).contains(n), let w = word(j, e), w == "quarter" || w == "qtr" {
            return (n, skip(j + 1, e, "."))
        }
        return nil
    }

    /// `H1`, `h2`, `first half`, `2nd half`.
    private func half(_ i: Int, _ e: Int) -> (Int, Int)? {
        if word(i, e) == "h", i + 1 < e, tokens[i + 1].kind == .digits, !tokens[i + 1].spaced,
           let n = tokens[i + 1].smallInt, (1...2).contains(n) {
            return (n, i + 2)
        }
        if let (n, j) = smallOrdinal(i, e), (1...2).contains(n), word(j, e) == "half" {
            return (n, j + 1)
        }
        return nil
    }

    /// A calendar year (`2014`) or a financial year (`2014/15`, `2013–14`, `FY 2017-18`,
    /// `2015/16 financial year`, `FY17/18`).
    ///
    /// A lone year marked as financial (`FY 2017`) is nil: UK usage differs on whether it
    /// names the year starting or ending then.
    private func yearRef(_ i: Int, _ e: Int) -> (YearRef, Int)? {
        var j = i
        let leadingMarker = word(j, e) == "fy"
        if leadingMarker { j += 1 }
        if j + 2 < e, tokens[j].kind == .digits, isSymbol(j + 1, e, "/-"), tokens[j + 2].kind == .digits,
           let a = tokens[j].smallInt, let b = tokens[j + 2].smallInt {
            let wa = tokens[j].width, wb = tokens[j + 2].width
            var first: Int? = nil
            if wa == 4, wb == 2, b == (a + 1) % 100 {
                first = a
            } else if leadingMarker || word(j + 3, e) == "fy" {
                if wa == 4, wb == 4, b == a + 1 { first = a }
                if wa == 2, wb == 2, b == (a + 1) % 100 { first = Self.expand(a) }
            }
            if let first, Self.yearRange.contains(first) {
                var k = j + 3
                if !leadingMarker, word(k, e) == "fy" { k += 1 }
                return (.fiscal(first), k)
            }
        }
        if leadingMarker { return nil }
        guard let (y, k) = year(j, e) else { return nil }
        if word(k, e) == "fy" { return nil }
        return (.calendar(y), k)
    }

    // MARK: Patterns

    /// All-digit forms: `21/04/2016`, `2015-3-3`, `13.5.2015`, `3/2015`, `2016-11`, `2014/15`, `2014/2018`.
    private func numeric(_ i: Int, _ e: Int) -> DateSpan? {
        let count = e - i
        guard count == 3 || count == 5, tokens[i].kind == .digits, tokens[i + 2].kind == .digits,
              tokens[i + 1].kind == .symbol else { return nil }
        let separator = tokens[i + 1].text
        let a = tokens[i], b = tokens[i + 2]
        guard let av = a.smallInt, let bv = b.smallInt else { return nil }
        if count == 5 {
            guard "/-.".contains(separator), tokens[i + 3].isSymbol(separator), tokens[i + 4].kind == .digits,
                  let cv = tokens[i + 4].smallInt, b.width <= 2 else { return nil }
            let c = tokens[i + 4]
            if a.width == 4, c.width <= 2, Self.yearRange.contains(av) {
                return CalendarPoint(year: av, month: bv, day: cv).map(DateSpan.init)
            }
            if a.width <= 2, c.width == 4 || c.width == 2 {
                let y = c.width == 2 ? Self.expand(cv) : cv
                guard Self.yearRange.contains(y) else { return nil }
                return CalendarPoint(year: y, month: bv, day: av).map(DateSpan.init)
            }
            return nil
        }
        guard separator == "/" || separator == "-" else { return nil }
        if a.width == 4, Self.yearRange.contains(av) {
            switch b.width {
            case 2 where bv == (av + 1) % 100:
                return DateSpan.months(from: av, 4, offset: 0, count: 12)
            case 1, 2:
                return CalendarPoint(year: av, month: bv).map(DateSpan.init)
            case 4 where separator == "/" && bv > av && Self.yearRange.contains(bv):
                // `2014/2018` is already ISO interval notation.
                guard let s = CalendarPoint(year: av), let t = CalendarPoint(year: bv) else { return nil }
                return DateSpan(start: s, end: t)
            default:
                return nil
            }
        }
        if a.width <= 2, b.width == 4, Self.yearRange.contains(bv) {
            return CalendarPoint(year: bv, month: av).map(DateSpan.init)
        }
        return nil
    }

    /// Forms with a month name, day-first, month-first or year-first; may be partial.
    private func named(_ i: Int, _ e: Int) -> Piece? {
        // Month first: `November 2013`, `Dec-2018`, `June in 2017`, `January 12 2016`, `May`, `Nov 18`.
        if let (m, j) = monthName(i, e) {
            if j == e { return .partial(month: m, day: nil) }
            var k = skip(j, e, "-/")
            if word(k, e) == "in" { k += 1 }
            if let (y, next) = year(k, e), next == e {
                return CalendarPoint(year: y, month: m).map { .span(DateSpan($0)) }
            }
            if let (d, k) = day(j, e) {
                if k == e { return .partial(month: m, day: d) }
                if let (y, next) = year(k, e), next == e {
                    return CalendarPoint(year: y, month: m, day: d).map { .span(DateSpan($0)) }
                }
            }
            return nil
        }
        // Year first: `2016 November`, `2021 Oct 29`, `2021-Oct-29`.
        if i < e, tokens[i].kind == .digits, let (y, j) = year(i, e),
           let (m, k) = monthName(skip(j, e, "-/"), e) {
            if k == e { return CalendarPoint(year: y, month: m).map { .span(DateSpan($0)) } }
            if let (d, next) = day(skip(k, e, "-/"), e), next == e {
                return CalendarPoint(year: y, month: m, day: d).map { .span(DateSpan($0)) }
            }
            return nil
        }
        // `first day of October 2015`, `last day of February 2016`.
        if let w = word(i, e), w == "first" || w == "last", word(i + 1, e) == "day",
           let (m, k) = monthName(i + 2, e) {
            var yk = skip(k, e, "-/")
            if word(yk, e) == "in" { yk += 1 }
            guard let (y, next) = year(yk, e), next == e else { return nil }
            let d = w == "first" ? 1 : CalendarPoint.daysIn(month: m, year: y)
            return CalendarPoint(year: y, month: m, day: d).map { .span(DateSpan($0)) }
        }
        // Day first: `15 June 2016`, `16. Nov. 2016`, `05-Aug-2016`, `14th April 15`, `4`, `18 Nov`.
        if let (d, j) = day(i, e) {
            if j == e { return .partial(month: nil, day: d) }
            guard let (m, k) = monthName(skip(j, e, "-/."), e) else { return nil }
            if k == e { return .partial(month: m, day: d) }
            let yk = skip(k, e, "-/")
            if let (y, next) = year(yk, e) ?? shortYear(yk, e), next == e {
                return CalendarPoint(year: y, month: m, day: d).map { .span(DateSpan($0)) }
            }
            return nil
        }
        return nil
    }

    /// Named periods: years, financial years, decades, quarters, halves, seasons, and
    /// early/mid/late thirds of a year or month.
    private func period(_ i: Int, _ e: Int) -> DateSpan? {
        if let (ref, j) = yearRef(i, e) {
            if j == e { return span(of: ref) }
            let k = skip(j, e, "-")
            if let (q, next) = quarter(k, e), next == e { return quarterSpan(q, ref) }
            if let (h, next) = half(k, e), next == e { return halfSpan(h, ref) }
            if let w = word(j, e), let s = Self.seasons[w], j + 1 == e { return seasonSpan(s, ref) }
        }
        if let decade = decade(i, e) { return decade }
        if let (q, j) = quarter(i, e), let (ref, next) = yearRef(j, e), next == e { return quarterSpan(q, ref) }
        if let (h, j) = half(i, e), let (ref, next) = yearRef(j, e), next == e { return halfSpan(h, ref) }
        if let w = word(i, e), let s = Self.seasons[w], let (ref, next) = yearRef(i + 1, e), next == e {
            return seasonSpan(s, ref)
        }
        if let w = word(i, e), let third = Self.thirds[w] {
            let j = skip(i + 1, e, "-")
            if let (ref, next) = yearRef(j, e), next == e {
                let origin = ref.origin
                return DateSpan.months(from: origin.year, origin.month, offset: 4 * third, count: 4)
            }
            if let (m, k) = monthName(j, e) {
                var yk = skip(k, e, "-/")
                if word(yk, e) == "in" { yk += 1 }
                guard let (y, next) = year(yk, e), next == e else { return nil }
                let last = CalendarPoint.daysIn(month: m, year: y)
                let bounds = [(1, 10), (11, 20), (21, last)][third]
                guard let s = CalendarPoint(year: y, month: m, day: bounds.0),
                      let t = CalendarPoint(year: y, month: m, day: bounds.1) else { return nil }
                return DateSpan(start: s, end: t)
            }
        }
        return nil
    }

    /// `1970s`, `1970's`.
    private func decade(_ i: Int, _ e: Int) -> DateSpan? {
        guard i < e, tokens[i].kind == .digits, tokens[i].width == 4, let y = tokens[i].smallInt,
              y % 10 == 0, Self.yearRange.contains(y) else { return nil }
        var j = i + 1
        if isSymbol(j, e, "'") { j += 1 }
        guard word(j, e) == "s", j + 1 == e, !tokens[j].spaced,
              let s = CalendarPoint(year: y), let t = CalendarPoint(year: y + 9) else { return nil }
        return DateSpan(start: s, end: t)
    }

    /// A calendar year as itself; a financial year as April to March.
    private func span(of ref: YearRef) -> DateSpan? {
        switch ref {
        case let .calendar(y): return CalendarPoint(year: y).map(DateSpan.init)
        case let .fiscal(y): return DateSpan.months(from: y, 4, offset: 0, count: 12)
        }
    }

    /// Calendar quarters run from January; financial-year quarters from April (Q1 = Apr–Jun).
    private func quarterSpan(_ q: Int, _ ref: YearRef) -> DateSpan? {
        let origin = ref.origin
        return DateSpan.months(from: origin.year, origin.month, offset: 3 * (q - 1), count: 3)
    }

    /// H1 and H2: Jan–Jun and Jul–Dec, or Apr–Sep and Oct–Mar of a financial year.
    private func halfSpan(_ h: Int, _ ref: YearRef) -> DateSpan? {
        let origin = ref.origin
        return DateSpan.months(from: origin.year, origin.month, offset: 6 * (h - 1), count: 6)
    }

    /// Meteorological seasons. "Winter 2014" alone is nil on purpose: it may mean the winter
    /// ending in 2014 (Met Office usage) or the one starting then. `winter 2013/14` is clear.
    /// Spring of a financial year straddles its start (March vs April–May), so it is nil too.
    private func seasonSpan(_ firstMonth: Int, _ ref: YearRef) -> DateSpan? {
        switch ref {
        case let .calendar(y):
            return firstMonth == 12 ? nil : DateSpan.months(from: y, firstMonth, offset: 0, count: 3)
        case let .fiscal(y):
            return firstMonth == 3 ? nil : DateSpan.months(from: y, firstMonth, offset: 0, count: 3)
        }
    }
}
