/// Reads English date phrases into ISO 8601 dates, months, years and intervals.
///
/// Follows the vectors' README conventions: UK day-first numeric dates, UK financial
/// years (April to March), meteorological seasons, early/mid/late as thirds, inclusive
/// interval ends, and `..` for open ends ("since 2013" → `2013/..`).
public struct DateNormalizer: Sendable {
    public init() {}

    /// Reads one date phrase ("November 2013", "2021 Oct 29", "autumn of 2014",
    /// "since 2013", "2014/15", "in 2008").
    ///
    /// Returns nil when the phrase is not a date, names an impossible one (30 February,
    /// month 13), or is ambiguous under the conventions ("winter 2014", "FY 2017").
    public func normalize(_ phrase: String) -> DateValue? {
        let tokens = Self.prepare(ValueLexer.tokenize(phrase))
        guard !tokens.isEmpty else { return nil }
        return DateGrammar(tokens: tokens).phrase()?.value
    }

    /// Weekday names are dropped wherever they appear ("Friday 2018-7-6"): they add nothing to
    /// the date, and they are not checked against it.
    static let weekdays: Set<String> = [
        "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur", "thurs",
        "friday", "fri", "saturday", "sat", "sunday", "sun",
    ]

    /// Words before a date that do not change it ("in 2008", "during 2014", "as at 31 March 2016").
    static let leadingFillers: Set<String> = ["in", "on", "during", "at", "for", "within", "throughout"]

    /// Removes what never changes a date's value, so the grammar has fewer shapes to know:
    /// commas, "the", "of", weekday names, "(calendar) year" before a year, and leading
    /// fillers. "financial year" and "fiscal year" become the single marker word `fy`.
    static func prepare(_ raw: [ValueLexer.Token]) -> [ValueLexer.Token] {
        var out: [ValueLexer.Token] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let token = raw[i]
            let next = i + 1 < raw.count ? raw[i + 1] : nil
            if token.isSymbol(",") { i += 1; continue }
            if token.kind == .word {
                let w = token.text
                if w == "the" || w == "of" || weekdays.contains(w) { i += 1; continue }
                if (w == "financial" || w == "fiscal"), let next, next.isWord("year") || next.isWord("yr") {
                    out.append(ValueLexer.Token(kind: .word, text: "fy", spaced: token.spaced))
                    i += 2
                    continue
                }
                if w == "calendar", let next, next.isWord("year") { i += 1; continue }
                if w == "year", let next, next.kind == .digits || NumberWords.word(next) != nil { i += 1; continue }
            }
            out.append(token)
            i += 1
        }

        var start = 0
        var end = out.count
        var changed = true
        while changed && start < end {
            changed = false
            if out[start].kind == .word, leadingFillers.contains(out[start].text) {
                start += 1
                changed = true
            } else if out[start].isWord("as"), start + 1 < end,
                      out[start + 1].isWord("at") || out[start + 1].isWord("of") || out[start + 1].isWord("on") {
                start += 2
                changed = true
            } else if out[end - 1].isSymbol(".") {
                end -= 1
                changed = true
            } else if end - start >= 2, out[start].isSymbol("("), out[end - 1].isSymbol(")") {
                start += 1
                end -= 1
                changed = true
            }
        }
        return start < end ? Array(out[start..<end]) : []
    }
}

extension DateGrammar {
    /// Which words may join the two ends of a range.
    private enum Connectors {
        /// `2014 to 2018`, `from May to Oct 2020`, `Jan-Feb 2017`.
        case plain
        /// `between 2007 and 2009`, `between 4-22 January 1995`.
        case between

        var words: Set<String> {
            switch self {
            case .plain: return ["to", "till", "until", "through", "thru"]
            case .between: return ["and", "to"]
            }
        }
    }

    /// The whole phrase: an open-interval prefix, a range, or a single expression.
    func phrase() -> DateSpan? {
        let e = tokens.count
        guard let first = tokens.first, first.kind == .word else {
            return expression(0, e) ?? range(0, e, .plain)
        }
        func next(_ k: Int) -> String? { k < e && tokens[k].kind == .word ? tokens[k].text : nil }
        switch first.text {
        case "since":
            return openStart(1)
        case "from":
            return range(1, e, .plain) ?? openStart(1)
        case "between":
            return range(1, e, .between)
        case "starting", "commencing", "beginning":
            // "beginning of 2000" is the first third of 2000; only "beginning on/in/from" opens an interval.
            if let w = next(1), ["on", "in", "from", "at"].contains(w) { return openStart(2) }
            if first.text != "beginning" { return openStart(1) }
        case "after":
            return inner(1).flatMap { $0.end?.next }.map { DateSpan(start: $0, end: nil) }
        case "before":
            return before(1)
        case "prior":
            return next(1) == "to" ? before(2) : nil
        case "by", "until", "till", "til":
            return openEnd(1)
        case "up":
            return next(1) == "to" || next(1) == "until" ? openEnd(2) : nil
        case "no", "not":
            return next(1) == "later" && next(2) == "than" ? openEnd(3) : nil
        default:
            break
        }
        return expression(0, e) ?? range(0, e, .plain)
    }

    /// The value after a prefix: one expression or a range.
    private func inner(_ i: Int) -> DateSpan? {
        expression(i, tokens.count) ?? range(i, tokens.count, .plain)
    }

    /// "since X", "from X", "starting on X" → `X/..`.
    private func openStart(_ i: Int) -> DateSpan? {
        inner(i).flatMap { $0.start }.map { DateSpan(start: $0, end: nil) }
    }

    /// "before X" ends with the unit before X starts ("before 2015" → `../2014`).
    private func before(_ i: Int) -> DateSpan? {
        inner(i).flatMap { $0.start?.previous }.map { DateSpan(start: nil, end: $0) }
    }

    /// "by X", "until X" → `../X`, keeping X's end ("by the end of March 2018" → `../2018-03-31`).
    private func openEnd(_ i: Int) -> DateSpan? {
        inner(i).flatMap { $0.end }.map { DateSpan(start: nil, end: $0) }
    }

    /// A range `A <connector> B`: tries each connector, spaced ones and words first so
    /// the hyphens inside `2014-10-05 - 2014-10-09` are not split before the spaced one.
    private func range(_ i: Int, _ e: Int, _ connectors: Connectors) -> DateSpan? {
        guard e - i >= 3 else { return nil }
        let words = connectors.words
        var strong: [Int] = []
        var weak: [Int] = []
        for k in (i + 1)..<(e - 1) {
            let token = tokens[k]
            if token.kind == .word, words.contains(token.text) {
                strong.append(k)
            } else if token.isSymbol("-") {
                if token.spaced || (k + 1 < e && tokens[k + 1].spaced) { strong.append(k) } else { weak.append(k) }
            }
        }
        for k in strong + weak {
            guard let right = expression(k + 1, e), let left = side(i, k) else { continue }
            if let joined = join(left, right) { return joined }
        }
        return nil
    }

    /// Joins two range ends, lending the right end's year (and month) to a partial left end
    /// (`Nov 18-Dec 19, 2015`, `from 4 to 22 January 1995`).
    private func join(_ left: Piece, _ right: DateSpan) -> DateSpan? {
        guard let rightStart = right.start, let rightEnd = right.end else { return nil }
        let start: CalendarPoint
        switch left {
        case let .span(span):
            guard let s = span.start, span.end != nil else { return nil }
            start = s
        case let .partial(month, day):
            // A bare day borrows the month too, which only a day-precision right end has.
            if month == nil, rightStart.day == nil { return nil }
            guard let m = month ?? rightStart.month,
                  var point = CalendarPoint(year: rightStart.year, month: m, day: day) else { return nil }
            // "from November to February 2016" starts in the year before.
            if month != nil, CalendarPoint.compare(point, rightStart) > 0 {
                guard let earlier = CalendarPoint(year: point.year - 1, month: m, day: day) else { return nil }
                point = earlier
            }
            start = point
        }
        guard CalendarPoint.compare(start, rightEnd) <= 0 else { return nil }
        return DateSpan(start: start, end: rightEnd)
    }
}
