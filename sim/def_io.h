#pragma once
// JSON at the edge for typed …Def structs. Each Def lists its fields once:
//   template <class V> void Visit(V& v) { v("lanes", lanes, 1, 8); v.Choice("roadEdge", roadEdge, {"a","b"});
//                                         v.Nested("vehicle", vehicle); }
// and the same list serves reading (validated: unknown keys, wrong types and out-of-range values are
// core::Error naming the file/field), writing (the asset files) and nothing else needs repeating.
#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace sim {

class JsonDefReader {
 public:
  // `where` names the source for messages, e.g. "assets/scenarios/highway.json".
  JsonDefReader(const nlohmann::json& json, std::string where) : json_(json), where_(std::move(where)) {
    if (!json_.is_object()) throw core::Error(where_ + ": expected a JSON object");
  }

  template <class T>
  void operator()(const char* key, T& field, double lo, double hi) {
    const nlohmann::json* value = Take(key);
    if (value == nullptr) return;
    if constexpr (std::is_same_v<T, bool>) {
      if (!value->is_boolean()) Fail(key, "expected true or false");
      field = value->get<bool>();
    } else {
      if (!value->is_number()) Fail(key, "expected a number");
      const double x = value->get<double>();
      if constexpr (std::is_integral_v<T>) {
        if (!value->is_number_integer()) Fail(key, "expected an integer");
      }
      if (!(x >= lo && x <= hi))
        Fail(key, "value " + value->dump() + " is out of range [" + Num(lo) + ", " + Num(hi) + "]");
      field = static_cast<T>(x);
    }
  }
  void operator()(const char* key, bool& field) { (*this)(key, field, 0, 1); }

  void Choice(const char* key, std::string& field, std::initializer_list<const char*> choices) {
    const nlohmann::json* value = Take(key);
    if (value == nullptr) return;
    std::string list;
    for (const char* c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
    if (!value->is_string()) Fail(key, "expected one of: " + list);
    const std::string s = value->get<std::string>();
    for (const char* c : choices)
      if (s == c) {
        field = s;
        return;
      }
    Fail(key, "'" + s + "' is not one of: " + list);
  }

  template <class D>
  void Nested(const char* key, D& def) {
    const nlohmann::json* value = Take(key);
    if (value == nullptr) return;
    JsonDefReader inner(*value, where_ + ": " + key);
    def.Visit(inner);
    inner.Finish();
  }

  // Marks a key as handled elsewhere (so Finish does not call it unknown).
  void Claim(const char* key) { taken_.emplace_back(key); }

  // Throws core::Error listing any key no field claimed.
  void Finish() const {
    for (auto it = json_.begin(); it != json_.end(); ++it)
      if (!Taken(it.key())) throw core::Error(where_ + ": unknown key '" + it.key() + "'");
  }

 private:
  const nlohmann::json* Take(const char* key) {
    taken_.emplace_back(key);
    auto it = json_.find(key);
    return it == json_.end() ? nullptr : &*it;
  }
  bool Taken(const std::string& key) const {
    for (const std::string& t : taken_)
      if (t == key) return true;
    return false;
  }
  [[noreturn]] void Fail(const char* key, const std::string& what) const {
    throw core::Error(where_ + ": field '" + key + "': " + what);
  }
  static std::string Num(double x) {
    nlohmann::json j = x;
    return j.dump();
  }

  const nlohmann::json& json_;
  std::string where_;
  std::vector<std::string> taken_;
};

class JsonDefWriter {
 public:
  template <class T>
  void operator()(const char* key, const T& field, double /*lo*/ = 0, double /*hi*/ = 0) {
    json_[key] = field;
  }
  void Choice(const char* key, const std::string& field, std::initializer_list<const char*> /*choices*/) {
    json_[key] = field;
  }
  template <class D>
  void Nested(const char* key, D& def) {
    JsonDefWriter inner;
    def.Visit(inner);
    json_[key] = inner.Json();
  }
  const nlohmann::json& Json() const { return json_; }

 private:
  nlohmann::json json_ = nlohmann::json::object();
};

template <class D>
nlohmann::json DefToJson(D def) {
  JsonDefWriter w;
  def.Visit(w);
  return w.Json();
}

}  // namespace sim
