#include "learning/imitation/lessons/lesson_registry.h"

#include <chrono>

#include "core/error.h"
#include "core/named_table.h"
#include "learning/imitation/lessons/lessons.h"

namespace learning::imitation {

std::vector<LessonEntry> Lessons() {
  return {
      {"causal_confusion", "brake_light: BC with vs without the brake lamp, previous action, DAgger",
       CausalConfusionLesson},
      {"multimodal", "lane_choice: MSE/Gaussian vs multimodal heads on a tight (and a loose) decision window",
       MultimodalLesson},
      {"covarying", "fast_slow: independent vs autoregressive bins, held decisions vs 20 Hz control",
       CovaryingLesson},
      {"noise_injection", "highway: clean expert demos vs noisy-expert demos (clean labels), same episodes",
       NoiseInjectionLesson},
      {"goal_conditioned", "goal_arena: BC with vs without the goal as an observation key", GoalConditionedLesson},
      {"pretrain_finetune", "highway: small curated vs large noisy vs pre-train then fine-tune", PretrainFinetuneLesson},
      {"history", "brake_light: one frame vs stacked/transformer history, with vs without the previous action",
       HistoryLesson},
      {"chunking", "highway: action chunking H/h and temporal ensembling, scripted vs human-like demonstrations",
       ChunkingLesson},
      {"keyboard_demos", "highway: clones of simulated keyboard demonstrations vs clean expert ones (--sweep: by count)",
       KeyboardDemosLesson},
      {"keyboard_dagger", "highway: DAgger labelled by the keyboard person: expert, keys every step, where acted, takeovers",
       KeyboardDaggerLesson},
  };
}

LessonEntry FindLesson(const std::string& name) {
  const std::vector<LessonEntry> table = Lessons();
  if (const LessonEntry* e = core::FindByName(table, name)) return *e;
  throw core::Error("unknown lesson \"" + name + "\" (lessons: " + core::JoinNames(table) + ")");
}

LessonResult RunLesson(const std::string& name, const LessonOptions& options) {
  const LessonEntry entry = FindLesson(name);
  if (options.threads < 1) throw core::Error("lesson: threads must be >= 1");
  if (options.seeds < 0 || options.evalEpisodes < 0) throw core::Error("lesson: seeds and episodes must be >= 0");
  const auto start = std::chrono::steady_clock::now();
  LessonResult result = entry.run(options);
  result.lesson = entry.name;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace learning::imitation
