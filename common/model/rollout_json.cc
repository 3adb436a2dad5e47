#include "common/model/rollout_json.h"

#include <limits>

namespace berth::model {
namespace {

using Json = nlohmann::json;

constexpr int64_t kMaxSeconds = 366LL * 24 * 3600;  // a year

Result<std::string> StringField(const Json& json, const char* field, const std::string& where) {
  auto it = json.find(field);
  if (it == json.end() || it->is_null()) return std::string();
  if (!it->is_string()) return InvalidArgument(where + "." + field + " must be a string");
  return it->get<std::string>();
}

Result<std::vector<std::string>> StringListField(const Json& json, const char* field,
                                                 const std::string& where) {
  std::vector<std::string> out;
  auto it = json.find(field);
  if (it == json.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgument(where + "." + field + " must be a list of strings");
  for (const Json& item : *it) {
    if (!item.is_string()) {
      return InvalidArgument(where + "." + field + " must be a list of strings");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

// Seconds as milliseconds; `absent` when the field is not given.
Result<int64_t> SecondsField(const Json& json, const char* field, const std::string& where,
                             int64_t absent) {
  auto it = json.find(field);
  if (it == json.end() || it->is_null()) return absent;
  if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > kMaxSeconds) {
    return InvalidArgument(where + "." + field + " must be a whole number of seconds from 0 to " +
                           std::to_string(kMaxSeconds));
  }
  return it->get<int64_t>() * 1000;
}

Result<WaveSize> WaveSizeFrom(const std::string& text, const std::string& where) {
  WaveSize size;
  if (!ParseWaveSize(text, &size)) {
    return InvalidArgument(where + " \"" + text +
                           "\" is not a host count (1 or more) or a percentage (1% to 100%)");
  }
  return size;
}

// Whether `b` can come after `a` in a list of cumulative sizes: counts grow, percentages
// grow (a count and a percentage cannot be compared before the fleet is known).
bool Grows(const WaveSize& a, const WaveSize& b) {
  return a.percent != b.percent || b.value > a.value;
}

}  // namespace

Json RolloutToJson(const Rollout& r) {
  Json j = Json::object();
  if (!r.waves.empty()) {
    Json waves = Json::array();
    for (const WaveSize& w : r.waves) waves.push_back(FormatWaveSize(w));
    j["waves"] = waves;
  }
  if (!r.wave_by.empty()) j["waveBy"] = r.wave_by;
  if (!r.wave_order.empty()) j["waveOrder"] = r.wave_order;
  if (r.min_healthy_per_wave.value > 0) {
    j["minimumHealthyHostsPerWave"] = FormatWaveSize(r.min_healthy_per_wave);
  }
  if (r.bake_ms > 0) j["bakeSeconds"] = r.bake_ms / 1000;
  if (r.first_bake_ms >= 0) j["firstBakeSeconds"] = r.first_bake_ms / 1000;
  if (r.approval) {
    j["approval"] = true;
    if (r.approval_timeout_ms > 0) {
      j["approvalTimeoutSeconds"] = r.approval_timeout_ms / 1000;
      j["approvalTimeoutAction"] = ApprovalTimeoutActionName(r.on_approval_timeout);
    }
  }
  return j;
}

Result<Rollout> RolloutFromJson(const Json& json, const std::string& where) {
  if (!json.is_object()) return InvalidArgument(where + " must be an object");
  Rollout r;
  ASSIGN_OR_RETURN(std::vector<std::string> waves, StringListField(json, "waves", where));
  for (size_t i = 0; i < waves.size(); ++i) {
    ASSIGN_OR_RETURN(WaveSize size,
                     WaveSizeFrom(waves[i], where + ".waves[" + std::to_string(i) + "]"));
    r.waves.push_back(size);
  }
  ASSIGN_OR_RETURN(r.wave_by, StringField(json, "waveBy", where));
  ASSIGN_OR_RETURN(r.wave_order, StringListField(json, "waveOrder", where));
  ASSIGN_OR_RETURN(std::string per_wave, StringField(json, "minimumHealthyHostsPerWave", where));
  if (per_wave == "0" || per_wave == "0%") per_wave.clear();
  if (!per_wave.empty()) {
    ASSIGN_OR_RETURN(r.min_healthy_per_wave,
                     WaveSizeFrom(per_wave, where + ".minimumHealthyHostsPerWave"));
  }
  ASSIGN_OR_RETURN(r.bake_ms, SecondsField(json, "bakeSeconds", where, 0));
  ASSIGN_OR_RETURN(r.first_bake_ms, SecondsField(json, "firstBakeSeconds", where, -1));
  if (auto it = json.find("approval"); it != json.end() && !it->is_null()) {
    if (!it->is_boolean()) return InvalidArgument(where + ".approval must be true or false");
    r.approval = it->get<bool>();
  }
  ASSIGN_OR_RETURN(r.approval_timeout_ms, SecondsField(json, "approvalTimeoutSeconds", where, 0));
  ASSIGN_OR_RETURN(std::string action, StringField(json, "approvalTimeoutAction", where));
  if (!action.empty() && !ParseApprovalTimeoutAction(action, &r.on_approval_timeout)) {
    return InvalidArgument(where + ".approvalTimeoutAction \"" + action +
                           "\" is not one of STOP, CONTINUE");
  }
  RETURN_IF_ERROR(ValidateRollout(r, where));
  return r;
}

Status ValidateRollout(const Rollout& r, const std::string& where) {
  for (size_t i = 0; i < r.waves.size(); ++i) {
    const WaveSize& w = r.waves[i];
    if (w.value < 1 || (w.percent && w.value > 100)) {
      return InvalidArgument(where + ".waves[" + std::to_string(i) + "] \"" + FormatWaveSize(w) +
                             "\" is not a host count (1 or more) or a percentage (1% to 100%)");
    }
    if (i > 0 && !Grows(r.waves[i - 1], w)) {
      return InvalidArgument(where + ".waves: each wave's size counts the hosts of the waves " +
                             "before it too, so \"" + FormatWaveSize(w) + "\" cannot follow \"" +
                             FormatWaveSize(r.waves[i - 1]) + "\"");
    }
  }
  if (!r.waves.empty() && !r.wave_by.empty()) {
    return InvalidArgument(where + ": give waves or waveBy, not both");
  }
  if (!r.wave_order.empty() && r.wave_by.empty()) {
    return InvalidArgument(where + ".waveOrder needs waveBy (the tag key whose values it orders)");
  }
  if (r.bake_ms < 0 || r.first_bake_ms < -1 || r.approval_timeout_ms < 0) {
    return InvalidArgument(where + ": bakes and the approval timeout cannot be negative");
  }
  if (r.approval_timeout_ms > 0 && !r.approval) {
    return InvalidArgument(where + ".approvalTimeoutSeconds needs approval");
  }
  if (!r.HasWaves() &&
      (r.bake_ms > 0 || r.first_bake_ms > 0 || r.approval || r.min_healthy_per_wave.value > 0)) {
    return InvalidArgument(
        where + ": bakes, approvals and minimumHealthyHostsPerWave need waves or waveBy");
  }
  return Status::Ok();
}

}  // namespace berth::model
