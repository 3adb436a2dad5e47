#include "controller/codedeploy/zonal_config.h"

namespace berth::codedeploy {
namespace {

// input[key] as whole seconds (absent: `absent`), in milliseconds.
Result<int64_t> Seconds(const Json& zonal, const char* key, int64_t absent) {
  auto it = zonal.find(key);
  if (it == zonal.end() || it->is_null()) return absent;
  if (!it->is_number_integer() || it->get<int64_t>() < 0) {
    return InvalidArgument(std::string("zonalConfig.") + key + " must be a number of seconds >= 0");
  }
  return it->get<int64_t>() * 1000;
}

}  // namespace

Result<model::Rollout> RolloutFromZonalConfig(const Json& zonal) {
  if (!zonal.is_object()) return InvalidArgument("zonalConfig must be an object");
  model::Rollout r;
  r.wave_by = kZoneTagKey;
  ASSIGN_OR_RETURN(r.first_bake_ms, Seconds(zonal, "firstZoneMonitorDurationInSeconds", -1));
  ASSIGN_OR_RETURN(r.bake_ms, Seconds(zonal, "monitorDurationInSeconds", 0));
  auto per_zone = zonal.find("minimumHealthyHostsPerZone");
  if (per_zone != zonal.end() && !per_zone->is_null()) {
    auto value = per_zone->find("value");
    const std::string type = per_zone->is_object() ? per_zone->value("type", "") : "";
    if ((type != "HOST_COUNT" && type != "FLEET_PERCENT") || value == per_zone->end() ||
        !value->is_number_integer() || value->get<int>() < 0 ||
        (type == "FLEET_PERCENT" && value->get<int>() > 100)) {
      return InvalidArgument(
          "zonalConfig.minimumHealthyHostsPerZone needs a type (HOST_COUNT or FLEET_PERCENT) "
          "and a value (a count >= 0, or a percentage from 0 to 100)");
    }
    r.min_healthy_per_wave = {value->get<int>(), type == "FLEET_PERCENT"};
  }
  return r;
}

Json ZonalConfigOf(const model::Rollout& r) {
  if (r.wave_by != kZoneTagKey) return nullptr;
  Json zonal = {{"monitorDurationInSeconds", r.bake_ms / 1000}};
  if (r.first_bake_ms >= 0) zonal["firstZoneMonitorDurationInSeconds"] = r.first_bake_ms / 1000;
  if (r.min_healthy_per_wave.value > 0) {
    zonal["minimumHealthyHostsPerZone"] = {
        {"type", r.min_healthy_per_wave.percent ? "FLEET_PERCENT" : "HOST_COUNT"},
        {"value", r.min_healthy_per_wave.value}};
  }
  return zonal;
}

}  // namespace berth::codedeploy
