// URLs as messages may show them: credentials embedded as userinfo
// (https://user:token@host/...) never reach a log, an error or an API answer.
#pragma once

#include <string>

namespace berth::text {

// `url` with the userinfo of its authority replaced by "***"
// ("https://***@github.com/o/r.git"); scp-like git addresses ("git@host:o/r") keep their
// user name, which is no secret. Text without userinfo is returned unchanged.
std::string RedactUserinfo(const std::string& url);

}  // namespace berth::text
