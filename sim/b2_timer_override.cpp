// Replaces Box2D's profiling timer (b2Timer) with a no-op in every executable that links ildrive_sim.
// Debian's Box2D 2.4.1 times each island and phase of b2World::Step with gettimeofday; that profiling is ~44% of
// a highway step (docs/design.md, "Toolchain facts"). The library exports b2Timer and is not linked -Bsymbolic, so these definitions,
// linked into the executable as an OBJECT library, take precedence over the library's own. b2World::GetProfile()
// then reads zeros, which tests/sim/test_b2_timer.cpp uses to check that the override is in effect.
#include <box2d/b2_timer.h>

b2Timer::b2Timer() : m_start_sec(0), m_start_usec(0) {}

void b2Timer::Reset() {}

float b2Timer::GetMilliseconds() const { return 0.f; }
