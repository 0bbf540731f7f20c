/// The earliest and latest day an ISO 8601 date value can mean, as sortable text, so dates of different precision
/// compare: `2013` runs from 2013-00-00 to 2013-99-99, `2013-11` from 2013-11-00 to 2013-11-99, `2013/..` has no end.
///
/// The filler digits only need to sort below or above every real month and day, so no calendar is needed.
struct DateBounds: Sendable, Hashable {
    var earliest: String
    var latest: String

    /// Nil unless `iso` is `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or an interval of those with `..` for an open end.
    init?(_ iso: String) {
        let parts = iso.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, parts.count == 2 || parts[0] != ".." else { return nil }
        let first = parts[0], last = parts[parts.count - 1]
        if first == ".." {
            earliest = ""
        } else {
            guard Self.isDate(first) else { return nil }
            earliest = first + String("-00-00".suffix(10 - first.count))
        }
        if last == ".." {
            latest = "~"
        } else {
            guard Self.isDate(last) else { return nil }
            latest = last + String("-99-99".suffix(10 - last.count))
        }
        guard earliest <= latest else { return nil }
    }

    /// Whether this date certainly ends before `other` begins.
    func isBefore(_ other: DateBounds) -> Bool {
        latest < other.earliest
    }

    private static func isDate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard [4, 7, 10].contains(scalars.count) else { return false }
        return scalars.enumerated().allSatisfy { index, scalar in
            index == 4 || index == 7 ? scalar == "-" : ("0"..."9").contains(scalar)
        }
    }
}
