// SqliteStore's columns for waves (migration 0012): the rollout as the API writes it, and
// the deployment's progress through its waves.
#include <nlohmann/json.hpp>

#include "common/model/rollout_json.h"
#include "controller/store/sqlite_codec.h"

namespace berth::store {
namespace {

using Json = nlohmann::json;

}  // namespace

std::string EncodeRollout(const model::Rollout& rollout) {
  if (!rollout.HasWaves()) return "";
  return model::RolloutToJson(rollout).dump();
}

Status DecodeRollout(const std::string& text, model::Rollout* out) {
  *out = model::Rollout();
  if (text.empty()) return Status::Ok();
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  Result<model::Rollout> rollout = model::RolloutFromJson(json, "rollout");
  if (!rollout.ok()) return Internal("store: malformed rollout: " + rollout.status().message());
  *out = *std::move(rollout);
  return Status::Ok();
}

std::string EncodeWaveProgress(const model::WaveProgress& p) {
  if (p.ends.empty()) return "";
  Json history = Json::array();
  for (const model::WaveRecord& r : p.history) {
    history.push_back(
        {{"time", r.time}, {"wave", r.wave}, {"event", r.event}, {"detail", r.detail}});
  }
  return Json{{"ends", p.ends},
              {"labels", p.labels},
              {"current", p.current},
              {"failedBefore", p.failed_before},
              {"wait", model::WaitKindName(p.wait)},
              {"waitUntil", p.wait_until},
              {"history", history}}
      .dump();
}

Status DecodeWaveProgress(const std::string& text, model::WaveProgress* out) {
  *out = model::WaveProgress();
  if (text.empty()) return Status::Ok();
  try {
    Json j = Json::parse(text);
    out->ends = j.at("ends").get<std::vector<int>>();
    out->labels = j.at("labels").get<std::vector<std::string>>();
    out->current = j.at("current").get<int>();
    out->failed_before = j.at("failedBefore").get<int>();
    if (!model::ParseWaitKind(j.at("wait").get<std::string>(), &out->wait)) {
      return Internal("store: unknown wait \"" + j.at("wait").get<std::string>() +
                      "\" in column deployments.waves");
    }
    out->wait_until = j.at("waitUntil").get<int64_t>();
    for (const Json& r : j.at("history")) {
      out->history.push_back({r.at("time").get<int64_t>(), r.at("wave").get<int>(),
                              r.at("event").get<std::string>(), r.at("detail").get<std::string>()});
    }
  } catch (const Json::exception& e) {
    return Internal(std::string("store: malformed deployments.waves JSON: ") + e.what());
  }
  if (out->ends.empty() || out->current < 0 || out->current >= static_cast<int>(out->ends.size())) {
    return Internal("store: deployments.waves has no wave " + std::to_string(out->current));
  }
  return Status::Ok();
}

}  // namespace berth::store
