#include "app/gui/episode_buffer.h"

#include <algorithm>

#include "core/error.h"
#include "learning/imitation/rollout.h"

namespace app {

void EpisodeBuffer::Clear() {
  obs_.clear();
  dims_.clear();
  actions_.clear();
  labels_.clear();
  labelled_.clear();
  rewards_.clear();
  dones_.clear();
  ending_ = {};
}

void EpisodeBuffer::BeginStep(const sim::Observation& observation, const sim::Action& executed,
                              const sim::Action& label, bool labelled) {
  ILD_CHECK(rewards_.size() == actions_.size(), "BeginStep before the previous step ended");
  for (const sim::ObservationComponent& component : observation.Components()) {
    auto [dim, inserted] = dims_.emplace(component.key, static_cast<int>(component.values.size()));
    ILD_CHECK(inserted ? actions_.empty() : dim->second == static_cast<int>(component.values.size()),
              "observation layout changed within an episode");
    std::vector<float>& values = obs_[component.key];
    values.insert(values.end(), component.values.begin(), component.values.end());
  }
  actions_.push_back(executed);
  labels_.push_back(label);
  labelled_.push_back(labelled ? 1 : 0);
}

void EpisodeBuffer::EndStep(float reward, bool done, const sim::Observation& next, bool terminated) {
  ILD_CHECK(rewards_.size() + 1 == actions_.size(), "EndStep without BeginStep");
  rewards_.push_back(reward);
  dones_.push_back(done ? 1 : 0);
  ending_.terminated = terminated;
  for (const sim::ObservationComponent& component : next.Components())
    ending_.obs[component.key] = Eigen::Map<const Eigen::VectorXf>(
        component.values.data(), static_cast<Eigen::Index>(component.values.size()));
}

learning::data::Episode EpisodeBuffer::ToEpisode(uint64_t seed, const std::string& source,
                                                 const std::string& scenario,
                                                 const sim::EpisodeMetrics& metrics) const {
  ILD_CHECK(rewards_.size() == actions_.size(), "ToEpisode with a step still open");
  learning::data::Episode episode;
  int steps = Length();
  for (const auto& [key, values] : obs_) {
    int dim = dims_.at(key);
    episode.obs[key] = Eigen::Map<const Eigen::MatrixXf>(values.data(), dim, steps);
  }
  episode.actions.resize(2, steps);
  episode.labels.resize(2, steps);
  episode.rewards.resize(steps);
  for (int t = 0; t < steps; ++t) {
    episode.actions(0, t) = actions_[t].steer;
    episode.actions(1, t) = actions_[t].accel;
    episode.labels(0, t) = labels_[t].steer;
    episode.labels(1, t) = labels_[t].accel;
    episode.rewards(t) = rewards_[t];
  }
  episode.dones = dones_;
  if (std::find(labelled_.begin(), labelled_.end(), 0) != labelled_.end()) episode.labelled = labelled_;
  episode.ending = ending_;
  episode.seed = seed;
  episode.source = source;
  episode.scenario = scenario;
  learning::imitation::RecordOutcome(metrics, episode);
  return episode;
}

}  // namespace app
