#pragma once
// Draws a sim::SceneView with SDL_Renderer geometry: road surface, lane markings and edges, cars as oriented
// boxes with brake lamps (the ego highlighted), obstacles, goal spots, and the overlays (lidar rays, the K nearest
// vehicles the policy sees, lane centre lines, a policy's predicted paths). Reads the view, never the simulation.
#include <SDL.h>

#include <vector>

#include "app/render/camera.h"
#include "app/render/geometry_batch.h"
#include "app/render/overlays.h"
#include "app/render/palette.h"
#include "sim/scene_view.h"

namespace app {

// Paths in world coordinates [m] drawn over the scene (a policy's sampled futures, its action chunk).
struct PathOverlay {
  std::vector<std::vector<sim::Vec2>> sampled;  // drawn thin in predictedPath
  std::vector<sim::Vec2> chunk;                  // drawn thicker in chunkPath
};

class WorldRenderer {
 public:
  void Draw(SDL_Renderer* renderer, const sim::SceneView& view, const Camera& camera, const Palette& palette,
            const Overlays& overlays, const PathOverlay* paths);
  // Triangles' vertices of the last frame (for the frame-time figures).
  int LastVertexCount() const { return batch_.VertexCount(); }

 private:
  void AddLanes(const sim::SceneView& view, const Camera& camera, const Palette& palette, bool centreLines);
  void AddVehicle(const sim::VehicleView& vehicle, const Camera& camera, const Palette& palette);
  void AddPolyline(const std::vector<sim::Vec2>& points, const Camera& camera, float widthMetres, float minPixels,
                   Rgba color);

  GeometryBatch batch_;
  Vec2 visibleMin_, visibleMax_;  // [m] world rectangle on screen, with a margin
};

}  // namespace app
