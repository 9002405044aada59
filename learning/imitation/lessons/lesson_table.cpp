#include "learning/imitation/lessons/lesson_table.h"

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace learning::imitation {

namespace {

std::string Fixed(double v, int digits) {
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string CellText(const LessonCell& c) {
  std::string s = Fixed(c.value, c.digits);
  if (c.interval && std::isfinite(c.low) && std::isfinite(c.high))
    s += " [" + Fixed(c.low, c.digits) + ", " + Fixed(c.high, c.digits) + "]";
  return s;
}

double JsonNumber(double v) { return std::isfinite(v) ? v : 0.0; }

}  // namespace

LessonRow& LessonRow::Rate(const std::string& metric, const RateEstimate& r) {
  cells.emplace_back(metric, LessonCell{r.rate, r.low, r.high, true, 3});
  return *this;
}

LessonRow& LessonRow::Mean(const std::string& metric, const MeanEstimate& m, int digits) {
  cells.emplace_back(metric, LessonCell{m.mean, m.low, m.high, m.count >= 2, digits});
  return *this;
}

LessonRow& LessonRow::Value(const std::string& metric, double value, int digits) {
  cells.emplace_back(metric, LessonCell{value, value, value, false, digits});
  return *this;
}

const LessonCell& LessonRow::Get(const std::string& metric) const {
  for (const auto& [name, cell] : cells)
    if (name == metric) return cell;
  throw core::Error("lesson row \"" + method + "\" has no metric \"" + metric + "\"");
}

LessonRow& LessonTable::AddRow(const std::string& method) {
  rows.push_back(LessonRow{method, {}});
  return rows.back();
}

const LessonRow& LessonTable::Row(const std::string& method) const {
  for (const LessonRow& r : rows)
    if (r.method == method) return r;
  throw core::Error("lesson table \"" + title + "\" has no method \"" + method + "\"");
}

std::string LessonTable::ToMarkdown() const {
  std::vector<std::string> columns;
  for (const LessonRow& r : rows)
    for (const auto& [name, cell] : r.cells)
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) columns.push_back(name);
  std::string md = "| method |";
  for (const std::string& c : columns) md += " " + c + " |";
  md += "\n|---|";
  for (size_t i = 0; i < columns.size(); ++i) md += "---|";
  md += "\n";
  for (const LessonRow& r : rows) {
    md += "| " + r.method + " |";
    for (const std::string& c : columns) {
      std::string text = "–";
      for (const auto& [name, cell] : r.cells)
        if (name == c) text = CellText(cell);
      md += " " + text + " |";
    }
    md += "\n";
  }
  return md;
}

const LessonTable& LessonResult::Table(const std::string& title) const {
  for (const LessonTable& t : tables)
    if (t.title == title) return t;
  throw core::Error("lesson \"" + lesson + "\" has no table \"" + title + "\"");
}

const LessonPolicy* LessonResult::FindPolicy(const std::string& table, const std::string& method) const {
  for (const LessonPolicy& p : policies)
    if (p.table == table && p.method == method) return &p;
  return nullptr;
}

std::string LessonResult::ToMarkdown() const {
  std::string md = "### " + lesson + "\n\n" + statement + "\n\n";
  for (const LessonTable& t : tables) {
    if (!t.title.empty()) md += "**" + t.title + "**\n\n";
    md += t.ToMarkdown() + "\n";
  }
  for (const std::string& n : notes) md += "- " + n + "\n";
  return md;
}

std::string LessonResult::ToJson() const {
  nlohmann::ordered_json j;
  j["lesson"] = lesson;
  j["statement"] = statement;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const LessonTable& t : tables)
    for (const LessonRow& r : t.rows) {
      nlohmann::ordered_json row;
      row["method"] = r.method;
      row["table"] = t.title;
      for (const auto& [name, cell] : r.cells) {
        row[name] = JsonNumber(cell.value);
        if (cell.interval) {
          row[name + "_ci_low"] = JsonNumber(cell.low);
          row[name + "_ci_high"] = JsonNumber(cell.high);
        }
      }
      rows.push_back(row);
    }
  j["rows"] = rows;
  j["notes"] = notes;
  j["seconds"] = seconds;
  return j.dump(2);
}

}  // namespace learning::imitation
