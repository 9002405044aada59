#pragma once
// What a lesson task records of a job's expensive steps, as JSON that round-trips exactly (doubles with 17
// significant digits, non-finite values as strings, the policy as its HDF5 checkpoint in base64), so a merge
// that replays them computes bit-identical tables (lesson_tasks.h).
#include <memory>
#include <nlohmann/json.hpp>

#include "learning/imitation/evaluation.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy.h"

namespace learning::imitation {

nlohmann::json EncodeTraining(const policies::Policy& policy, const TrainResult& result);
// core::Error when the record is not a training record or its checkpoint does not load.
TrainResult DecodeTraining(const nlohmann::json& record, std::shared_ptr<policies::Policy>& policy);

nlohmann::json EncodeEvaluation(const EvaluationSummary& summary);
EvaluationSummary DecodeEvaluation(const nlohmann::json& record);

}  // namespace learning::imitation
