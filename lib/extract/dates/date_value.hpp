// Calendar values as SPEC.md writes them ("2018-12-06", "XXXX-03-24",
// "XXXX-XX-26", "2018", "202X"), Chinese numerals, and the day arithmetic that
// resolution needs (proleptic Gregorian, no time zones, no system clock).
#ifndef ZHMETA_EXTRACT_DATES_DATE_VALUE_HPP
#define ZHMETA_EXTRACT_DATES_DATE_VALUE_HPP

#include <optional>
#include <string>
#include <string_view>

namespace zhmeta::dates {

/// How much of a date an expression names: `2015年` is year, `2015年11月`
/// month, `12月6日` / `26日` / `今天` day.
enum class Precision { year, month, day };

/// A possibly partial date; 0 marks an unknown field. `year_mask` holds a
/// template year such as "202X" when the text writes one.
struct CalendarDate {
  int year = 0, month = 0, day = 0;
  std::string year_mask;
  Precision precision = Precision::day;
};

/// Value of an Arabic ("26", "07") or Chinese ("二十六", "廿三", "十二",
/// "二〇一八" digit by digit) numeral; nullopt when it is neither.
std::optional<int> parse_numeral(std::string_view s);

/// A year as written: "2018", "二〇一八", or a placeholder "202x"/"20xx"
/// (returned in `mask`, upper-cased, with `year` 0).
bool parse_year(std::string_view s, int &year, std::string &mask);

/// The SPEC.md value: unknown digits as X, as long as the precision says.
std::string format(const CalendarDate &date);

/// "YYYY-MM-DD" into a full date; nullopt for anything else or an impossible date.
std::optional<CalendarDate> parse_iso(std::string_view s);

bool valid_day(int year, int month, int day);
int days_in_month(int year, int month);

/// Adds `days` to a full date (year may be 0: then a non-leap year is assumed
/// only for the arithmetic, and the result keeps year 0).
CalendarDate add_days(const CalendarDate &date, int days);
/// Adds `months` to year/month (year 0 stays unknown).
CalendarDate add_months(const CalendarDate &date, int months);

/// The year a month/day written without one takes, given the anchor date it is
/// read against (the publication date): the anchor's year, or the year before
/// when that would put the date more than half a year after the anchor
/// (`12月30日` read on 2019-01-02 is 2018-12-30).
int year_for_month_day(const CalendarDate &anchor, int month, int day);

}  // namespace zhmeta::dates

#endif
