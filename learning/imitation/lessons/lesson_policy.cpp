#include "learning/imitation/lessons/lesson_policy.h"

#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/imitation/lessons/lesson_table.h"
#include "learning/policies/policy.h"

namespace learning::imitation {

namespace {

// "bc + lamp #0" → "bc_lamp_0": letters and digits kept (lower case), every other run one '_'.
std::string Slug(const std::string& text) {
  std::string slug;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0)
      slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!slug.empty() && slug.back() != '_')
      slug += '_';
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  return slug.empty() ? "policy" : slug;
}

int TableIndex(const LessonResult& result, const std::string& title) {
  for (size_t i = 0; i < result.tables.size(); ++i)
    if (result.tables[i].title == title) return static_cast<int>(i);
  return 0;
}

}  // namespace

std::vector<SavedLessonPolicy> SaveLessonPolicies(const LessonResult& result, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(dir)) throw core::Error(dir + ": cannot create the folder (" + error.message() + ")");
  std::vector<SavedLessonPolicy> saved;
  std::set<std::string> stems;
  nlohmann::json index = {{"lesson", result.lesson}, {"policies", nlohmann::json::array()}};
  std::map<const policies::Policy*, std::string> stemOf;  // a pooled row and its first seed's row share one policy
  for (const LessonPolicy& kept : result.policies) {
    if (auto same = stemOf.find(kept.policy.get()); same != stemOf.end()) {
      index["policies"].push_back({{"table", kept.table},
                                   {"method", kept.method},
                                   {"policy", same->second + ".h5"},
                                   {"scenario", same->second + ".scenario.json"},
                                   {"lane_keeping", kept.laneKeeping}});
      continue;
    }
    // Rows of the same name in two tables (e.g. both decision windows) get the table's number.
    std::string stem = Slug(kept.method);
    if (stems.count(stem) != 0) stem += "_t" + std::to_string(TableIndex(result, kept.table));
    for (int n = 2; stems.count(stem) != 0; ++n) stem = Slug(kept.method) + "_" + std::to_string(n);
    stems.insert(stem);
    stemOf[kept.policy.get()] = stem;
    SavedLessonPolicy s{&kept, (fs::path(dir) / (stem + ".h5")).string(),
                        (fs::path(dir) / (stem + ".scenario.json")).string()};
    kept.policy->Save(s.policyPath);
    core::WriteFileAtomically(s.scenarioPath, nlohmann::json::parse(kept.scenarioJson).dump(2) + "\n");
    index["policies"].push_back({{"table", kept.table},
                                 {"method", kept.method},
                                 {"policy", stem + ".h5"},
                                 {"scenario", stem + ".scenario.json"},
                                 {"lane_keeping", kept.laneKeeping}});
    saved.push_back(std::move(s));
  }
  core::WriteFileAtomically((fs::path(dir) / "policies.json").string(), index.dump(2) + "\n");
  return saved;
}

}  // namespace learning::imitation
