// Instance tags and the filters deployment groups select instances with (DESIGN.md 4.2).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace berth::model {

using Tags = std::map<std::string, std::string>;

enum class TagFilterType { kKeyOnly, kValueOnly, kKeyAndValue };

struct TagFilter {
  std::string key;
  std::string value;
  TagFilterType type = TagFilterType::kKeyAndValue;
};

// A filter list matches when any filter matches (OR). A tag set is up to three lists and
// matches when every list matches (AND). An empty set matches nothing.
using TagFilterList = std::vector<TagFilter>;
using TagSet = std::vector<TagFilterList>;

const char* TagFilterTypeName(TagFilterType type);  // "KEY_ONLY", ...
bool ParseTagFilterType(const std::string& name, TagFilterType* out);

bool Matches(const TagFilter& filter, const Tags& tags);
bool Matches(const TagFilterList& list, const Tags& tags);
bool Matches(const TagSet& set, const Tags& tags);

}  // namespace berth::model
