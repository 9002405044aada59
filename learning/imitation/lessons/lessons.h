#pragma once
// One function per lesson (one file each in this folder); lesson_registry.cpp lists them.
#include "learning/imitation/lessons/lesson_registry.h"

namespace learning::imitation {

LessonResult CausalConfusionLesson(const LessonOptions& options);
LessonResult MultimodalLesson(const LessonOptions& options);
LessonResult CovaryingLesson(const LessonOptions& options);
LessonResult GoalConditionedLesson(const LessonOptions& options);
LessonResult NoiseInjectionLesson(const LessonOptions& options);
LessonResult PretrainFinetuneLesson(const LessonOptions& options);
LessonResult HistoryLesson(const LessonOptions& options);
LessonResult ChunkingLesson(const LessonOptions& options);
LessonResult KeyboardDemosLesson(const LessonOptions& options);
LessonResult KeyboardDaggerLesson(const LessonOptions& options);

}  // namespace learning::imitation
