#include "learning/imitation/dagger_labeller.h"

#include "core/error.h"

namespace learning::imitation {

LabelSteps ParseLabelSteps(const std::string& name) {
  if (name == "where-acted") return LabelSteps::kWhereActed;
  if (name == "every") return LabelSteps::kEvery;
  throw core::Error("unknown label steps \"" + name + "\" (expected where-acted or every)");
}

const char* LabelStepsName(LabelSteps steps) { return steps == LabelSteps::kWhereActed ? "where-acted" : "every"; }

}  // namespace learning::imitation
