#pragma once
// Checks a quick lesson run's figures as `ildrive lesson NAME --quick --figures DIR` writes them: every expected
// figure is there, each PNG decodes at the size the layout gives, every panel's plot area holds drawn pixels, and
// the JSON beside it holds the same panels. Built only with the app (SDL draws the figures); a no-op without.
#include "learning/imitation/lessons/lesson_table.h"

void CheckLessonFigures(const learning::imitation::LessonResult& result);
