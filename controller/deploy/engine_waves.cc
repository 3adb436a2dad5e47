// Engine: waves, bakes and approvals (docs/architecture.md "Waves").
//
//   Start ─PlanWaves─> wave 0 ─Advance─> ... ─(planner: kWaveDone)─> EndWave
//   EndWave ─(bake)─> InProgress, wait Bake until a stored deadline ─FireDueWaits─┐
//           └──────────────────────────────────────────────────────────────> AfterBake
//   AfterBake ─(watched alarm firing)─> Stopped, rolled back
//             ─(approval)─> Ready, wait Approval ─ContinueDeployment─┐
//                                             ─(deadline) STOP: Stopped TIMEOUT
//                                             ─(deadline) CONTINUE ──┤
//             ──────────────────────────────────────────────────> StartNextWave ─> Advance
//
// Every step is recorded in the deployment's wave history in the transaction that makes
// it; a wait is a deadline in the store, so a restarted controller ends it on time.
#include <algorithm>

#include "common/time_format.h"
#include "controller/deploy/engine.h"
#include "controller/deploy/planner_waves.h"

namespace berth::deploy {

using model::DeploymentStatus;
using model::WaitKind;

namespace {

std::string WaveName(const model::Deployment& d, int wave) {
  std::string name =
      "wave " + std::to_string(wave + 1) + " of " + std::to_string(d.waves.ends.size());
  if (wave < static_cast<int>(d.waves.labels.size()) && !d.waves.labels[wave].empty()) {
    name += " (" + d.config.rollout.wave_by + "=" + d.waves.labels[wave] + ")";
  }
  return name;
}

}  // namespace

void Engine::RecordWave(model::Deployment& d, const std::string& event, const std::string& detail) {
  d.waves.history.push_back({clock_->NowMs(), d.waves.current, event, detail});
}

Status Engine::PlanWaves(model::Deployment& d, std::vector<model::Instance>& hosts) {
  const model::Rollout& r = d.config.rollout;
  d.waves = model::WaveProgress();
  if (!r.HasWaves()) return Status::Ok();
  WavePlan plan;
  if (!r.wave_by.empty()) {
    std::vector<std::string> zones;
    for (const model::Instance& host : hosts) {
      auto it = host.tags.find(r.wave_by);
      zones.push_back(it == host.tags.end() ? "" : it->second);
    }
    ZonePlan zoned = PlanZoneWaves(zones, r.wave_order);
    std::vector<model::Instance> ordered;
    for (int i : zoned.order) ordered.push_back(std::move(hosts[i]));
    hosts = std::move(ordered);
    plan = std::move(zoned.plan);
  } else {
    plan = PlanSizedWaves(r.waves, static_cast<int>(hosts.size()));
  }
  d.waves.ends = plan.ends;
  d.waves.labels = plan.labels;
  RecordWave(d, "WaveStarted", WaveName(d, 0));
  return store_->UpdateDeployment(d);
}

Step Engine::NextStepFor(const model::Deployment& d, const HealthPolicy& policy,
                         const Progress& progress) {
  if (d.waves.ends.empty()) return NextStep(policy, progress);
  if (d.waves.wait != WaitKind::kNone) return Step();  // nothing starts while it waits
  WaveWindow window =
      MakeWaveWindow(d.waves.ends, d.waves.current, d.config.rollout.min_healthy_per_wave,
                     progress.failed - d.waves.failed_before);
  // The last wave takes every host left, also one an autoUpdate added after the start.
  if (d.waves.current + 1 == static_cast<int>(d.waves.ends.size())) {
    window.size += policy.total - window.end;
    window.end = policy.total;
  }
  return NextStepInWave(policy, progress, window);
}

Status Engine::EndWave(model::Deployment& d) {
  const model::Rollout& r = d.config.rollout;
  const int64_t bake_ms =
      d.waves.current == 0 && r.first_bake_ms >= 0 ? r.first_bake_ms : r.bake_ms;
  if (bake_ms <= 0) return AfterBake(d);
  d.waves.wait = WaitKind::kBake;
  d.waves.wait_until = clock_->NowMs() + bake_ms;
  RecordWave(d, "Baking", "watching alarms until " + FormatIsoMs(d.waves.wait_until));
  return store_->UpdateDeployment(d);
}

Status Engine::AfterBake(model::Deployment& d) {
  if (d.waves.wait == WaitKind::kBake) {
    ASSIGN_OR_RETURN(model::DeploymentGroup group, store_->GetDeploymentGroupById(d.group_id));
    ASSIGN_OR_RETURN(std::string firing, FiringAlarm(group));
    if (!firing.empty()) {
      RecordWave(d, "BakeFailed", "alarm \"" + firing + "\" is firing");
      return StopDeploymentInTransaction(
          d, model::DeploymentErrorCode::kAlarmActive,
          "alarm \"" + firing + "\" fired during the bake after " + WaveName(d, d.waves.current),
          /*rollback=*/true);
    }
    RecordWave(d, "BakePassed", "");
  }
  const model::Rollout& r = d.config.rollout;
  if (!r.approval) return StartNextWave(d, "", "");
  d.status = DeploymentStatus::kReady;
  d.waves.wait = WaitKind::kApproval;
  d.waves.wait_until = r.approval_timeout_ms > 0 ? clock_->NowMs() + r.approval_timeout_ms : 0;
  RecordWave(d, "Ready",
             "waiting for `berth deployment continue " + d.id + "` before " +
                 WaveName(d, d.waves.current + 1) +
                 (d.waves.wait_until > 0
                      ? " (until " + FormatIsoMs(d.waves.wait_until) + ", then " +
                            model::ApprovalTimeoutActionName(r.on_approval_timeout) + ")"
                      : ""));
  RETURN_IF_ERROR(store_->UpdateDeployment(d));
  return Emit(d, "DeploymentReady", nullptr);
}

Status Engine::StartNextWave(model::Deployment& d, const std::string& event,
                             const std::string& detail) {
  if (!event.empty()) RecordWave(d, event, detail);
  ASSIGN_OR_RETURN(model::DeploymentOverview counts, store_->CountTargets(d.id));
  d.status = DeploymentStatus::kInProgress;
  d.waves.wait = WaitKind::kNone;
  d.waves.wait_until = 0;
  d.waves.failed_before = counts.failed + counts.skipped + counts.unknown;
  d.waves.current = std::min<int>(d.waves.current + 1, static_cast<int>(d.waves.ends.size()) - 1);
  RecordWave(d, "WaveStarted", WaveName(d, d.waves.current));
  RETURN_IF_ERROR(store_->UpdateDeployment(d));
  return Advance(d);
}

Status Engine::ContinueDeployment(const std::string& deployment_id) {
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(deployment_id));
    if (d.status != DeploymentStatus::kReady) {
      std::string why = std::string("its status is ") + model::DeploymentStatusName(d.status);
      if (d.waves.wait == WaitKind::kBake && !model::IsTerminal(d.status)) {
        why += ", baking until " + FormatIsoMs(d.waves.wait_until);
      }
      return FailedPrecondition("deployment " + d.id + " is not waiting for approval (" + why +
                                ")");
    }
    return StartNextWave(d, "Continued", "by request");
  });
}

Result<int> Engine::FireDueWaits() {
  ASSIGN_OR_RETURN(
      std::vector<model::Deployment> active,
      store_->ListDeployments(
          {.statuses = {DeploymentStatus::kInProgress, DeploymentStatus::kReady}, .limit = 0}));
  const model::TimeMs now = clock_->NowMs();
  int fired = 0;
  for (const model::Deployment& listed : active) {
    if (listed.waves.wait == WaitKind::kNone || listed.waves.wait_until == 0 ||
        listed.waves.wait_until > now) {
      continue;
    }
    bool one = false;
    RETURN_IF_ERROR(FireWait(listed.id, &one));
    fired += one;
  }
  return fired;
}

Status Engine::FireWait(const std::string& deployment_id, bool* fired) {
  return store_->Transact([&]() -> Status {
    // Re-read: a continue, a stop or an alarm may have come first.
    ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(deployment_id));
    const model::TimeMs now = clock_->NowMs();
    if (model::IsTerminal(d.status) || d.waves.wait_until == 0 || d.waves.wait_until > now) {
      return Status::Ok();
    }
    *fired = true;
    if (d.waves.wait == WaitKind::kBake) return AfterBake(d);
    if (d.waves.wait != WaitKind::kApproval) return Status::Ok();
    const std::string what = "nobody continued the deployment before " +
                             WaveName(d, d.waves.current + 1) + " by " +
                             FormatIsoMs(d.waves.wait_until);
    if (d.config.rollout.on_approval_timeout == model::ApprovalTimeoutAction::kContinue) {
      return StartNextWave(d, "ApprovalTimedOut", what + "; continuing");
    }
    RecordWave(d, "ApprovalTimedOut", what + "; stopping");
    return StopDeploymentInTransaction(d, model::DeploymentErrorCode::kTimeout, what, false);
  });
}

}  // namespace berth::deploy
