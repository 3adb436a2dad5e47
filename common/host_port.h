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

}  // namespace berth
