// zhmeta/1 JSON (SPEC.md). nlohmann/json stays inside this file.
#include <nlohmann/json.hpp>

#include "zhmeta/zhmeta.hpp"

namespace zhmeta {
namespace {

using json = nlohmann::ordered_json;

json span(const Span &s) { return json::array({s.begin, s.end}); }

json spans(const std::vector<Span> &list) {
  json out = json::array();
  for (const auto &s : list) out.push_back(span(s));
  return out;
}

json optional(const std::optional<std::string> &v) { return v ? json(*v) : json(nullptr); }

json strings(const std::vector<std::string> &list) {
  json out = json::array();
  for (const auto &s : list) out.push_back(s);
  return out;
}

}  // namespace

std::string to_json(const Record &r, bool pretty) {
  json out;
  out["schema"] = kSchema;
  out["id"] = r.id;
  json sources = json::array();
  for (const auto &s : r.publication.sources) sources.push_back({{"name", s.name}, {"span", span(s.span)}});
  out["publication"] = {{"date", optional(r.publication.date)},
                        {"datetime", optional(r.publication.datetime)},
                        {"sources", sources}};
  out["event"] = {{"date", optional(r.event.date)}, {"meeting", optional(r.event.meeting)}};
  json &dates = out["dates"] = json::array();
  for (const auto &d : r.dates) dates.push_back({{"text", d.text}, {"value", d.value}, {"span", span(d.span)}});
  json &bylines = out["bylines"] = json::array();
  for (const auto &b : r.bylines) bylines.push_back({{"role", b.role}, {"name", b.name}, {"span", span(b.span)}});
  json &persons = out["persons"] = json::array();
  for (const auto &p : r.persons)
    persons.push_back({{"name", p.name}, {"titles", strings(p.titles)}, {"mentions", spans(p.mentions)}});
  json &speakers = out["speakers"] = json::array();
  for (const auto &s : r.speakers) {
    json statements = json::array();
    for (const auto &st : s.statements) statements.push_back({{"verb", st.verb}, {"span", span(st.span)}});
    speakers.push_back({{"name", optional(s.name)}, {"titles", strings(s.titles)}, {"statements", statements}});
  }
  json &orgs = out["organizations"] = json::array();
  for (const auto &o : r.organizations)
    orgs.push_back({{"name", o.name}, {"type", o.type}, {"mentions", spans(o.mentions)}});
  json &meetings = out["meetings"] = json::array();
  for (const auto &m : r.meetings)
    meetings.push_back({{"name", m.name},
                        {"date", optional(m.date)},
                        {"chairs", strings(m.chairs)},
                        {"attendees", strings(m.attendees)},
                        {"mentions", spans(m.mentions)}});
  out["warnings"] = strings(r.warnings);
  // Strings are valid UTF-8 by construction (normalization replaced bad bytes);
  // `replace` is a last guard so serialization can never throw.
  return out.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace zhmeta
