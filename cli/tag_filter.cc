#include "cli/tag_filter.h"

#include <cctype>

#include "cli/json_fields.h"

namespace berth::cli {
namespace {

bool HasOuterSpace(std::string_view s) {
  return !s.empty() && (std::isspace(static_cast<unsigned char>(s.front())) ||
                        std::isspace(static_cast<unsigned char>(s.back())));
}

Status BadTag(std::string_view text, std::string_view why) {
  return InvalidArgument("--tag \"" + std::string(text) + "\": " + std::string(why) +
                         " (expected KEY=VALUE, KEY or =VALUE)");
}

}  // namespace

Result<model::TagFilter> ParseTagFilter(std::string_view text) {
  model::TagFilter filter;
  size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    filter.key = std::string(text);
    filter.type = model::TagFilterType::kKeyOnly;
  } else {
    filter.key = std::string(text.substr(0, eq));
    filter.value = std::string(text.substr(eq + 1));
    filter.type =
        filter.key.empty() ? model::TagFilterType::kValueOnly : model::TagFilterType::kKeyAndValue;
    if (filter.value.empty()) {
      return BadTag(text, filter.key.empty() ? "empty key and value" : "empty value");
    }
  }
  if (filter.type != model::TagFilterType::kValueOnly && filter.key.empty()) {
    return BadTag(text, "empty key");
  }
  if (HasOuterSpace(filter.key) || HasOuterSpace(filter.value)) {
    return BadTag(text, "leading or trailing whitespace");
  }
  return filter;
}

nlohmann::json TagFilterToJson(const model::TagFilter& filter) {
  return {{"Key", filter.key},
          {"Value", filter.value},
          {"Type", model::TagFilterTypeName(filter.type)}};
}

Result<nlohmann::json> ParseTagFilterList(const std::vector<std::string>& flags) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& flag : flags) {
    ASSIGN_OR_RETURN(model::TagFilter filter, ParseTagFilter(flag));
    list.push_back(TagFilterToJson(filter));
  }
  return list;
}

std::string DescribeTagFilter(const nlohmann::json& filter) {
  std::string type = JsonString(filter, "Type");
  if (type == "KEY_ONLY") return JsonString(filter, "Key");
  if (type == "VALUE_ONLY") return "=" + JsonString(filter, "Value");
  return JsonString(filter, "Key") + "=" + JsonString(filter, "Value");
}

namespace {

std::string DescribeOrList(const nlohmann::json& list) {
  std::string text;
  for (const auto& filter : list) {
    if (!text.empty()) text += " OR ";
    text += DescribeTagFilter(filter);
  }
  return text;
}

}  // namespace

std::string DescribeGroupTargets(const nlohmann::json& group) {
  const nlohmann::json& filters = JsonArray(group, "onPremisesInstanceTagFilters");
  if (!filters.empty()) return DescribeOrList(filters);
  const nlohmann::json& lists =
      JsonArray(JsonObject(group, "onPremisesTagSet"), "onPremisesTagSetList");
  std::string text;
  for (const auto& list : lists) {
    if (!list.is_array() || list.empty()) continue;
    if (!text.empty()) text += " AND ";
    text += "(" + DescribeOrList(list) + ")";
  }
  return text;
}

}  // namespace berth::cli
