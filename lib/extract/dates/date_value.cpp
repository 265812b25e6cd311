#include "extract/dates/date_value.hpp"

#include <charconv>

#include "core/utf8.hpp"

namespace zhmeta::dates {
namespace {

int chinese_digit(char32_t c) {
  switch (c) {
    case U'〇': case U'零': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Days since 1970-01-01 (H. Hinnant's algorithm), for a full valid date.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int &y, int &m, int &d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

}  // namespace

std::optional<int> parse_numeral(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s[0] >= '0' && s[0] <= '9') {
    int v = 0;
    for (char c : s) {
      if (c < '0' || c > '9' || v > 100000) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v;
  }
  // Chinese: positional tens (十, 廿 = 20, 卅 = 30) or a plain digit string.
  int value = 0, pending = -1;
  bool positional = false;
  for (std::size_t pos = 0; pos < s.size();) {
    const utf8::Decoded ch = utf8::decode(s, pos);
    pos += ch.len;
    if (ch.cp == U'十' || ch.cp == U'廿' || ch.cp == U'卅') {
      const int tens = ch.cp == U'十' ? (pending < 0 ? 1 : pending) : ch.cp == U'廿' ? 2 : 3;
      if (ch.cp != U'十' && pending >= 0) return std::nullopt;
      value += tens * 10;
      pending = -1;
      positional = true;
      continue;
    }
    const int digit = chinese_digit(ch.cp);
    if (digit < 0) return std::nullopt;
    if (positional) {
      if (pending >= 0) return std::nullopt;
      pending = digit;
    } else {
      pending = pending < 0 ? digit : pending * 10 + digit;
      if (pending > 100000) return std::nullopt;
    }
  }
  if (pending >= 0) value += pending;
  return value;
}

bool parse_year(std::string_view s, int &year, std::string &mask) {
  year = 0;
  mask.clear();
  if (s.size() == 4 && (s.find('x') != std::string_view::npos || s.find('X') != std::string_view::npos)) {
    for (char c : s) mask += (c == 'x' ? 'X' : c);
    return true;
  }
  const auto v = parse_numeral(s);
  if (!v || *v < 1000 || *v > 2999) return false;
  year = *v;
  return true;
}

namespace {

// `value` (positive) in decimal, zero-padded to `width` digits: what
// snprintf's %0*d writes, without its format parsing (a date per mention).
void append_zero_padded(std::string &out, int value, std::size_t width) {
  char digits[16];
  const char *end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  const auto length = static_cast<std::size_t>(end - digits);
  if (length < width) out.append(width - length, '0');
  out.append(digits, length);
}

}  // namespace

std::string format(const CalendarDate &date) {
  std::string out;
  out.reserve(10);
  if (!date.year_mask.empty())
    out = date.year_mask;
  else if (date.year > 0)
    append_zero_padded(out, date.year, 4);
  else
    out = "XXXX";
  if (date.precision == Precision::year) return out;
  out += '-';
  if (date.month > 0)
    append_zero_padded(out, date.month, 2);
  else
    out += "XX";
  if (date.precision == Precision::month) return out;
  out += '-';
  if (date.day > 0)
    append_zero_padded(out, date.day, 2);
  else
    out += "XX";
  return out;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && year > 0 && is_leap(year) ? 29 : days[month - 1];
}

bool valid_day(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  // With the year unknown, 2月29日 is allowed.
  return day <= (year > 0 ? days_in_month(year, month) : (month == 2 ? 29 : days_in_month(2001, month)));
}

std::optional<CalendarDate> parse_iso(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto y = parse_numeral(s.substr(0, 4)), m = parse_numeral(s.substr(5, 2)),
             d = parse_numeral(s.substr(8, 2));
  if (!y || !m || !d || *y < 1000 || !valid_day(*y, *m, *d)) return std::nullopt;
  CalendarDate out;
  out.year = *y;
  out.month = *m;
  out.day = *d;
  return out;
}

CalendarDate add_days(const CalendarDate &date, int days) {
  CalendarDate out = date;
  if (date.month <= 0 || date.day <= 0) return out;
  // Year unknown: compute in a non-leap year and keep the year unknown.
  const int y = date.year > 0 ? date.year : 2001;
  int ny, nm, nd;
  civil_from_days(days_from_civil(y, date.month, date.day) + days, ny, nm, nd);
  out.year = date.year > 0 ? ny : 0;
  out.month = nm;
  out.day = nd;
  return out;
}

CalendarDate add_months(const CalendarDate &date, int months) {
  CalendarDate out = date;
  if (date.month <= 0) return out;
  int index = date.month - 1 + months;
  int years = index >= 0 ? index / 12 : -((11 - index) / 12);
  index -= years * 12;
  out.month = index + 1;
  if (date.year > 0) out.year = date.year + years;
  return out;
}

int year_for_month_day(const CalendarDate &anchor, int month, int day) {
  if (anchor.year <= 0 || anchor.month <= 0 || anchor.day <= 0) return 0;
  const int safe_day = valid_day(anchor.year, month, day) ? day : 28;
  const long distance = days_from_civil(anchor.year, month, safe_day) -
                        days_from_civil(anchor.year, anchor.month, anchor.day);
  return distance > 183 ? anchor.year - 1 : anchor.year;
}

}  // namespace zhmeta::dates
