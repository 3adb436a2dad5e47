#include "controller/http/route_label.h"

#include <map>

namespace berth::http {
namespace {

constexpr char kParameter[] = "([^/]+)";

std::string ParameterAfter(const std::string& segment) {
  static const std::map<std::string, std::string> kNames = {{"applications", "app"},
                                                            {"deployment-groups", "group"},
                                                            {"deployment-configs", "name"},
                                                            {"instances", "name"},
                                                            {"revisions", "id"},
                                                            {"deployments", "id"},
                                                            {"alarms", "name"},
                                                            {"secrets", "name"},
                                                            {"tokens", "id"},
                                                            {"join-tokens", "id"},
                                                            {"packages", "file"}};
  auto it = kNames.find(segment);
  return "{" + (it == kNames.end() ? std::string() : it->second) + "}";
}

}  // namespace

std::string RouteLabel(const std::string& pattern) {
  std::string out;
  size_t at = 0;
  while (true) {
    const size_t next = pattern.find(kParameter, at);
    if (next == std::string::npos) return out + pattern.substr(at);
    out += pattern.substr(at, next - at);
    const size_t slash = out.find_last_of('/', out.size() >= 2 ? out.size() - 2 : 0);
    const std::string segment =
        slash == std::string::npos ? "" : out.substr(slash + 1, out.size() - slash - 2);
    out += ParameterAfter(segment);
    at = next + sizeof(kParameter) - 1;
  }
}

}  // namespace berth::http
