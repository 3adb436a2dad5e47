#include "cli/rollout_flags.h"

#include "common/duration.h"
#include "common/model/rollout_json.h"

namespace berth::cli {
namespace {

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char ch : text + ",") {
    if (ch == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (ch != ' ') {
      item += ch;
    }
  }
  return out;
}

Result<model::WaveSize> WaveSizeFlag(const std::string& text, const std::string& flag) {
  model::WaveSize size;
  if (!model::ParseWaveSize(text, &size)) {
    return InvalidArgument(flag + " \"" + text +
                           "\" is not a host count (1 or more) or a percentage (1% to 100%)");
  }
  return size;
}

// Whole seconds, as milliseconds.
Result<int64_t> SecondsFlag(const std::string& text, const std::string& flag) {
  Result<int64_t> ms = ParseDurationMs(text);
  if (!ms.ok()) return InvalidArgument(flag + ": " + ms.status().message());
  if (*ms % 1000 != 0) return InvalidArgument(flag + " \"" + text + "\" is not whole seconds");
  return *ms;
}

}  // namespace

void AddRolloutFlags(CLI::App* cmd, RolloutFlags* flags, bool with_canary) {
  cmd->add_option("--waves", flags->waves,
                  "Deploy in waves of these cumulative sizes, e.g. 1,10%,50%,100%");
  cmd->add_option("--wave-by", flags->wave_by,
                  "Deploy one value of this tag key at a time, e.g. zone");
  cmd->add_option("--wave-order", flags->wave_order,
                  "With --wave-by: these values first, in this order (a,b,c)");
  cmd->add_option("--min-healthy-per-wave", flags->min_healthy_per_wave,
                  "Hosts of each wave that must stay healthy: a count or a percentage");
  cmd->add_option("--bake", flags->bake,
                  "After each wave but the last, watch the group's alarms this long (10m); "
                  "a firing alarm stops and rolls back");
  cmd->add_option("--first-bake", flags->first_bake,
                  "The bake after the first wave, when it differs from --bake");
  cmd->add_flag("--approval", flags->approval,
                "After each wave but the last, wait in status Ready for "
                "`berth deployment continue ID`");
  cmd->add_option("--approval-timeout", flags->approval_timeout,
                  "DURATION[:stop|continue]: what happens when nobody continues in time "
                  "(default stop)");
  if (!with_canary) return;
  cmd->add_option("--canary", flags->canary,
                  "Deploy to N hosts (or N%) first; the rest waits until they succeeded and "
                  "the bake passed, then for `deployment continue` unless --auto-promote");
  cmd->add_flag("--auto-promote", flags->auto_promote,
                "With --canary: carry on by itself once the canary succeeded and baked");
}

Result<std::optional<nlohmann::json>> RolloutJson(const RolloutFlags& f) {
  const bool any = !f.waves.empty() || !f.wave_by.empty() || !f.wave_order.empty() ||
                   !f.min_healthy_per_wave.empty() || !f.bake.empty() || !f.first_bake.empty() ||
                   f.approval || !f.approval_timeout.empty() || !f.canary.empty() || f.auto_promote;
  if (!any) return std::optional<nlohmann::json>();
  model::Rollout r;
  if (!f.canary.empty()) {
    if (!f.waves.empty() || !f.wave_by.empty()) {
      return InvalidArgument(
          "--canary is a first wave of its own: give --canary or "
          "--waves/--wave-by, not both");
    }
    ASSIGN_OR_RETURN(model::WaveSize canary, WaveSizeFlag(f.canary, "--canary"));
    r.waves = {canary, {100, true}};
    r.approval = !f.auto_promote;
  } else if (f.auto_promote) {
    return InvalidArgument("--auto-promote needs --canary");
  }
  if (f.auto_promote && f.approval) {
    return InvalidArgument("--auto-promote and --approval contradict each other");
  }
  for (const std::string& size : SplitList(f.waves)) {
    ASSIGN_OR_RETURN(model::WaveSize wave, WaveSizeFlag(size, "--waves"));
    r.waves.push_back(wave);
  }
  if (!f.waves.empty() && r.waves.empty()) return InvalidArgument("--waves names no wave");
  r.wave_by = f.wave_by;
  r.wave_order = SplitList(f.wave_order);
  if (!f.min_healthy_per_wave.empty()) {
    ASSIGN_OR_RETURN(r.min_healthy_per_wave,
                     WaveSizeFlag(f.min_healthy_per_wave, "--min-healthy-per-wave"));
  }
  if (!f.bake.empty()) {
    ASSIGN_OR_RETURN(r.bake_ms, SecondsFlag(f.bake, "--bake"));
  }
  if (!f.first_bake.empty()) {
    ASSIGN_OR_RETURN(r.first_bake_ms, SecondsFlag(f.first_bake, "--first-bake"));
  }
  r.approval = r.approval || f.approval;
  if (!f.approval_timeout.empty()) {
    std::string duration = f.approval_timeout;
    std::string action = "stop";
    if (size_t colon = duration.find(':'); colon != std::string::npos) {
      action = duration.substr(colon + 1);
      duration = duration.substr(0, colon);
    }
    if (action == "continue") {
      r.on_approval_timeout = model::ApprovalTimeoutAction::kContinue;
    } else if (action != "stop") {
      return InvalidArgument("--approval-timeout \"" + f.approval_timeout +
                             "\": after the duration comes :stop or :continue");
    }
    ASSIGN_OR_RETURN(r.approval_timeout_ms, SecondsFlag(duration, "--approval-timeout"));
    if (r.approval_timeout_ms == 0) {
      return InvalidArgument("--approval-timeout must be longer than 0s");
    }
    if (!r.approval) return InvalidArgument("--approval-timeout needs --approval or --canary");
  }
  RETURN_IF_ERROR(model::ValidateRollout(r, "rollout"));
  return std::optional<nlohmann::json>(model::RolloutToJson(r));
}

}  // namespace berth::cli
