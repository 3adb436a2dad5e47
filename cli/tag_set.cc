#include "cli/tag_set.h"

#include "cli/tag_filter.h"

namespace berth::cli {

Result<nlohmann::json> ParseGroupTargets(const std::vector<std::string>& tags,
                                         const std::vector<std::string>& tag_sets) {
  if (tags.empty() && tag_sets.empty()) {
    return InvalidArgument("give at least one --tag or --tag-set to select instances");
  }
  if (tag_sets.empty()) {
    ASSIGN_OR_RETURN(nlohmann::json list, ParseTagFilterList(tags));
    return nlohmann::json{{"onPremisesInstanceTagFilters", list}};
  }
  nlohmann::json lists = nlohmann::json::array();
  if (!tags.empty()) {
    ASSIGN_OR_RETURN(nlohmann::json list, ParseTagFilterList(tags));
    lists.push_back(list);
  }
  for (const std::string& set : tag_sets) {
    std::vector<std::string> flags;
    size_t start = 0;
    while (true) {
      size_t comma = set.find(',', start);
      flags.push_back(set.substr(start, comma == std::string::npos ? comma : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    auto list = ParseTagFilterList(flags);
    if (!list.ok()) {
      return InvalidArgument("--tag-set \"" + set + "\": " + list.status().message());
    }
    lists.push_back(*list);
  }
  if (lists.size() > 3) {
    return InvalidArgument("a tag set holds at most 3 lists (--tag counts as one), got " +
                           std::to_string(lists.size()));
  }
  return nlohmann::json{{"onPremisesTagSet", {{"onPremisesTagSetList", lists}}}};
}

}  // namespace berth::cli
