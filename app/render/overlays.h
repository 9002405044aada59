#pragma once
// Which overlays the world view draws; view state only (toggled by keys or the dashboard's checkboxes).
namespace app {

struct Overlays {
  bool lidar = false;
  bool nearest = false;      // the K nearest vehicles the policy sees
  bool centreLines = false;  // lane centre lines
  bool predictions = true;   // a policy's sampled paths and action chunk
};

}  // namespace app
