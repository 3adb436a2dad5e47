#include "controller/store/sqlite_limits_codec.h"

#include <nlohmann/json.hpp>

namespace berth::store {

std::string EncodeBudget(const std::optional<model::FailureBudget>& budget) {
  return budget ? model::FailureBudgetText(*budget) : "";
}

Status DecodeBudget(const std::string& text, std::optional<model::FailureBudget>* out,
                    const char* column) {
  out->reset();
  if (text.empty()) return Status::Ok();
  Result<model::FailureBudget> budget = model::ParseFailureBudget(text);
  if (!budget.ok()) return Internal(std::string(column) + ": " + budget.status().message());
  *out = *budget;
  return Status::Ok();
}

std::string EncodeFreezeRecord(const model::FreezeRecord& r) {
  if (r.queued_for_window.empty() && r.overridden_window.empty()) return "";
  return nlohmann::json{{"queuedForWindow", r.queued_for_window},
                        {"overriddenWindow", r.overridden_window},
                        {"overriddenBy", r.overridden_by},
                        {"overrideTime", r.override_time}}
      .dump();
}

Status DecodeFreezeRecord(const std::string& text, model::FreezeRecord* out) {
  *out = {};
  if (text.empty()) return Status::Ok();
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return Internal("deployments.freeze is not a JSON object: " + text);
  out->queued_for_window = j.value("queuedForWindow", "");
  out->overridden_window = j.value("overriddenWindow", "");
  out->overridden_by = j.value("overriddenBy", "");
  out->override_time = j.value("overrideTime", int64_t{0});
  return Status::Ok();
}

}  // namespace berth::store
