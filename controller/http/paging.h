// Paging of list answers (docs/api.md "Paging"): every list takes `limit` (1 to 1000,
// default 100) and `nextToken`; an answer carries "nextToken" when more may follow, to
// be passed back for the next page. No list is cut short without saying so.
#pragma once

#include <httplib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/status.h"
#include "controller/http/json_model.h"

namespace berth::http {

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;

struct PageRequest {
  std::string next_token;  // empty: the first page
  int limit = kDefaultPageSize;
};

// The request's `nextToken` and `limit`; INVALID_ARGUMENT naming a limit that is not a
// whole number from 1 to 1000.
Result<PageRequest> ParsePageRequest(const httplib::Request& req);

// One page of a list the service hands over whole (the small collections: applications,
// groups, configs, tokens, alarms...): the items after the one whose `key` is
// page.next_token, as answer[field]; "nextToken" (the last item's key) when more follow.
// `key` must be unique within the list. INVALID_ARGUMENT when no item has the token's key
// (it was deleted meanwhile: list again from the start).
template <typename T, typename KeyFn, typename ToJsonFn>
Result<Json> ListPage(const std::vector<T>& items, const PageRequest& page, const char* field,
                      KeyFn key, ToJsonFn to_json) {
  size_t begin = 0;
  if (!page.next_token.empty()) {
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const T& item) { return key(item) == page.next_token; });
    if (it == items.end()) {
      return InvalidArgument("nextToken \"" + page.next_token +
                             "\" names nothing in this list any more; list again from the start");
    }
    begin = static_cast<size_t>(it - items.begin()) + 1;
  }
  const size_t end = std::min(items.size(), begin + static_cast<size_t>(page.limit));
  Json list = Json::array();
  for (size_t i = begin; i < end; ++i) list.push_back(to_json(items[i]));
  Json out = {{field, list}};
  if (end < items.size()) out["nextToken"] = key(items[end - 1]);
  return out;
}

}  // namespace berth::http
