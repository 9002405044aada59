#include "learning/data/demo_group.h"

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace learning::data {

void WriteDemoAttributes(const H5::Group& demo, const Episode& episode) {
  WriteIntAttribute(demo, "num_samples", episode.Length());
  WriteUint64Attribute(demo, "seed", episode.seed);
  WriteStringAttribute(demo, "source", episode.source);
  WriteStringAttribute(demo, "scenario", episode.scenario);
  WriteUint8Attribute(demo, "success", episode.success ? 1 : 0);
  WriteUint8Attribute(demo, "collision", episode.collision ? 1 : 0);
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& [name, value] : episode.metrics) metrics[name] = value;
  WriteStringAttribute(demo, "metrics", metrics.dump());
}

void WriteObservations(const H5::Group& demo, const Episode& episode) {
  H5::Group obs = demo.createGroup("obs");
  for (const auto& [key, values] : episode.obs) WriteFloatMatrix(obs, key, values);
  if (!episode.ending) return;
  WriteUint8Attribute(demo, "terminated", episode.ending->terminated ? 1 : 0);
  H5::Group finalObs = demo.createGroup("final_obs");
  for (const auto& [key, values] : episode.ending->obs) WriteFloatMatrix(finalObs, key, values);
  H5::Group next = demo.createGroup("next_obs");
  const std::string prefix = demo.getObjName();
  const long steps = episode.Length();
  for (const auto& [key, values] : episode.obs)
    WriteVirtualFloatRows(next, key, values.rows(),
                          {{prefix + "/obs/" + key, 1, steps - 1}, {prefix + "/final_obs/" + key, 0, 1}});
}

std::optional<EpisodeEnding> ReadEnding(const H5::Group& demo, const std::map<std::string, int>& dims,
                                        const std::string& where) {
  if (!demo.nameExists("final_obs")) return std::nullopt;
  H5::Group finalObs = OpenGroup(demo, "final_obs", where);
  EpisodeEnding ending;
  for (const auto& [key, dim] : dims) {
    const Eigen::MatrixXf values = ReadFloatMatrix(finalObs, key, dim, where + "/final_obs");
    if (values.cols() != 1)
      throw core::Error(where + "/final_obs: dataset \"" + key + "\" has " + std::to_string(values.cols()) +
                        " rows, expected 1");
    ending.obs[key] = values.col(0);
  }
  if (finalObs.getNumObjs() != dims.size())
    throw core::Error(where + ": final_obs holds keys that are not in env_args");
  const int64_t terminated = ReadIntAttribute(demo, "terminated", where);
  if (terminated != 0 && terminated != 1)
    throw core::Error(where + ": attribute \"terminated\" must be 0 or 1, got " + std::to_string(terminated));
  ending.terminated = terminated == 1;
  H5::Group next = OpenGroup(demo, "next_obs", where);
  for (const auto& [key, dim] : dims)  // links only: opening the view would decode its mapping (see the header)
    if (!next.nameExists(key)) throw core::Error(where + ": missing next_obs \"" + key + "\"");
  return ending;
}

}  // namespace learning::data
