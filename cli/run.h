// The `berth` command line as a library: main.cc calls Main(), tests call Run() with
// their own streams, transport and clock.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>

#include "cli/http_transport.h"
#include "common/clock.h"

namespace berth::cli {

struct RunOptions {
  std::ostream* out = nullptr;  // std::cout when null
  std::ostream* err = nullptr;  // std::cerr when null
  // The transport under the API client; a CurlTransport when empty.
  std::function<std::unique_ptr<HttpTransport>()> make_transport;
  const Clock* clock = nullptr;              // RealClock when null
  std::function<void(int64_t ms)> sleep_ms;  // really sleeps when empty
  int64_t poll_interval_ms = 500;
  // The terminal stdout is, written to raw (Context::terminal), and its rows; null and 0
  // when stdout is not a terminal.
  std::ostream* terminal = nullptr;
  int terminal_rows = 0;
};

// Parses argv (global flags, then a command from CommandTable()) and runs it. Returns the
// process exit code: 0 success; 1 a followed deployment failed or stopped; 2 a usage
// error or an error from the controller, printed to err as "berth: <message>".
int Run(int argc, const char* const* argv, const RunOptions& options);

// Run() with the process's streams, libcurl and the real clock.
int Main(int argc, char** argv);

}  // namespace berth::cli
