#pragma once
// Per-frame key and mouse states from a text file, so a session can be replayed without hands (tests, demos,
// soaks, benchmarks). Format, one line per span of frames:
//   # comment
//   <frames> [item, item, ...]   items held for that many frames, comma-separated; an item is
//     <SDL key name>              a key held ("Up", "Left Shift", "R")
//     mouse X Y                   the pointer at window pixel (X, Y)
//     mouse X Y -> X2 Y2          the pointer moving in a straight line, (X, Y) on the span's first frame to
//                                 (X2, Y2) on its last
//     mouse left|right|middle     a mouse button held
//     wheel N                     N wheel notches on the span's first frame (+ away from the user: zoom in)
// e.g. "60 Up", "30 Up, Left", "1 R", "90 Left Shift, Right", "20" (nothing held), "1 mouse 640 400",
// "30 mouse 640 400 -> 740 400, mouse left" (a drag), "1 mouse 200 300, wheel 2".
// After the last line no key or button is held. The pointer stays where it last was (also across spans that do
// not name it); before the first "mouse X Y" there is no scripted pointer and the real mouse is left alone.
// Keys go through the same bindings as the real keyboard; mouse states become the same events the real mouse
// sends (so put the pointer in place a frame before pressing, as a hand would).
#include <string>
#include <vector>

#include "app/gui/key_bindings.h"

namespace app {

// The scripted mouse at one frame.
struct MouseFrame {
  bool present = false;  // the script has placed the pointer
  float x = 0.f;         // [px] window coordinates
  float y = 0.f;
  bool left = false;     // buttons held
  bool right = false;
  bool middle = false;
  int wheel = 0;         // notches this frame
};

class InputScript {
 public:
  // Throws core::Error naming `where` and the line on a malformed line or an unknown key.
  static InputScript Parse(const std::string& text, const std::string& where);
  static InputScript Load(const std::string& path);

  // The keys held at frame `frame` (0-based); empty after the end.
  const KeySet& KeysAt(long frame) const;
  // The mouse at frame `frame`.
  MouseFrame MouseAt(long frame) const;
  bool HasMouse() const { return hasMouse_; }
  long FrameCount() const { return frameCount_; }

 private:
  struct Span {
    long firstFrame;
    long frames;
    KeySet keys;
    bool pointer = false;  // the pointer is known during this span (this span or an earlier one placed it)
    float fromX = 0.f, fromY = 0.f, toX = 0.f, toY = 0.f;
    bool left = false, right = false, middle = false;
    int wheel = 0;
  };
  // "mouse …" and "wheel N" items into `span`; false for anything else (a key name).
  static bool ParseMouseItem(const std::string& item, const std::string& where, bool& placed, Span& span);
  const Span* SpanAt(long frame) const;

  std::vector<Span> spans_;
  long frameCount_ = 0;
  bool hasMouse_ = false;
  KeySet none_;
};

}  // namespace app
