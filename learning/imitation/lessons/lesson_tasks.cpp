#include "learning/imitation/lessons/lesson_tasks.h"

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "learning/imitation/lessons/lesson_task_records.h"

namespace learning::imitation {

namespace {

using Json = nlohmann::json;
constexpr const char* kFormat = "ildrive-lesson-records-1";

// The options that decide a run's results (threads do not: results are the same for any count).
Json OptionsJson(const LessonOptions& o) {
  return Json{{"quick", o.quick}, {"sweep", o.sweep}, {"seeds", o.seeds}, {"episodes", o.evalEpisodes},
              {"seed", o.seed}};
}

std::string JobKey(int wave, int index) { return std::to_string(wave) + "." + std::to_string(index); }

Json ParseRecords(const std::string& text, const std::string& lesson, const LessonOptions& options) {
  if (text.empty()) return Json{{"format", kFormat}, {"lesson", lesson}, {"options", OptionsJson(options)},
                                {"jobs", Json::object()}};
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != kFormat)
    throw core::Error("lesson task records: not a records file of ildrive lesson tasks");
  if (j.at("lesson") != lesson)
    throw core::Error("lesson task records are of lesson \"" + j.at("lesson").get<std::string>() + "\", not \"" +
                      lesson + "\"");
  if (j.at("options") != OptionsJson(options))
    throw core::Error("lesson task records were made with other options (" + j.at("options").dump() +
                      ") than this run (" + OptionsJson(options).dump() + ")");
  return j;
}

// Thrown by RunLessonWave when a task's share of its wave is done; caught by RunLessonTask only.
struct WaveDone {};

thread_local LessonJob* currentJob = nullptr;

struct JobScope {
  explicit JobScope(LessonJob* job) { currentJob = job; }
  ~JobScope() { currentJob = nullptr; }
};

}  // namespace

class LessonTaskState {
 public:
  LessonTaskState(Json records, std::optional<LessonTaskSpec> spec) : records_(std::move(records)), spec_(spec) {}

  // Replays a recorded job, in call order.
  class Replay : public LessonJob {
   public:
    Replay(const Json& calls, std::string key) : calls_(calls), key_(std::move(key)) {}
    std::optional<TrainResult> ReplayTraining(std::shared_ptr<policies::Policy>& policy) override {
      return DecodeTraining(Next(), policy);
    }
    void RecordTraining(const policies::Policy&, const TrainResult&) override {}
    std::optional<EvaluationSummary> ReplayEvaluation() override { return DecodeEvaluation(Next()); }
    void RecordEvaluation(const EvaluationSummary&) override {}

   private:
    const Json& Next() {
      if (next_ >= calls_.size())
        throw core::Error("lesson task records: job " + key_ + " made more calls than were recorded (other code?)");
      return calls_[next_++];
    }
    const Json& calls_;
    std::string key_;
    size_t next_ = 0;
  };

  // Runs a job and records its primitives' results.
  class Record : public LessonJob {
   public:
    std::optional<TrainResult> ReplayTraining(std::shared_ptr<policies::Policy>&) override { return std::nullopt; }
    void RecordTraining(const policies::Policy& policy, const TrainResult& result) override {
      calls.push_back(EncodeTraining(policy, result));
    }
    std::optional<EvaluationSummary> ReplayEvaluation() override { return std::nullopt; }
    void RecordEvaluation(const EvaluationSummary& summary) override { calls.push_back(EncodeEvaluation(summary)); }
    Json calls = Json::array();
  };

  void RunWave(int count, const std::function<void(int, const std::function<void(int)>&)>& sideBySide,
               const std::function<void(int)>& job) {
    const int wave = wave_++;
    const Json& jobs = records_.at("jobs");
    std::vector<int> replay, compute;
    int missing = -1;
    for (int j = 0; j < count; ++j) {
      if (jobs.contains(JobKey(wave, j))) replay.push_back(j);
      else if (spec_ && j % spec_->count == spec_->index) compute.push_back(j);
      else if (missing < 0) missing = j;
    }
    if (missing < 0 && compute.empty()) {  // every job recorded: replay the wave and go on
      sideBySide(static_cast<int>(replay.size()), [&](int k) {
        const std::string key = JobKey(wave, replay[static_cast<size_t>(k)]);
        Replay replayer(jobs.at(key), key);
        JobScope scope(&replayer);
        job(replay[static_cast<size_t>(k)]);
      });
      return;
    }
    if (!spec_)
      throw core::Error("merge: no records for job " + std::to_string(missing) + " of wave " + std::to_string(wave) +
                        " (" + std::to_string(count) + " jobs): run that wave's tasks first");
    // This task's wave: run its share, record, stop the run.
    std::vector<Json> recorded(compute.size());
    sideBySide(static_cast<int>(compute.size()), [&](int k) {
      Record recorder;
      {
        JobScope scope(&recorder);
        job(compute[static_cast<size_t>(k)]);
      }
      recorded[static_cast<size_t>(k)] = std::move(recorder.calls);
    });
    Json& out = records_["jobs"];
    for (size_t k = 0; k < compute.size(); ++k) out[JobKey(wave, compute[k])] = std::move(recorded[k]);
    stoppedWave_ = wave;
    stoppedJobs_ = count;
    ran_ = compute;
    throw WaveDone{};
  }

  const Json& Records() const { return records_; }
  int StoppedWave() const { return stoppedWave_; }
  int StoppedJobs() const { return stoppedJobs_; }
  const std::vector<int>& Ran() const { return ran_; }

 private:
  Json records_;
  std::optional<LessonTaskSpec> spec_;  // none: a merge
  int wave_ = 0;
  int stoppedWave_ = -1;
  int stoppedJobs_ = 0;
  std::vector<int> ran_;
};

LessonTaskSpec ParseLessonTaskSpec(const std::string& text) {
  const size_t slash = text.find('/');
  LessonTaskSpec spec;
  try {
    size_t used = 0;
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    spec.index = std::stoi(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("index");
    const std::string count = text.substr(slash + 1);
    spec.count = std::stoi(count, &used);
    if (used != count.size()) throw std::invalid_argument("count");
  } catch (const std::exception&) {
    throw core::Error("--task \"" + text + "\": expected i/n, e.g. 0/4");
  }
  if (spec.count < 1 || spec.index < 0 || spec.index >= spec.count)
    throw core::Error("--task \"" + text + "\": needs 0 <= i < n");
  return spec;
}

LessonJob* CurrentLessonJob() { return currentJob; }

void RunLessonWave(LessonTaskState& state, int count,
                   const std::function<void(int, const std::function<void(int)>&)>& sideBySide,
                   const std::function<void(int)>& job) {
  state.RunWave(count, sideBySide, job);
}

LessonTaskOutput RunLessonTask(const std::string& name, const LessonOptions& options, const LessonTaskSpec& spec,
                               const std::string& records) {
  const std::string lesson = FindLesson(name).name;
  LessonOptions o = options;
  o.tasks = std::make_shared<LessonTaskState>(ParseRecords(records, lesson, options), spec);
  LessonTaskOutput out;
  try {
    out.result = RunLesson(lesson, o);
    out.complete = true;
  } catch (const WaveDone&) {
    out.wave = o.tasks->StoppedWave();
    out.jobs = o.tasks->StoppedJobs();
    out.ran = o.tasks->Ran();
  }
  out.records = o.tasks->Records().dump();
  return out;
}

LessonResult MergeLessonTasks(const std::string& name, const LessonOptions& options, const std::string& records) {
  const std::string lesson = FindLesson(name).name;
  LessonOptions o = options;
  o.tasks = std::make_shared<LessonTaskState>(ParseRecords(records, lesson, options), std::nullopt);
  return RunLesson(lesson, o);
}

std::string MergeLessonRecords(const std::vector<std::string>& records) {
  if (records.empty()) throw core::Error("merge: no lesson task records given");
  Json merged;
  for (size_t i = 0; i < records.size(); ++i) {
    Json j = Json::parse(records[i], nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != kFormat)
      throw core::Error("merge: records " + std::to_string(i + 1) + " are not ildrive lesson task records");
    if (i == 0) {
      merged = std::move(j);
      continue;
    }
    if (j.at("lesson") != merged.at("lesson") || j.at("options") != merged.at("options"))
      throw core::Error("merge: records " + std::to_string(i + 1) + " are of another lesson or options (" +
                        j.at("lesson").dump() + " " + j.at("options").dump() + " vs " + merged.at("lesson").dump() +
                        " " + merged.at("options").dump() + ")");
    for (auto& [key, calls] : j.at("jobs").items()) merged["jobs"][key] = std::move(calls);
  }
  return merged.dump();
}

}  // namespace learning::imitation
