#include "cli/max_failed_hosts.h"

#include "cli/json_fields.h"
#include "common/model/failure_budget.h"

namespace berth::cli {

Result<nlohmann::json> ParseMaxFailedHosts(const std::string& text, bool allow_none) {
  if (allow_none && text == "none") return nlohmann::json(nullptr);
  Result<model::FailureBudget> budget = model::ParseFailureBudget(text);
  if (!budget.ok()) {
    return InvalidArgument("--max-failed-hosts: " + budget.status().message() +
                           (allow_none ? ", or none" : ""));
  }
  return nlohmann::json{{"type", budget->percent ? "FLEET_PERCENT" : "HOST_COUNT"},
                        {"value", budget->value}};
}

std::string DescribeMaxFailedHosts(const nlohmann::json& object) {
  const nlohmann::json& budget = JsonObject(object, "maxFailedHosts");
  if (budget.empty()) return "";
  const int64_t value = JsonInt(budget, "value");
  if (JsonString(budget, "type") == "FLEET_PERCENT") return std::to_string(value) + "% of hosts";
  if (value == 0) return "0 hosts (every host must succeed)";
  return std::to_string(value) + (value == 1 ? " host" : " hosts");
}

}  // namespace berth::cli
