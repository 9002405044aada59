#pragma once
// Behaviour cloning on a worker thread, so the window keeps drawing: the job trains a fresh policy on a snapshot
// of the dataset, publishes progress (step, losses) through a mutex-guarded copy the UI reads each frame, stops
// cooperatively on Cancel, and hands over the finished policy whole (the app swaps it in).
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "app/gui/intents.h"
#include "learning/data/dataset.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy.h"

namespace app {

struct TrainingStatus {
  bool running = false;
  bool finished = false;  // a result (or an error) is waiting to be taken
  double fraction = 0.0;  // of the planned steps
  int episodes = 0;       // in the snapshot trained on
  int daggerEpisodes = 0; // of which DAgger-labelled
  std::vector<float> steps;                 // optimiser step of each progress report
  std::vector<float> trainLoss, validLoss;  // one point per progress report (valid: NaN before the first evaluation)
  std::string message;    // the outcome, or the error
  bool failed = false;    // the run ended with an error (message says which)
};

// How a run ended, taken once by the app.
struct TrainingEnd {
  std::shared_ptr<const learning::policies::Policy> policy;  // nullptr after an error or a cancel
  std::string message;
  bool failed = false;
  int episodes = 0;
};

// The episodes a run of `scope` learns from, in order, each keeping its train/valid membership.
learning::data::Dataset TrainingData(const learning::data::Dataset& data, TrainScope scope);
int CountDagger(const learning::data::Dataset& data);

class TrainingJob {
 public:
  ~TrainingJob() { Cancel(); }
  // Builds the policy on the calling thread (so a bad config or missing key throws core::Error here), then
  // trains it on a worker thread.
  void Start(const learning::policies::PolicyConfig& config, const learning::policies::ObsDims& dims,
             learning::data::Dataset snapshot, const learning::imitation::TrainOptions& options);
  void Cancel();
  TrainingStatus Status() const;
  // The trained policy once finished (nullptr while running, after an error, or when already taken).
  std::shared_ptr<const learning::policies::Policy> TakeResult();
  // Once a run has ended: how (std::nullopt while running, before any run, or when already taken).
  std::optional<TrainingEnd> TakeEnd();

 private:
  mutable std::mutex mutex_;
  TrainingStatus status_;
  std::shared_ptr<learning::policies::Policy> result_;
  std::jthread worker_;
};

}  // namespace app
