#include "common/model/tags.h"

#include <algorithm>

namespace berth::model {

const char* TagFilterTypeName(TagFilterType type) {
  switch (type) {
    case TagFilterType::kKeyOnly: return "KEY_ONLY";
    case TagFilterType::kValueOnly: return "VALUE_ONLY";
    case TagFilterType::kKeyAndValue: return "KEY_AND_VALUE";
  }
  return "KEY_AND_VALUE";
}

bool ParseTagFilterType(const std::string& name, TagFilterType* out) {
  for (TagFilterType t :
       {TagFilterType::kKeyOnly, TagFilterType::kValueOnly, TagFilterType::kKeyAndValue}) {
    if (name == TagFilterTypeName(t)) {
      *out = t;
      return true;
    }
  }
  return false;
}

bool Matches(const TagFilter& filter, const Tags& tags) {
  switch (filter.type) {
    case TagFilterType::kKeyOnly: return tags.count(filter.key) > 0;
    case TagFilterType::kValueOnly:
      return std::any_of(tags.begin(), tags.end(),
                         [&](const auto& kv) { return kv.second == filter.value; });
    case TagFilterType::kKeyAndValue: {
      auto it = tags.find(filter.key);
      return it != tags.end() && it->second == filter.value;
    }
  }
  return false;
}

bool Matches(const TagFilterList& list, const Tags& tags) {
  return std::any_of(list.begin(), list.end(),
                     [&](const TagFilter& f) { return Matches(f, tags); });
}

bool Matches(const TagSet& set, const Tags& tags) {
  if (set.empty()) return false;
  return std::all_of(set.begin(), set.end(),
                     [&](const TagFilterList& l) { return Matches(l, tags); });
}

}  // namespace berth::model
