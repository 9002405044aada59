#include "app/gui/input_script.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/atomic_file.h"
#include "core/error.h"

namespace app {

namespace {

std::string Trim(const std::string& text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

}  // namespace

InputScript InputScript::Parse(const std::string& text, const std::string& where) {
  InputScript script;
  std::istringstream lines(text);
  std::string line;
  for (int lineNumber = 1; std::getline(lines, line); ++lineNumber) {
    std::string content = Trim(line.substr(0, line.find('#')));
    if (content.empty()) continue;
    std::string lineWhere = where + ":" + std::to_string(lineNumber);
    size_t digits = 0;
    while (digits < content.size() && std::isdigit(static_cast<unsigned char>(content[digits]))) ++digits;
    if (digits == 0 || digits > 9)
      throw core::Error(lineWhere + ": expected a frame count (1..999999999) first, got \"" + content + "\"");
    long frames = std::stol(content.substr(0, digits));
    if (frames < 1) throw core::Error(lineWhere + ": the frame count must be at least 1");
    if (digits < content.size() && !std::isspace(static_cast<unsigned char>(content[digits])))
      throw core::Error(lineWhere + ": expected a space after the frame count in \"" + content + "\"");
    Span span{script.frameCount_, frames, {}};
    std::istringstream keys(content.substr(digits));
    std::string key;
    while (std::getline(keys, key, ',')) {
      key = Trim(key);
      if (key.empty()) throw core::Error(lineWhere + ": empty key name (keys are separated by commas)");
      int code = ScancodeFromName(key, lineWhere);
      if (std::find(span.keys.begin(), span.keys.end(), code) == span.keys.end()) span.keys.push_back(code);
    }
    script.frameCount_ += frames;
    script.spans_.push_back(std::move(span));
  }
  return script;
}

InputScript InputScript::Load(const std::string& path) { return Parse(core::ReadFile(path), path); }

const KeySet& InputScript::KeysAt(long frame) const {
  if (frame < 0 || frame >= frameCount_) return none_;
  // Spans are sorted by first frame: the last span starting at or before `frame` holds it.
  auto after = std::upper_bound(spans_.begin(), spans_.end(), frame,
                                [](long f, const Span& span) { return f < span.firstFrame; });
  return std::prev(after)->keys;
}

}  // namespace app
