#include "learning/imitation/lessons/lesson_task_records.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/error.h"

namespace learning::imitation {

namespace {

using Json = nlohmann::json;

// Finite doubles as JSON numbers (nlohmann writes the shortest text that reads back to the same double);
// NaN and infinities as strings, which JSON numbers cannot hold.
Json Num(double v) {
  if (std::isfinite(v)) return v;
  return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
}

double Num(const Json& j) {
  if (j.is_number()) return j.get<double>();
  const std::string s = j.get<std::string>();
  if (s == "nan") return std::nan("");
  if (s == "inf") return INFINITY;
  if (s == "-inf") return -INFINITY;
  throw core::Error("lesson task records: bad number \"" + s + "\"");
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string ToBase64(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t n = std::min<size_t>(3, bytes.size() - i);
    uint32_t v = 0;
    for (size_t k = 0; k < 3; ++k) v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (size_t k = 0; k < 4; ++k) out += k <= n ? kBase64[(v >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

std::string FromBase64(const std::string& text) {
  std::string out;
  uint32_t v = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    const char* at = std::char_traits<char>::find(kBase64, 64, c);
    if (at == nullptr) throw core::Error("lesson task records: bad base64 in a policy checkpoint");
    v = (v << 6) | static_cast<uint32_t>(at - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xff);
    }
  }
  return out;
}

// A file name of its own in the temporary folder (HDF5 reads and writes files; the records carry bytes).
std::filesystem::path TempCheckpoint() {
  static std::atomic<uint64_t> counter{0};
  return std::filesystem::temp_directory_path() /
         ("ildrive_lesson_task_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + ".h5");
}

std::string CheckpointBytes(const policies::Policy& policy) {
  const std::filesystem::path path = TempCheckpoint();
  policy.Save(path.string());
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  std::filesystem::remove(path);
  return bytes;
}

std::shared_ptr<policies::Policy> PolicyFromBytes(const std::string& bytes) {
  const std::filesystem::path path = TempCheckpoint();
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw core::Error(path.string() + ": cannot write a policy checkpoint of the lesson task records");
  }
  try {
    auto policy = std::make_shared<policies::Policy>(policies::Policy::Load(path.string()));
    std::filesystem::remove(path);
    return policy;
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
}

Json Rate(const RateEstimate& r) { return Json::array({r.successes, r.trials, Num(r.rate), Num(r.low), Num(r.high)}); }

RateEstimate Rate(const Json& j) {
  return RateEstimate{j.at(0).get<int>(), j.at(1).get<int>(), Num(j.at(2)), Num(j.at(3)), Num(j.at(4))};
}

void CheckKind(const Json& record, const char* kind) {
  if (!record.is_object() || record.value("kind", "") != kind)
    throw core::Error(std::string("lesson task records: expected a ") + kind + " record, found " +
                      (record.is_object() ? "a " + record.value("kind", "?") + " record" : record.dump()));
}

}  // namespace

Json EncodeTraining(const policies::Policy& policy, const TrainResult& r) {
  Json curve = Json::array();
  for (const TrainPoint& p : r.curve) curve.push_back(Json::array({p.step, p.epoch, Num(p.trainLoss), Num(p.validLoss)}));
  return Json{{"kind", "train"},
              {"policy", ToBase64(CheckpointBytes(policy))},
              {"status", static_cast<int>(r.status)},
              {"message", r.message},
              {"steps", r.steps},
              {"epochs", r.epochs},
              {"train_samples", r.trainSamples},
              {"valid_samples", r.validSamples},
              {"train_loss", Num(r.trainLoss)},
              {"kept_train_loss", Num(r.keptTrainLoss)},
              {"valid_loss", Num(r.validLoss)},
              {"best_valid_loss", Num(r.bestValidLoss)},
              {"best_step", r.bestStep},
              {"kept_step", r.keptStep},
              {"seconds", Num(r.seconds)},
              {"samples_per_second", Num(r.samplesPerSecond)},
              {"curve", curve}};
}

TrainResult DecodeTraining(const Json& j, std::shared_ptr<policies::Policy>& policy) {
  CheckKind(j, "train");
  policy = PolicyFromBytes(FromBase64(j.at("policy").get<std::string>()));
  TrainResult r;
  r.status = static_cast<TrainStatus>(j.at("status").get<int>());
  r.message = j.at("message").get<std::string>();
  r.steps = j.at("steps").get<long>();
  r.epochs = j.at("epochs").get<int>();
  r.trainSamples = j.at("train_samples").get<long>();
  r.validSamples = j.at("valid_samples").get<long>();
  r.trainLoss = Num(j.at("train_loss"));
  r.keptTrainLoss = Num(j.at("kept_train_loss"));
  r.validLoss = Num(j.at("valid_loss"));
  r.bestValidLoss = Num(j.at("best_valid_loss"));
  r.bestStep = j.at("best_step").get<long>();
  r.keptStep = j.at("kept_step").get<long>();
  r.seconds = Num(j.at("seconds"));
  r.samplesPerSecond = Num(j.at("samples_per_second"));
  for (const Json& p : j.at("curve"))
    r.curve.push_back(TrainPoint{p.at(0).get<long>(), p.at(1).get<int>(), Num(p.at(2)), Num(p.at(3))});
  return r;
}

Json EncodeEvaluation(const EvaluationSummary& s) {
  Json metrics = Json::array();
  for (const MetricEstimate& m : s.metrics) {
    const MeanEstimate& e = m.estimate;
    metrics.push_back(Json::array({m.name, e.count, Num(e.mean), Num(e.stddev), Num(e.halfWidth), Num(e.low),
                                   Num(e.high)}));
  }
  Json results = Json::array();
  for (const EpisodeResult& r : s.results) {
    const sim::EpisodeMetrics& m = r.metrics;
    Json extra = Json::array();
    for (const auto& [name, value] : m.extra) extra.push_back(Json::array({name, Num(value)}));
    results.push_back(Json::array({m.success, m.collision, m.offRoad, Num(m.progress), Num(m.meanSpeed),
                                   Num(m.timeStopped), Num(m.duration), extra, r.length, Num(r.totalReward),
                                   r.seed}));
  }
  return Json{{"kind", "eval"},         {"scenario", s.scenario},     {"episodes", s.episodes},
              {"success", Rate(s.success)}, {"collision", Rate(s.collision)}, {"off_road", Rate(s.offRoad)},
              {"metrics", metrics},     {"results", results},         {"steps", s.steps},
              {"seconds", Num(s.seconds)}, {"cancelled", s.cancelled}};
}

EvaluationSummary DecodeEvaluation(const Json& j) {
  CheckKind(j, "eval");
  EvaluationSummary s;
  s.scenario = j.at("scenario").get<std::string>();
  s.episodes = j.at("episodes").get<int>();
  s.success = Rate(j.at("success"));
  s.collision = Rate(j.at("collision"));
  s.offRoad = Rate(j.at("off_road"));
  for (const Json& m : j.at("metrics"))
    s.metrics.push_back(MetricEstimate{m.at(0).get<std::string>(),
                                       MeanEstimate{m.at(1).get<int>(), Num(m.at(2)), Num(m.at(3)), Num(m.at(4)),
                                                    Num(m.at(5)), Num(m.at(6))}});
  for (const Json& r : j.at("results")) {
    EpisodeResult e;
    e.metrics.success = r.at(0).get<bool>();
    e.metrics.collision = r.at(1).get<bool>();
    e.metrics.offRoad = r.at(2).get<bool>();
    e.metrics.progress = Num(r.at(3));
    e.metrics.meanSpeed = Num(r.at(4));
    e.metrics.timeStopped = Num(r.at(5));
    e.metrics.duration = Num(r.at(6));
    for (const Json& x : r.at(7)) e.metrics.extra.emplace_back(x.at(0).get<std::string>(), Num(x.at(1)));
    e.length = r.at(8).get<int>();
    e.totalReward = Num(r.at(9));
    e.seed = r.at(10).get<uint64_t>();
    s.results.push_back(std::move(e));
  }
  s.steps = j.at("steps").get<long>();
  s.seconds = Num(j.at("seconds"));
  s.cancelled = j.at("cancelled").get<bool>();
  return s;
}

}  // namespace learning::imitation
