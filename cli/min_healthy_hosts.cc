#include "cli/min_healthy_hosts.h"

#include <cctype>

#include "cli/json_fields.h"

namespace berth::cli {

Result<nlohmann::json> ParseMinHealthyHosts(const std::string& text) {
  std::string digits = text;
  bool percent = !digits.empty() && digits.back() == '%';
  if (percent) digits.pop_back();
  bool ok = !digits.empty() && digits.size() <= 7;
  for (char c : digits) ok = ok && std::isdigit(static_cast<unsigned char>(c));
  if (!ok) {
    return InvalidArgument("--min-healthy-hosts \"" + text +
                           "\" is neither a host count (3) nor a percentage (75%)");
  }
  int value = std::stoi(digits);
  if (percent && value > 99) {
    return InvalidArgument("--min-healthy-hosts " + text + " must be below 100%");
  }
  return nlohmann::json{{"type", percent ? "FLEET_PERCENT" : "HOST_COUNT"}, {"value", value}};
}

std::string DescribeMinHealthyHosts(const nlohmann::json& config) {
  if (JsonString(config, "deploymentConfigName") == "CodeDeployDefault.OneAtATime") {
    return "all but one host";
  }
  const nlohmann::json& mhh = JsonObject(config, "minimumHealthyHosts");
  int64_t value = JsonInt(mhh, "value");
  if (JsonString(mhh, "type") == "FLEET_PERCENT") return std::to_string(value) + "% of hosts";
  return std::to_string(value) + (value == 1 ? " host" : " hosts");
}

}  // namespace berth::cli
