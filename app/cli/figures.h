#pragma once
// Named figures from a benchmark or an experiment, in insertion order: printed as a table and written
// with --json as one flat JSON object ({"highway.control_steps_per_s": 31000, ...}) for scripts and checks.
#include <string>
#include <utility>
#include <vector>

namespace app {

class Figures {
 public:
  void Add(const std::string& name, double value) { values_.emplace_back(name, value); }
  const std::vector<std::pair<std::string, double>>& Values() const { return values_; }
  // Throws core::Error when `name` is absent.
  double Get(const std::string& name) const;

  std::string ToJson() const;
  // Atomic write; throws core::Error naming the file on failure.
  void WriteJson(const std::string& path) const;
  // "name  value" lines, aligned.
  std::string ToText() const;

 private:
  std::vector<std::pair<std::string, double>> values_;
};

}  // namespace app
