#pragma once
// Short messages over the road for a few seconds, where the eye already is: how each episode ended (success,
// collision, off road; its seed; where it was recorded), what a scenario switch did to recording, training
// started, finished or failed. The newest is on top; each disappears after its time (ImGui's clock, so scripted
// runs are reproducible).
#include <imgui.h>

#include <cstdint>
#include <deque>
#include <string>

#include "sim/step_result.h"

namespace app {

enum class NoticeKind { kSuccess, kFailure, kInfo };

constexpr const char* kNoticesWindow = "##notices";  // the overlay's ImGui window (not a panel)

// The accent bar of each kind, opaque so screenshot tests can find a notice pixel-exactly.
ImU32 NoticeColor(NoticeKind kind);

struct Notice {
  NoticeKind kind = NoticeKind::kInfo;
  std::string title;   // one or two words, in the kind's colour ("COLLISION")
  std::string detail;  // one line
  float secondsLeft = 0.f;
};

// The notice for a finished episode. `recordedAs`: its index in the dataset, or -1 when it was not recorded.
Notice EpisodeNotice(const sim::EpisodeMetrics& metrics, uint64_t seed, int recordedAs, bool recording);

class Notices {
 public:
  static constexpr float kSeconds = 4.f;  // how long a notice stays
  static constexpr size_t kMaxShown = 3;

  void Post(Notice notice);
  void Post(NoticeKind kind, std::string title, std::string detail, float seconds = kSeconds) {
    Post(Notice{kind, std::move(title), std::move(detail), seconds});
  }
  // Ages the notices by `seconds` and drops the expired ones.
  void Advance(float seconds);
  const std::deque<Notice>& Items() const { return items_; }
  // Draws the stack with its bottom centre at `anchor` [px], kept inside the display.
  void Draw(ImVec2 anchor) const;

 private:
  std::deque<Notice> items_;  // newest first
};

}  // namespace app
