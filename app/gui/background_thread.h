#pragma once
// Worker threads of the window (training, lessons) call this first: the calling thread gets a lower scheduling
// priority (Linux nice +10 for this thread only), so on a machine with few cores the frame loop wins the CPU
// and the window keeps its frame rate while the worker takes what is left.
namespace app {

// Best effort: a refusal by the system leaves the priority as it was.
void LowerThisThreadPriority();

}  // namespace app
