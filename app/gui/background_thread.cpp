#include "app/gui/background_thread.h"

#include <sys/resource.h>
#include <unistd.h>

namespace app {

namespace {

constexpr int kBackgroundNice = 10;  // 0 = normal, 19 = lowest

}  // namespace

void LowerThisThreadPriority() {
  // On Linux a thread id is a valid PRIO_PROCESS target and nice is per thread.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice);
}

}  // namespace app
