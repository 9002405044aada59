#pragma once
// Traffic models (Treiber's Intelligent Driver Model for car following; Kesting's MOBIL for lane changes).
// IDM: a = a_max [1 - (v/v0)^δ - (s*/s)^2], s* = s0 + max(0, v T + v Δv / (2 sqrt(a_max b))), Δv = v - v_leader.
// MOBIL: change when the own gain minus politeness × the new and old followers' losses exceeds a threshold and
// the new follower would not have to brake harder than safeDecel.

namespace sim {

struct IdmDef {
  double maxAccel = 1.5;       // [m/s²] a_max
  double comfortDecel = 3.0;   // [m/s²] b
  double timeHeadway = 1.5;    // [s] T
  double minGap = 2.0;         // [m] s0, bumper to bumper at standstill
  double delta = 4.0;          // [-] free-road exponent
  double maxDecel = 9.0;       // [m/s²] the model's output is clamped here

  template <class V>
  void Visit(V& v) {
    v("maxAccel", maxAccel, 0.1, 10.0);
    v("comfortDecel", comfortDecel, 0.1, 10.0);
    v("timeHeadway", timeHeadway, 0.1, 5.0);
    v("minGap", minGap, 0.0, 20.0);
    v("delta", delta, 1.0, 10.0);
    v("maxDecel", maxDecel, 0.5, 20.0);
  }
  bool operator==(const IdmDef&) const = default;
};

struct MobilDef {
  bool enabled = true;
  double politeness = 0.3;     // [-] p
  double gainThreshold = 0.2;  // [m/s²] Δa_th
  double safeDecel = 4.0;      // [m/s²] b_safe
  double checkInterval = 1.0;  // [s] each car re-evaluates this often
  double rightBias = 0.3;      // [m/s²] keep-right incentive (above gainThreshold: free cars return right)

  template <class V>
  void Visit(V& v) {
    v("enabled", enabled);
    v("politeness", politeness, 0.0, 2.0);
    v("gainThreshold", gainThreshold, 0.0, 5.0);
    v("safeDecel", safeDecel, 0.5, 20.0);
    v("checkInterval", checkInterval, 0.05, 60.0);
    v("rightBias", rightBias, -2.0, 2.0);
  }
  bool operator==(const MobilDef&) const = default;
};

// Acceleration [m/s²] for speed v [m/s], desired speed v0, bumper gap [m] to the leader and its speed
// (gap = +inf for a free road).
double IdmAccel(const IdmDef& def, double v, double v0, double gap, double leaderSpeed);

// Equilibrium bumper gap [m] at speed v behind a leader at the same speed, for v < v0.
double IdmEquilibriumGap(const IdmDef& def, double v, double v0);

}  // namespace sim
