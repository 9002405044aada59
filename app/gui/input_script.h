#pragma once
// Per-frame key states from a text file, so a drive can be replayed without hands (tests, demos, benchmarks).
// Format, one line per span of frames:
//   # comment
//   <frames> [key, key, ...]     keys held for that many frames (SDL key names, comma-separated)
// e.g. "60 Up", "30 Up, Left", "1 R", "90 Left Shift, Right", "20" (nothing held). After the last line no key
// is held. The keys go through the same bindings as the real keyboard.
#include <string>
#include <vector>

#include "app/gui/key_bindings.h"

namespace app {

class InputScript {
 public:
  // Throws core::Error naming `where` and the line on a malformed line or an unknown key.
  static InputScript Parse(const std::string& text, const std::string& where);
  static InputScript Load(const std::string& path);

  // The keys held at frame `frame` (0-based); empty after the end.
  const KeySet& KeysAt(long frame) const;
  long FrameCount() const { return frameCount_; }

 private:
  struct Span {
    long firstFrame;
    long frames;
    KeySet keys;
  };
  std::vector<Span> spans_;
  long frameCount_ = 0;
  KeySet none_;
};

}  // namespace app
