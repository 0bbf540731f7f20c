/// An ISO 8601 date, month, year, or interval (inclusive ends, `..` for open ends), as the
/// vectors' `expected` column writes it.
///
/// Examples: `2013`, `2013-11`, `2021-10-29`, `2014-09/2014-11`, `2013/..`, `../2014`.
/// The text is the value: two `DateValue`s are equal when their `iso` strings are.
public struct DateValue: Hashable, Sendable, CustomStringConvertible {
    /// The ISO 8601 / EDTF text.
    public var iso: String

    /// Wraps ISO text as it stands; no validation, so callers can carry values from elsewhere.
    public init(iso: String) {
        self.iso = iso
    }

    /// The first part (`2014-09` of `2014-09/2014-11`); nil for an open start (`../2014`).
    public var start: String? {
        let part = iso.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        return part == ".." ? nil : part
    }

    /// The last part (`2014-11` of `2014-09/2014-11`); nil for an open end (`2013/..`),
    /// and equal to `iso` for a non-interval.
    public var end: String? {
        let part = iso.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init)
        return part == ".." ? nil : part
    }

    /// True when the value is an interval (`start/end`, either end possibly open).
    public var isInterval: Bool { iso.contains("/") }

    public var description: String { iso }
}

/// A calendar year, month or day, keeping the precision it was written with.
struct CalendarPoint: Equatable, Sendable {
    var year: Int
    var month: Int?
    var day: Int?

    /// Years outside this range are not document dates, and ISO needs four digits.
    static let years = 1...9999

    /// Makes a point if the fields form a real date (no 30 February, no month 13).
    init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard Self.years.contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The month `offset` months after `year`-`month` (offset may be negative).
    static func shiftedMonth(_ year: Int, _ month: Int, by offset: Int) -> CalendarPoint? {
        let index = year * 12 + (month - 1) + offset
        return CalendarPoint(year: index / 12, month: index % 12 + 1)
    }

    /// The unit after this one at the same precision ("after 2016" starts in 2017).
    var next: CalendarPoint? {
        guard let month else { return CalendarPoint(year: year + 1) }
        guard let day else { return Self.shiftedMonth(year, month, by: 1) }
        if day < Self.daysIn(month: month, year: year) { return CalendarPoint(year: year, month: month, day: day + 1) }
        guard let first = Self.shiftedMonth(year, month, by: 1) else { return nil }
        return CalendarPoint(year: first.year, month: first.month, day: 1)
    }

    /// The unit before this one at the same precision ("before 2015" ends in 2014).
    var previous: CalendarPoint? {
        guard let month else { return CalendarPoint(year: year - 1) }
        guard let day else { return Self.shiftedMonth(year, month, by: -1) }
        if day > 1 { return CalendarPoint(year: year, month: month, day: day - 1) }
        guard let last = Self.shiftedMonth(year, month, by: -1), let lastMonth = last.month else { return nil }
        return CalendarPoint(year: last.year, month: lastMonth, day: Self.daysIn(month: lastMonth, year: last.year))
    }

    /// Orders two points on the fields both have, so `2014` and `2014-03` compare equal.
    static func compare(_ a: CalendarPoint, _ b: CalendarPoint) -> Int {
        if a.year != b.year { return a.year < b.year ? -1 : 1 }
        guard let am = a.month, let bm = b.month else { return 0 }
        if am != bm { return am < bm ? -1 : 1 }
        guard let ad = a.day, let bd = b.day else { return 0 }
        return ad == bd ? 0 : (ad < bd ? -1 : 1)
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    var iso: String {
        var text = Self.pad(year, 4)
        if let month {
            text += "-" + Self.pad(month, 2)
            if let day { text += "-" + Self.pad(day, 2) }
        }
        return text
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A closed or half-open span of calendar points; a nil end is open (`..`).
struct DateSpan: Equatable, Sendable {
    var start: CalendarPoint?
    var end: CalendarPoint?

    /// A single point, written without a slash.
    init(_ point: CalendarPoint) {
        start = point
        end = point
    }

    init(start: CalendarPoint?, end: CalendarPoint?) {
        self.start = start
        self.end = end
    }

    /// The months `offset ..< offset + count` counted from `year`-`month`, e.g. a quarter.
    static func months(from year: Int, _ month: Int, offset: Int, count: Int) -> DateSpan? {
        guard let first = CalendarPoint.shiftedMonth(year, month, by: offset),
              let last = CalendarPoint.shiftedMonth(year, month, by: offset + count - 1) else { return nil }
        return DateSpan(start: first, end: last)
    }

    /// The public value; nil when both ends are open.
    var value: DateValue? {
        switch (start, end) {
        case (nil, nil):
            return nil
        case let (s?, e?) where s == e:
            return DateValue(iso: s.iso)
        default:
            return DateValue(iso: (start?.iso ?? "..") + "/" + (end?.iso ?? ".."))
        }
    }
}
