import Testing
@testable import AssayKit

/// Unit tests for `DateNormalizer` and `DateValue` beyond the shared vectors.
@Suite("DateNormalizer")
struct DateNormalizerTests {
    let normalizer = DateNormalizer()

    func iso(_ phrase: String) -> String? {
        normalizer.normalize(phrase)?.iso
    }

    /// The phrases the project's rules produce today.
    @Test(arguments: [
        ("2008", "2008"), ("in 2008", "2008"), ("In 2013", "2013"), ("November 2013", "2013-11"),
        ("2021 Oct 29", "2021-10-29"), ("autumn of 2014", "2014-09/2014-11"),
        ("the autumn of 2014", "2014-09/2014-11"), ("since 2013", "2013/.."),
        ("2014/15", "2014-04/2015-03"), ("January 2015", "2015-01"), ("April 2015", "2015-04"),
    ])
    func projectCases(_ phrase: String, _ expected: String) {
        #expect(iso(phrase) == expected)
    }

    @Test(arguments: ["", "  ", "pilots", "hello", "2021(4)", "14", "6300", "May", "from May", "4",
                      "2016-11-05T10:00", "99999999999999999999"])
    func notADate(_ phrase: String) {
        #expect(normalizer.normalize(phrase) == nil)
    }

    @Test(arguments: ["30 February 2016", "29 February 2015", "31 April 2016", "31/04/2016", "29/02/1900",
                      "13/13/2016", "2016-13", "2016-02-30", "Q5 2016", "q0 2016", "2018-2014"])
    func invalidDatesAreNil(_ phrase: String) {
        #expect(normalizer.normalize(phrase) == nil)
    }

    /// Left out on purpose: each has two common readings (see `DateGrammar.seasonSpan` and `yearRef`).
    @Test(arguments: ["winter 2014", "FY 2017", "spring 2014/15"])
    func ambiguousPhrasesAreNil(_ phrase: String) {
        #expect(normalizer.normalize(phrase) == nil)
    }

    @Test(arguments: [
        ("29 February 2016", "2016-02-29"), ("29/02/2000", "2000-02-29"),
        ("AUTUMN   OF 2014", "2014-09/2014-11"), ("2013\u{2013}14", "2013-04/2014-03"),
        ("2013\u{2014}14", "2013-04/2014-03"), ("the 1970\u{2019}s", "1970/1979"), ("1970's", "1970/1979"),
        ("as at 31 March 2016", "2016-03-31"), ("Monday, 1 February 2016", "2016-02-01"),
        ("during 2014", "2014"), ("(2016)", "2016"), ("the 5th of June 2017", "2017-06-05"),
        ("first day of March 2016", "2016-03-01"), ("last day of February 2016", "2016-02-29"),
        ("nineteen seventy eight", "1978"), ("two thousand and eight", "2008"), ("twenty fifteen", "2015"),
    ])
    func singleDates(_ phrase: String, _ expected: String) {
        #expect(iso(phrase) == expected)
    }

    @Test(arguments: [
        ("FY 2017-18", "2017-04/2018-03"), ("FY2017/18", "2017-04/2018-03"), ("FY17/18", "2017-04/2018-03"),
        ("financial year 2016/17", "2016-04/2017-03"), ("the 2015/16 financial year", "2015-04/2016-03"),
        ("2010/11", "2010-04/2011-03"), ("2016/11", "2016-11"), ("2014/10", "2014-10"),
        ("from 2015/16 to 2019/20", "2015-04/2020-03"), ("Q1 2016/17", "2016-04/2016-06"),
        ("Q4 2016/17", "2017-01/2017-03"), ("H2 2016/17", "2016-10/2017-03"),
        ("winter 2013/14", "2013-12/2014-02"), ("summer 2014/15", "2014-06/2014-08"),
    ])
    func financialYears(_ phrase: String, _ expected: String) {
        #expect(iso(phrase) == expected)
    }

    @Test(arguments: [
        ("early 2017", "2017-01/2017-04"), ("mid-2016", "2016-05/2016-08"), ("late 2017", "2017-09/2017-12"),
        ("end-2017", "2017-09/2017-12"), ("the end of March 2018", "2018-03-21/2018-03-31"),
        ("mid-March 2018", "2018-03-11/2018-03-20"), ("early February 2016", "2016-02-01/2016-02-10"),
        ("the first half of 2016", "2016-01/2016-06"), ("first quarter 2016", "2016-01/2016-03"),
    ])
    func periods(_ phrase: String, _ expected: String) {
        #expect(iso(phrase) == expected)
    }

    @Test(arguments: [
        ("by March 2019", "../2019-03"), ("until 2020", "../2020"), ("up to 2015", "../2015"),
        ("by the end of March 2018", "../2018-03-31"), ("no later than 31 March 2017", "../2017-03-31"),
        ("after 31 March 2016", "2016-04-01/.."), ("after December 2016", "2017-01/.."),
        ("before 1 January 2016", "../2015-12-31"), ("prior to 2010", "../2009"),
        ("from 2015", "2015/.."), ("starting 2019", "2019/.."), ("beginning in 2015", "2015/.."),
        ("commencing 1 April 2016", "2016-04-01/.."),
    ])
    func openIntervals(_ phrase: String, _ expected: String) {
        #expect(iso(phrase) == expected)
    }

    @Test(arguments: [
        ("from November to February 2016", "2015-11/2016-02"), ("Jan 2015 - Mar 2016", "2015-01/2016-03"),
        ("2014-10-05 - 2014-10-09", "2014-10-05/2014-10-09"), ("2014/2018", "2014/2018"),
        ("2014-2015", "2014/2015"),
    ])
    func ranges(_ phrase: String, _ expected: String) {
        #expect(iso(phrase) == expected)
    }

    @Test func dateValueParts() {
        let season = DateValue(iso: "2014-09/2014-11")
        #expect(season.start == "2014-09")
        #expect(season.end == "2014-11")
        #expect(season.isInterval)

        let since = DateValue(iso: "2013/..")
        #expect(since.start == "2013")
        #expect(since.end == nil)

        let until = DateValue(iso: "../2014")
        #expect(until.start == nil)
        #expect(until.end == "2014")

        let year = DateValue(iso: "2008")
        #expect(year.start == "2008")
        #expect(year.end == "2008")
        #expect(!year.isInterval)
    }

    /// Odd input must come back nil or a value, never trap.
    @Test(arguments: ["(", ")", "/", "-", "--", "2014-", "-2014", "from", "between", "since", "before",
                      "from to", "2014 to", "to 2014", "Q", "H", "fy", "🙂 2014", "e\u{301} 2014", "\u{0}",
                      "9999-12-31", "after 9999", "before 1000", "0000-01-01"])
    func oddInputDoesNotCrash(_ phrase: String) {
        _ = normalizer.normalize(phrase)
    }
}
