#include "cli/paging.h"

#include "cli/json_fields.h"

namespace berth::cli {

std::string WithQuery(const std::string& path, const std::string& name,
                      const std::string& value) {
  const char* separator = path.find('?') == std::string::npos ? "?" : "&";
  return path + separator + name + "=" + PathSegment(value);
}

Result<nlohmann::json> GetAllPages(ApiClient& api, const std::string& path,
                                   const std::string& field) {
  const std::string first_path = WithQuery(path, "limit", std::to_string(kPageLimit));
  ASSIGN_OR_RETURN(nlohmann::json answer, api.Get(first_path));
  if (!answer.is_object()) return Internal("GET " + path + " answered " + answer.dump());
  nlohmann::json& items = answer[field];
  if (!items.is_array()) items = nlohmann::json::array();
  std::string token = JsonString(answer, "nextToken");
  while (!token.empty()) {
    ASSIGN_OR_RETURN(nlohmann::json page, api.Get(WithQuery(first_path, "nextToken", token)));
    for (auto& item : JsonArray(page, field.c_str())) items.push_back(item);
    const std::string next = JsonString(page, "nextToken");
    if (next == token) return Internal("GET " + path + " handed out nextToken " + token + " twice");
    token = next;
  }
  answer.erase("nextToken");
  return answer;
}

Result<nlohmann::json> GetAllTargets(ApiClient& api, const std::string& deployment_id,
                                     const std::string& status) {
  std::string path = "/deployments/" + PathSegment(deployment_id) + "/targets";
  if (!status.empty()) path = WithQuery(path, "status", status);
  ASSIGN_OR_RETURN(nlohmann::json answer, GetAllPages(api, path, "targets"));
  return answer["targets"];
}

}  // namespace berth::cli
