#include "app/gui/training_job.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "app/gui/background_thread.h"

namespace app {

namespace {

constexpr const char* kDaggerSource = "dagger";

}  // namespace

learning::data::Dataset TrainingData(const learning::data::Dataset& data, TrainScope scope) {
  if (scope == TrainScope::kAll) return data;
  learning::data::Dataset demos;
  demos.envArgs = data.envArgs;
  std::vector<int> newIndex(data.episodes.size(), -1);
  for (size_t i = 0; i < data.episodes.size(); ++i) {
    if (data.episodes[i].source == kDaggerSource) continue;
    newIndex[i] = static_cast<int>(demos.episodes.size());
    demos.episodes.push_back(data.episodes[i]);
  }
  for (auto [from, to] : {std::pair{&data.train, &demos.train}, std::pair{&data.valid, &demos.valid}})
    for (int i : *from)
      if (newIndex[static_cast<size_t>(i)] >= 0) to->push_back(newIndex[static_cast<size_t>(i)]);
  return demos;
}

int CountDagger(const learning::data::Dataset& data) {
  return static_cast<int>(std::count_if(data.episodes.begin(), data.episodes.end(),
                                        [](const auto& episode) { return episode.source == kDaggerSource; }));
}

void TrainingJob::Start(const learning::policies::PolicyConfig& config, const learning::policies::ObsDims& dims,
                        learning::data::Dataset snapshot, const learning::imitation::TrainOptions& options) {
  Cancel();
  learning::imitation::ValidateTrainOptions(options);
  auto policy = std::make_shared<learning::policies::Policy>(config, dims);
  {
    std::lock_guard lock(mutex_);
    status_ = {};
    status_.running = true;
    status_.episodes = static_cast<int>(snapshot.episodes.size());
    status_.daggerEpisodes = CountDagger(snapshot);
    result_.reset();
  }
  worker_ = std::jthread([this, policy, data = std::move(snapshot), options](std::stop_token stop) {
    LowerThisThreadPriority();
    auto progress = [this](const learning::imitation::TrainProgress& p) {
      std::lock_guard lock(mutex_);
      status_.fraction = p.totalSteps > 0 ? static_cast<double>(p.step) / static_cast<double>(p.totalSteps) : 0.0;
      status_.steps.push_back(static_cast<float>(p.step));
      status_.trainLoss.push_back(static_cast<float>(p.trainLoss));
      status_.validLoss.push_back(static_cast<float>(p.validLoss));  // NaN until evaluated: the plot skips it
    };
    std::string message;
    bool ok = false;
    bool failed = false;
    try {
      learning::imitation::TrainResult result =
          learning::imitation::TrainBehaviourCloning(*policy, data, options, progress, stop);
      ok = result.status != learning::imitation::TrainStatus::kCancelled;
      message = std::string(learning::imitation::TrainStatusName(result.status)) + ": " +
                std::to_string(result.steps) + " steps, valid loss " + std::to_string(result.validLoss) +
                (result.message.empty() ? "" : " (" + result.message + ")");
    } catch (const std::exception& e) {
      message = std::string("training failed: ") + e.what();
      failed = true;
    }
    std::lock_guard lock(mutex_);
    status_.failed = failed;
    status_.running = false;
    status_.finished = true;
    status_.message = message;
    if (ok) result_ = policy;
  });
}

void TrainingJob::Cancel() {
  if (worker_.joinable()) {
    worker_.request_stop();
    worker_.join();
  }
}

TrainingStatus TrainingJob::Status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

std::shared_ptr<const learning::policies::Policy> TrainingJob::TakeResult() {
  std::optional<TrainingEnd> end = TakeEnd();
  return end ? end->policy : nullptr;
}

std::optional<TrainingEnd> TrainingJob::TakeEnd() {
  std::lock_guard lock(mutex_);
  if (!status_.finished) return std::nullopt;
  status_.finished = false;
  return TrainingEnd{std::move(result_), status_.message, status_.failed, status_.episodes};
}

}  // namespace app
