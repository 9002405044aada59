#include "sim/car.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace sim {

namespace {
constexpr double kGravity = 9.81;  // [m/s²]

double Cross(b2Vec2 a, b2Vec2 b) { return static_cast<double>(a.x) * b.y - static_cast<double>(a.y) * b.x; }
double Dot(b2Vec2 a, b2Vec2 b) { return static_cast<double>(a.x) * b.x + static_cast<double>(a.y) * b.y; }
}  // namespace

Car::Car(b2Body* body, const VehicleDef& def) : body_(body), def_(def) {
  ILD_CHECK(body != nullptr, "car needs a body");
}

double Car::CommandedAccel() const {
  return command_.accel >= 0.f ? command_.accel * def_.maxAccel : command_.accel * def_.maxBrakeDecel;
}

double Car::ForwardSpeed() const { return Dot(body_->GetLinearVelocity(), body_->GetWorldVector(b2Vec2(1.f, 0.f))); }

double Car::LateralSpeed() const { return Dot(body_->GetLinearVelocity(), body_->GetWorldVector(b2Vec2(0.f, 1.f))); }

void Car::Apply(const Action& command, double dt, double extraAccel) {
  command_.steer = std::clamp(command.steer, -1.f, 1.f);
  command_.accel = std::clamp(command.accel, -1.f, 1.f);

  // Steering: move toward the commanded angle at the rate limit.
  const double target = command_.steer * def_.MaxSteerAngleAt(ForwardSpeed());
  const double maxDelta = def_.maxSteerRate * dt;
  steerAngle_ += std::clamp(target - steerAngle_, -maxDelta, maxDelta);

  const double m = body_->GetMass();
  const double inertia = body_->GetInertia();  // about the centre of mass
  const b2Vec2 forward = body_->GetWorldVector(b2Vec2(1.f, 0.f));
  const b2Vec2 left = body_->GetWorldVector(b2Vec2(0.f, 1.f));
  const double cs = std::cos(steerAngle_), sn = std::sin(steerAngle_);
  const b2Vec2 frontLeft(static_cast<float>(cs * left.x - sn * forward.x),
                         static_cast<float>(cs * left.y - sn * forward.y));  // front axle's sideways direction
  const float halfBase = static_cast<float>(def_.wheelBase / 2);
  const b2Vec2 rFront = halfBase * forward;
  const b2Vec2 rRear = -halfBase * forward;
  const b2Vec2 centre = body_->GetWorldCenter();

  // Lateral tyre impulses: solve K j = -c for both axles at once (c = sideways velocity at each axle).
  const b2Vec2 v = body_->GetLinearVelocity();
  const double w = body_->GetAngularVelocity();
  auto pointVel = [&](b2Vec2 r) { return b2Vec2(static_cast<float>(v.x - w * r.y), static_cast<float>(v.y + w * r.x)); };
  const double cF = Dot(pointVel(rFront), frontLeft);
  const double cR = Dot(pointVel(rRear), left);
  const double aF = Cross(rFront, frontLeft), aR = Cross(rRear, left);
  const double k11 = 1.0 / m + aF * aF / inertia;
  const double k22 = 1.0 / m + aR * aR / inertia;
  const double k12 = Dot(frontLeft, left) / m + aF * aR / inertia;
  const double det = k11 * k22 - k12 * k12;
  double jF = 0.0, jR = 0.0;
  if (std::abs(det) > 1e-12) {
    jF = (-cF * k22 + cR * k12) / det;
    jR = (-cR * k11 + cF * k12) / det;
  }
  const double maxJ = def_.tyreFriction * m * kGravity / 2 * dt;
  jF = std::clamp(jF, -maxJ, maxJ);
  jR = std::clamp(jR, -maxJ, maxJ);
  body_->ApplyLinearImpulse(static_cast<float>(jF) * frontLeft, centre + rFront, true);
  body_->ApplyLinearImpulse(static_cast<float>(jR) * left, centre + rRear, true);

  // Longitudinal: drive fades to zero at top speed; brake and rolling resistance never reverse the car.
  const double vf = ForwardSpeed();
  double dv = extraAccel * dt;
  const double commanded = CommandedAccel();
  if (commanded > 0.0) {
    const double r = std::clamp(vf / def_.maxSpeed, 0.0, 1.0);
    dv += commanded * (1.0 - r * r) * dt;
  }
  double resist = def_.rollingDecel * dt;
  if (commanded < 0.0) resist += -commanded * dt;
  const double vAfterDrive = vf + dv;
  const double stop = std::clamp(-vAfterDrive, -resist, resist);  // opposes motion, at most to a standstill
  dv += stop;
  body_->ApplyLinearImpulse(static_cast<float>(m * dv) * forward, centre, true);
}

}  // namespace sim
