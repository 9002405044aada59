#pragma once
// Worker threads of the window (training, the prediction fan) call this first: the calling thread gets a lower
// scheduling priority (Linux nice +5 for this thread and the threads it starts), so where they share a core the
// frame loop wins most of it and the window keeps its frame rate while the worker takes what is left.
namespace app {

// Best effort: a refusal by the system leaves the priority as it was.
void LowerThisThreadPriority();

}  // namespace app
