#include "app/gui/input_script.h"

#include <algorithm>
#include <cctype>
#include <cmath>
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

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// A whole word as a number; core::Error naming `where` otherwise.
float Number(const std::string& word, const std::string& where) {
  size_t used = 0;
  float value = 0.f;
  try {
    value = std::stof(word, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != word.size() || !std::isfinite(value))
    throw core::Error(where + ": expected a number, got \"" + word + "\"");
  return value;
}

}  // namespace

bool InputScript::ParseMouseItem(const std::string& item, const std::string& where, bool& placed, Span& span) {
  std::vector<std::string> w = Words(item);
  if (w.empty() || (w[0] != "mouse" && w[0] != "wheel")) return false;
  const std::string usage = where + ": expected \"mouse X Y\", \"mouse X Y -> X2 Y2\", \"mouse left|right|middle\""
                            " or \"wheel N\", got \"" + item + "\"";
  if (w[0] == "wheel") {
    if (w.size() != 2) throw core::Error(usage);
    float n = Number(w[1], where);
    if (n != std::round(n) || std::abs(n) > 100.f)
      throw core::Error(where + ": wheel notches must be a whole number in [-100, 100]");
    span.wheel += static_cast<int>(n);
    return true;
  }
  if (w.size() == 2 && (w[1] == "left" || w[1] == "right" || w[1] == "middle")) {
    (w[1] == "left" ? span.left : (w[1] == "right" ? span.right : span.middle)) = true;
    return true;
  }
  if (w.size() != 3 && !(w.size() == 6 && w[3] == "->")) throw core::Error(usage);
  if (placed) throw core::Error(where + ": the pointer is placed twice on one line");
  placed = true;
  span.fromX = Number(w[1], where);
  span.fromY = Number(w[2], where);
  span.toX = w.size() == 6 ? Number(w[4], where) : span.fromX;
  span.toY = w.size() == 6 ? Number(w[5], where) : span.fromY;
  return true;
}

InputScript InputScript::Parse(const std::string& text, const std::string& where) {
  InputScript script;
  std::istringstream lines(text);
  std::string line;
  bool pointerKnown = false;
  float lastX = 0.f, lastY = 0.f;
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
    bool placed = false;
    std::istringstream items(content.substr(digits));
    std::string item;
    while (std::getline(items, item, ',')) {
      item = Trim(item);
      if (item.empty()) throw core::Error(lineWhere + ": empty key name (keys are separated by commas)");
      if (ParseMouseItem(item, lineWhere, placed, span)) {
        script.hasMouse_ = true;
        continue;
      }
      int code = ScancodeFromName(item, lineWhere);
      if (std::find(span.keys.begin(), span.keys.end(), code) == span.keys.end()) span.keys.push_back(code);
    }
    if (placed) {
      pointerKnown = true;
      lastX = span.toX;
      lastY = span.toY;
    } else {
      span.fromX = span.toX = lastX;  // the pointer stays where it was
      span.fromY = span.toY = lastY;
    }
    span.pointer = pointerKnown;
    if (!pointerKnown && (span.left || span.right || span.middle || span.wheel != 0))
      throw core::Error(lineWhere + ": place the pointer (\"mouse X Y\") before using its buttons or wheel");
    script.frameCount_ += frames;
    script.spans_.push_back(std::move(span));
  }
  return script;
}

InputScript InputScript::Load(const std::string& path) { return Parse(core::ReadFile(path), path); }

const InputScript::Span* InputScript::SpanAt(long frame) const {
  if (frame < 0 || frame >= frameCount_) return nullptr;
  // Spans are sorted by first frame: the last span starting at or before `frame` holds it.
  auto after = std::upper_bound(spans_.begin(), spans_.end(), frame,
                                [](long f, const Span& span) { return f < span.firstFrame; });
  return &*std::prev(after);
}

const KeySet& InputScript::KeysAt(long frame) const {
  const Span* span = SpanAt(frame);
  return span != nullptr ? span->keys : none_;
}

MouseFrame InputScript::MouseAt(long frame) const {
  MouseFrame mouse;
  if (!hasMouse_ || frame < 0) return mouse;
  const Span* span = SpanAt(std::min(frame, frameCount_ - 1));
  if (span == nullptr || !span->pointer) return mouse;
  mouse.present = true;
  if (frame >= frameCount_) {  // after the end: the pointer rests, nothing held
    mouse.x = span->toX;
    mouse.y = span->toY;
    return mouse;
  }
  long into = frame - span->firstFrame;
  float t = span->frames > 1 ? static_cast<float>(into) / static_cast<float>(span->frames - 1) : 1.f;
  mouse.x = span->fromX + (span->toX - span->fromX) * t;
  mouse.y = span->fromY + (span->toY - span->fromY) * t;
  mouse.left = span->left;
  mouse.right = span->right;
  mouse.middle = span->middle;
  mouse.wheel = into == 0 ? span->wheel : 0;
  return mouse;
}

}  // namespace app
