#include "controller/http/paging.h"

#include <charconv>

namespace berth::http {

Result<PageRequest> ParsePageRequest(const httplib::Request& req) {
  PageRequest page;
  page.next_token = req.get_param_value("nextToken");
  const std::string limit = req.get_param_value("limit");
  if (limit.empty()) return page;
  const char* end = limit.data() + limit.size();
  auto [ptr, ec] = std::from_chars(limit.data(), end, page.limit);
  if (ec != std::errc() || ptr != end || page.limit < 1 || page.limit > kMaxPageSize) {
    return InvalidArgument("limit \"" + limit + "\" is not a whole number from 1 to " +
                           std::to_string(kMaxPageSize));
  }
  return page;
}

}  // namespace berth::http
