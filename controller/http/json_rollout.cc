#include "controller/http/json_rollout.h"

#include "common/model/rollout_json.h"

namespace berth::http {

Result<std::optional<model::Rollout>> RolloutFromBody(const Json& body) {
  auto it = body.find("rollout");
  if (it == body.end() || it->is_null()) return std::optional<model::Rollout>();
  ASSIGN_OR_RETURN(model::Rollout rollout, model::RolloutFromJson(*it, "rollout"));
  return std::optional<model::Rollout>(rollout);
}

void PutRollout(Json& j, const model::Rollout& rollout) {
  if (rollout.HasWaves()) j["rollout"] = model::RolloutToJson(rollout);
}

void PutWaves(Json& j, const model::Deployment& d) {
  const model::WaveProgress& w = d.waves;
  if (w.ends.empty()) return;
  Json history = Json::array();
  for (const model::WaveRecord& r : w.history) {
    Json record = {{"wave", r.wave + 1}, {"event", r.event}, {"detail", r.detail}};
    PutTime(record, "time", r.time);
    history.push_back(record);
  }
  Json out = {
      {"count", w.ends.size()}, {"current", w.current + 1}, {"ends", w.ends}, {"history", history}};
  bool labelled = false;
  for (const std::string& label : w.labels) labelled = labelled || !label.empty();
  if (labelled) out["labels"] = w.labels;
  if (w.wait != model::WaitKind::kNone && !model::IsTerminal(d.status)) {
    out["wait"] = model::WaitKindName(w.wait);
    PutTime(out, "waitUntil", w.wait_until);
  }
  j["waves"] = out;
}

}  // namespace berth::http
