#pragma once
// A lesson's results: tables of method × metric, each figure with its 95% confidence interval where one exists
// (Wilson for rates, Student t for means), printed as Markdown and written as JSON
// ({"lesson": NAME, "statement": …, "rows": [{"method": M, "table": T, <metric>: value, <metric>_ci_low: …,
//   <metric>_ci_high: …}, …]}).
#include <string>
#include <utility>
#include <vector>

#include "learning/imitation/lessons/lesson_policy.h"
#include "learning/imitation/statistics.h"

namespace learning::imitation {

struct LessonCell {
  double value = 0.0;
  double low = 0.0;
  double high = 0.0;
  bool interval = false;  // low/high hold a 95% interval
  int digits = 3;         // decimals printed
};

struct LessonRow {
  std::string method;
  std::vector<std::pair<std::string, LessonCell>> cells;  // metric name → cell, in column order

  LessonRow& Rate(const std::string& metric, const RateEstimate& r);
  LessonRow& Mean(const std::string& metric, const MeanEstimate& m, int digits = 3);
  LessonRow& Value(const std::string& metric, double value, int digits = 3);
  // The cell called `metric`; core::Error when absent.
  const LessonCell& Get(const std::string& metric) const;
};

struct LessonTable {
  std::string title;  // e.g. "tight decision window"
  std::vector<LessonRow> rows;

  LessonRow& AddRow(const std::string& method);
  // The row called `method`; core::Error when absent.
  const LessonRow& Row(const std::string& method) const;
  // Columns: the union of the rows' metrics in first-seen order; a missing cell prints "–".
  std::string ToMarkdown() const;
};

struct LessonResult {
  std::string lesson;
  std::string statement;            // the lesson in one line
  std::vector<LessonTable> tables;
  std::vector<std::string> notes;   // conditions and what was measured, one line each
  double seconds = 0.0;             // [s] wall time
  std::vector<LessonPolicy> policies;  // the trained policies behind rows, to watch (not in the JSON)

  const LessonTable& Table(const std::string& title) const;
  // The policy kept for the row (table, method); nullptr when the row has none.
  const LessonPolicy* FindPolicy(const std::string& table, const std::string& method) const;
  std::string ToMarkdown() const;
  std::string ToJson() const;
};

}  // namespace learning::imitation
