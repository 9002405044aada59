#include "learning/policies/policy_config.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "core/error.h"

namespace learning::policies {

namespace {

using Json = nlohmann::ordered_json;

// Lists every field once; the writer and the reader below both walk this list (sim/def_io.h's idea).
template <class V>
void VisitFields(V& v, PolicyConfig& c) {
  v("policy", c.policy);
  v("encoder", c.encoder);
  v("obsKeys", c.obsKeys);
  v("history", c.history, 1, 64);
  v("chunk", c.chunk, 1, 64);
  v("execute", c.execute, 1, 64);
  v("temporalEnsemble", c.temporalEnsemble);
  v("ensembleDecay", c.ensembleDecay, 0.0, 10.0);
  v("width", c.width, 1, 4096);
  v("depth", c.depth, 1, 16);
  v("attentionHeads", c.attentionHeads, 1, 64);
  v("bins", c.bins, 2, 1024);
  v("binWarp", c.binWarp, 0.25, 4.0);
  v("binEmbedding", c.binEmbedding, 1, 1024);
  v("mixtures", c.mixtures, 1, 64);
  v("logStdFloor", c.logStdFloor, -20.0, 0.0);
  v("flowLayers", c.flowLayers, 1, 64);
  v("flowNoise", c.flowNoise, 0.0, 1.0);
  v("flowSteps", c.flowSteps, 1, 1000);
  v("diffusionSteps", c.diffusionSteps, 2, 10000);
  v("diffusionSampler", c.diffusionSampler);
  v("ddimSteps", c.ddimSteps, 1, 10000);
  v("latentDim", c.latentDim, 1, 256);
  v("klWeight", c.klWeight, 0.0, 100.0);
  v("temperature", c.temperature, 0.0, 10.0);
  v("decode", c.decode);
  v("seed", c.seed);
}

struct Writer {
  Json json = Json::object();
  template <class T>
  void operator()(const char* key, const T& value, double = 0, double = 0) {
    json[key] = value;
  }
  void operator()(const char* key, EncoderKind value) { json[key] = EncoderKindName(value); }
  void operator()(const char* key, DecodeKind value) { json[key] = DecodeKindName(value); }
};

struct Reader {
  const Json& json;
  const std::string& where;
  std::set<std::string> seen;

  const Json* Take(const char* key) {
    auto it = json.find(key);
    if (it == json.end()) return nullptr;
    seen.insert(key);
    return &*it;
  }
  [[noreturn]] void Fail(const char* key, const std::string& what) const {
    throw core::Error(where + ": policy config field \"" + key + "\": " + what);
  }
  void operator()(const char* key, std::string& field) {
    if (const Json* v = Take(key)) {
      if (!v->is_string()) Fail(key, "expected a string");
      field = v->get<std::string>();
    }
  }
  template <class Kind>
  void Choice(const char* key, Kind& field, Kind (*parse)(const std::string&)) {
    if (const Json* v = Take(key)) {
      if (!v->is_string()) Fail(key, "expected a string");
      try {
        field = parse(v->get<std::string>());
      } catch (const core::Error& e) {
        Fail(key, e.what());
      }
    }
  }
  void operator()(const char* key, EncoderKind& field) { Choice(key, field, ParseEncoderKind); }
  void operator()(const char* key, DecodeKind& field) { Choice(key, field, ParseDecodeKind); }
  void operator()(const char* key, std::vector<std::string>& field) {
    if (const Json* v = Take(key)) {
      if (!v->is_array()) Fail(key, "expected an array of strings");
      field.clear();
      for (const Json& item : *v) {
        if (!item.is_string() || item.get<std::string>().empty()) Fail(key, "expected non-empty strings");
        field.push_back(item.get<std::string>());
      }
    }
  }
  void operator()(const char* key, bool& field) {
    if (const Json* v = Take(key)) {
      if (!v->is_boolean()) Fail(key, "expected true or false");
      field = v->get<bool>();
    }
  }
  void operator()(const char* key, uint64_t& field) {
    if (const Json* v = Take(key)) {
      if (!v->is_number_unsigned()) Fail(key, "expected a non-negative integer");
      field = v->get<uint64_t>();
    }
  }
  void operator()(const char* key, int& field, double lo, double hi) {
    if (const Json* v = Take(key)) {
      if (!v->is_number_integer()) Fail(key, "expected an integer");
      const auto x = v->get<int64_t>();
      if (x < lo || x > hi) Fail(key, "value " + v->dump() + " is out of range [" + Num(lo) + ", " + Num(hi) + "]");
      field = static_cast<int>(x);
    }
  }
  void operator()(const char* key, double& field, double lo, double hi) {
    if (const Json* v = Take(key)) {
      if (!v->is_number()) Fail(key, "expected a number");
      const double x = v->get<double>();
      if (!(x >= lo && x <= hi))
        Fail(key, "value " + v->dump() + " is out of range [" + Num(lo) + ", " + Num(hi) + "]");
      field = x;
    }
  }
  static std::string Num(double x) { return Json(x).dump(); }
};

// Range checks for values built in code (the reader checks JSON input the same way).
struct RangeChecker {
  const std::string& where;
  template <class T>
  void operator()(const char*, const T&) {}
  void operator()(const char* key, const int& value, double lo, double hi) { Check(key, value, lo, hi); }
  void operator()(const char* key, const double& value, double lo, double hi) { Check(key, value, lo, hi); }
  void Check(const char* key, double value, double lo, double hi) const {
    if (!(value >= lo && value <= hi))
      throw core::Error(where + ": policy config field \"" + key + "\" = " + Json(value).dump() +
                        " is out of range [" + Json(lo).dump() + ", " + Json(hi).dump() + "]");
  }
};

constexpr std::pair<EncoderKind, const char*> kEncoderNames[] = {
    {EncoderKind::kMlp, "mlp"}, {EncoderKind::kStack, "stack"}, {EncoderKind::kTransformer, "transformer"}};
constexpr std::pair<DecodeKind, const char*> kDecodeNames[] = {{DecodeKind::kSample, "sample"},
                                                               {DecodeKind::kMean, "mean"}};

template <class Kind, size_t N>
const char* NameIn(const std::pair<Kind, const char*> (&names)[N], Kind kind) {
  for (const auto& [k, name] : names)
    if (k == kind) return name;
  return "?";
}

template <class Kind, size_t N>
Kind ParseIn(const std::pair<Kind, const char*> (&names)[N], const std::string& name, const char* what) {
  std::string valid;
  for (const auto& [k, n] : names) {
    if (name == n) return k;
    valid += (valid.empty() ? "" : ", ") + std::string(n);
  }
  throw core::Error(std::string(what) + " \"" + name + "\" is not one of: " + valid);
}

}  // namespace

const char* EncoderKindName(EncoderKind kind) { return NameIn(kEncoderNames, kind); }
EncoderKind ParseEncoderKind(const std::string& name) { return ParseIn(kEncoderNames, name, "encoder"); }
const char* DecodeKindName(DecodeKind kind) { return NameIn(kDecodeNames, kind); }
DecodeKind ParseDecodeKind(const std::string& name) { return ParseIn(kDecodeNames, name, "decode"); }

void LetHistoryBeSeen(PolicyConfig& config) {
  if (config.history > 1 && config.encoder == EncoderKind::kMlp) config.encoder = EncoderKind::kStack;
}

std::string PolicyConfigToJson(const PolicyConfig& config) {
  Writer writer;
  PolicyConfig copy = config;
  VisitFields(writer, copy);
  return writer.json.dump();
}

PolicyConfig PolicyConfigFromJson(const std::string& text, const std::string& where, const PolicyConfig& base) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::exception& e) {  // parse errors, and numbers beyond double (out_of_range)
    throw core::Error(where + ": policy config is not valid JSON (" + e.what() + ")");
  }
  if (!json.is_object()) throw core::Error(where + ": policy config must be a JSON object");
  PolicyConfig config = base;
  Reader reader{json, where, {}};
  VisitFields(reader, config);
  for (const auto& item : json.items())
    if (!reader.seen.contains(item.key()))
      throw core::Error(where + ": policy config has unknown field \"" + item.key() + "\"");
  ValidatePolicyConfig(config, where);
  return config;
}

void ValidatePolicyConfig(const PolicyConfig& config, const std::string& where) {
  RangeChecker checker{where};
  PolicyConfig copy = config;
  VisitFields(checker, copy);
  auto fail = [&](const std::string& what) { throw core::Error(where + ": policy config: " + what); };
  if (config.diffusionSampler != "ddim" && config.diffusionSampler != "ddpm")
    fail("diffusionSampler \"" + config.diffusionSampler + "\" is not one of: ddim, ddpm");
  if (config.ddimSteps > config.diffusionSteps)
    fail("ddimSteps K = " + std::to_string(config.ddimSteps) + " exceeds diffusionSteps T = " +
         std::to_string(config.diffusionSteps));
  if (config.execute > config.chunk)
    fail("execute h = " + std::to_string(config.execute) + " exceeds chunk H = " + std::to_string(config.chunk));
  if (config.encoder == EncoderKind::kTransformer && config.width % config.attentionHeads != 0)
    fail("width " + std::to_string(config.width) + " is not a multiple of attentionHeads " +
         std::to_string(config.attentionHeads));
  std::set<std::string> keys;
  for (const std::string& key : config.obsKeys)
    if (!keys.insert(key).second) fail("obsKeys lists \"" + key + "\" twice");
}

}  // namespace learning::policies
