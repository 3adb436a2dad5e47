#pragma once

#include <string>

#include "common/status.h"

namespace berth {

struct HostPort {
  std::string host;
  int port = 0;
};

// "127.0.0.1:8080", "0.0.0.0:80", "[::1]:8080", ":8080" (all interfaces).
Result<HostPort> ParseHostPort(const std::string& text);
// localhost, 127.0.0.0/8 and ::1: where plaintext (--insecure) is allowed by default.
bool IsLoopbackHost(const std::string& host);
// The host of "scheme://host:port/path" or "host:port" ("" when there is none).
std::string HostOfAddress(const std::string& address);

}  // namespace berth
