// Text from the network (request paths, enrollment names, agent-reported strings) as it
// may appear in a log line: quoted, with control characters, quotes, backslashes and
// bytes past ASCII escaped, and cut to a bounded length, so it can neither forge lines
// nor flood the log.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace berth::text {

// "\"GET /a\\x0ab\"", or "\"<first max_bytes bytes>\"...(N bytes)" when longer.
std::string QuoteForLog(std::string_view text, size_t max_bytes = 200);

}  // namespace berth::text
