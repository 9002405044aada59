#include "sim/scenarios/brake_light.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "sim/scenario_base.h"

namespace sim {

namespace {

constexpr double kMoving = 0.3;  // [m/s] above this a car counts as moving

class BrakeLight : public ScenarioBase<BrakeLightDef> {
 public:
  explicit BrakeLight(const BrakeLightDef& def) : ScenarioBase(def) {
    if (def.cruiseMin > def.cruiseMax || def.cruiseTimeMin > def.cruiseTimeMax ||
        def.brakeDecelMin > def.brakeDecelMax || def.waitMin > def.waitMax)
      throw core::Error("brake_light: each …Min must not exceed its …Max");
    if (def.common.nearestVehicles < 1) throw core::Error("brake_light: common.nearestVehicles must be at least 1");
    // The lead starts at the expert's equilibrium gap behind a cruise speed, which exists only below the expert's
    // own desired speed (IdmEquilibriumGap divides by sqrt(1 - (v / v0)^delta)).
    if (def.cruiseMax >= def.expertSpeed)
      throw core::Error("brake_light: cruiseMax must be below expertSpeed (the expert follows the lead at cruise speed)");
  }
  std::string Name() const override { return "brake_light"; }
  std::vector<std::string> ObservationKeys() const override {
    return WithLidar({"ego", "controls", "vehicles", "brake_indicator"}, def_.common);
  }

  void Build(World& world, uint64_t seed) override {
    const core::Rng rng(seed);
    world.SetRoad(std::make_unique<Road>(RoadPath({0.0, 0.0}, 0.0).Straight(def_.roadLength), 1, def_.laneWidth,
                                         def_.expertSpeed),
                  def_.common.roadEdge == "off_road");
    script_ = rng.Derive(kSaltScript);
    noise_ = rng.Derive(kSaltSensorNoise);
    disturbanceRng_ = rng.Derive(kSaltDisturbance);
    cruise_ = script_.Uniform(def_.cruiseMin, def_.cruiseMax);
    const Road& road = world.GetRoad();
    const VehicleDef& car = def_.common.vehicle;
    const StartPose start = DrawStartPose(rng, def_.common, road, 0.0, def_.egoStart, cruise_);
    world.AddEgo(car, road.Path().Position(def_.egoStart, start.offset), start.heading, cruise_);
    const double gap = IdmEquilibriumGap(def_.expertIdm, cruise_, def_.expertSpeed);
    const double leadS = def_.egoStart + gap + car.length;
    Vehicle& lead = world.AddTrafficCar(road.Path().Position(leadS, 0.0), 0.0, cruise_);
    lead.traffic.scripted = true;
    lead.traffic.laneChanges = false;
    phase_ = Phase::kCruise;
    phaseLeft_ = script_.Uniform(def_.cruiseTimeMin, def_.cruiseTimeMax);
    decel_ = 0.0;
    disturbance_ = 0.0;
    waitingSince_ = -1.0;
    delays_.clear();
    stops_ = 0;
    leadWasStopped_ = false;
    lastTime_ = 0.0;
  }

  double BeforeTick(World& world) override {
    const double dt = world.Dt();
    Vehicle& lead = world.Vehicles()[1];
    TrafficState& t = lead.traffic;
    switch (phase_) {
      case Phase::kCruise:
        t.accel = std::clamp(cruise_ - t.speed, -1.0, 1.0);
        phaseLeft_ -= dt;
        if (phaseLeft_ <= 0.0) {
          phase_ = Phase::kBrake;
          decel_ = script_.Uniform(def_.brakeDecelMin, def_.brakeDecelMax);
        }
        break;
      case Phase::kBrake:
        t.accel = -decel_;
        if (t.speed + t.accel * dt <= 0.0) {
          phase_ = Phase::kWait;
          phaseLeft_ = script_.Uniform(def_.waitMin, def_.waitMax);
          ++stops_;
        }
        break;
      case Phase::kWait:
        t.accel = 0.0;
        phaseLeft_ -= dt;
        if (phaseLeft_ <= 0.0) phase_ = Phase::kDriveOff;
        break;
      case Phase::kDriveOff:
        t.accel = def_.driveOffAccel;
        if (t.speed >= cruise_) {
          phase_ = Phase::kCruise;
          phaseLeft_ = script_.Uniform(def_.cruiseTimeMin, def_.cruiseTimeMax);
        }
        break;
    }
    t.speed = std::max(0.0, t.speed + t.accel * dt);
    if (phase_ == Phase::kWait) t.speed = 0.0;
    // AR(1) disturbance on the ego, stationary std `disturbance`.
    const double rho = std::exp(-dt / def_.disturbanceTime);
    disturbance_ = rho * disturbance_ + def_.disturbance * std::sqrt(1.0 - rho * rho) * disturbanceRng_.Normal();
    return disturbance_;
  }

  void AfterControlStep(const World& world, const StepEvents& /*events*/) override {
    const double egoSpeed = world.Speed(0);
    const double leadSpeed = world.Vehicles()[1].traffic.speed;
    // A drive-off: the lead moves again while the ego stands behind it; the delay ends when the ego moves.
    if (waitingSince_ < 0.0 && leadWasStopped_ && leadSpeed > kMoving && egoSpeed < kMoving)
      waitingSince_ = world.Time();
    if (waitingSince_ >= 0.0 && egoSpeed > kMoving) {
      delays_.push_back(world.Time() - waitingSince_);
      waitingSince_ = -1.0;
    }
    leadWasStopped_ = leadSpeed <= kMoving;
    lastTime_ = world.Time();
  }

  void Perturb(Observation& obs) override {
    if (ObservationComponent* c = obs.Find("vehicles"); c != nullptr && c->values[0] > 0.f) {
      const double gap = std::max(0.0, static_cast<double>(c->values[1]));
      c->values[1] += static_cast<float>(noise_.Normal(0.0, def_.gapNoise + def_.gapNoisePerMetre * gap));
      c->values[3] += static_cast<float>(noise_.Normal(0.0, def_.relSpeedNoise + def_.relSpeedNoisePerMetre * gap));
    }
    if (ObservationComponent* c = obs.Find("ego")) c->values[0] += static_cast<float>(noise_.Normal(0.0, def_.egoSpeedNoise));
  }

  Action ExpertAction(const World& world, ActionMode mode) const override {
    const double v = world.Speed(0);
    const double leadSpeed = world.Vehicles()[1].traffic.speed;
    double a = IdmAccelBehind(world, def_.expertIdm, def_.expertSpeed);
    if (leadSpeed < kMoving) {
      // Behind a stopped lead, stop decisively (below 2 m/s brake at holdBrake instead of IDM's slow creep) and
      // hold the brake at a standstill until the lead moves off (so the lamp stays on while waiting; docs/design.md).
      const double room = world.Gap(0, 1) - def_.expertIdm.minGap;
      a = std::min(a, -v * v / (2.0 * std::max(room, 0.1)));
      if (v < 2.0) a = std::min(a, -def_.holdBrake);
    }
    return LaneExpertAction(world, def_.common, mode, 0.0, a, std::max(0.0, v + a * def_.common.decisionPeriod));
  }

  void RewardTerms(const World& world, const StepEvents& events,
                   std::vector<std::pair<std::string, float>>& terms) const override {
    RoadRewardTerms(world, events, terms);
  }
  double Progress(const World& world) const override { return world.EgoVehicle().coords.s - def_.egoStart; }
  void ExtraMetrics(const World& /*world*/, std::vector<std::pair<std::string, double>>& extra) const override {
    std::vector<double> delays = delays_;
    if (waitingSince_ >= 0.0) delays.push_back(lastTime_ - waitingSince_);  // still waiting at the end
    double sum = 0.0, maxDelay = 0.0;
    int over3 = 0;
    for (double d : delays) {
      sum += d;
      maxDelay = std::max(maxDelay, d);
      over3 += d > 3.0 ? 1 : 0;
    }
    const double n = static_cast<double>(delays.size());
    extra.emplace_back("lead_stops", stops_);
    extra.emplace_back("drive_offs", n);
    extra.emplace_back("mean_start_delay", n > 0 ? sum / n : 0.0);
    extra.emplace_back("max_start_delay", maxDelay);
    extra.emplace_back("share_start_delay_over_3s", n > 0 ? over3 / n : 0.0);
    extra.emplace_back("weight:mean_start_delay", n);  // both are means over the drive-offs (EpisodeMetrics)
    extra.emplace_back("weight:share_start_delay_over_3s", n);
  }

 private:
  // IDM for the ego behind the lead (vehicle 1), with the expert's parameters.
  static double IdmAccelBehind(const World& world, const IdmDef& idm, double v0) {
    return IdmAccel(idm, world.Speed(0), v0, world.Gap(0, 1), world.Vehicles()[1].traffic.speed);
  }

  enum class Phase { kCruise, kBrake, kWait, kDriveOff };
  core::Rng script_, noise_, disturbanceRng_;
  double cruise_ = 15.0;
  Phase phase_ = Phase::kCruise;
  double phaseLeft_ = 0.0;
  double decel_ = 0.0;
  double disturbance_ = 0.0;
  bool leadWasStopped_ = false;
  double waitingSince_ = -1.0;
  double lastTime_ = 0.0;
  std::vector<double> delays_;
  int stops_ = 0;
};

}  // namespace

std::unique_ptr<Scenario> MakeBrakeLight(const BrakeLightDef& def) { return std::make_unique<BrakeLight>(def); }

}  // namespace sim
