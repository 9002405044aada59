#include "app/gui/background_thread.h"

#include <sys/resource.h>
#include <unistd.h>

namespace app {

namespace {

// 0 = normal, 19 = lowest. Under CFS a nice-5 thread weighs ~1/3 of a normal one: where it shares a core with the
// frame loop the loop gets ~3/4 of it, yet the worker still makes progress beside other busy processes (at +10 a
// lesson crawled at ~1/10 weight on a machine loaded by other builds).
constexpr int kBackgroundNice = 5;

}  // namespace

void LowerThisThreadPriority() {
  // On Linux a thread id is a valid PRIO_PROCESS target and nice is per thread.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice);
}

}  // namespace app
