// What every `berth` subcommand sees, and the shape of the subcommand table.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/api_client.h"
#include "common/clock.h"
#include "common/status.h"

namespace CLI {
class App;
}  // namespace CLI

namespace berth::cli {

enum class OutputFormat { kTable, kJson };

// Everything a command talks to; built by Run() after the global flags are parsed.
struct Context {
  ApiClient* api = nullptr;
  OutputFormat output = OutputFormat::kTable;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  const Clock* clock = nullptr;
  std::function<void(int64_t ms)> sleep_ms;
  int64_t poll_interval_ms = 500;
  // stdout written to raw when it is a terminal (null otherwise), for the CLI's own
  // control characters only (a progress bar redrawn in place); and the terminal's rows
  // (0: unknown).
  std::ostream* terminal = nullptr;
  int terminal_rows = 0;
};

// Runs a parsed command. Returns the exit code (0 done; 1 a deployment that failed or
// stopped), or a Status that Run() prints as "berth: <status>" and exits 2.
using CommandFn = std::function<Result<int>(Context&)>;

// Adds a command's positionals and flags to `cmd` and returns the runner bound to them.
using SetupFn = CommandFn (*)(CLI::App* cmd);

struct CommandSpec {
  const char* noun;  // "app", "group", ...; "" for a top-level command (push, deploy)
  const char* verb;
  const char* help;
  SetupFn setup;
};

// With --output json prints `object` as one JSON document; otherwise calls
// `render_table` on the output stream. Returns exit code 0.
int Emit(Context& ctx, const nlohmann::json& object,
         const std::function<void(std::ostream&)>& render_table);

// The delete commands: DELETE `path` (under /api/v1), then prints `object` with
// "deleted": true (--output json) or `line` and a newline.
Result<int> DeleteAndReport(Context& ctx, const std::string& path, nlohmann::json object,
                            const std::string& line);

}  // namespace berth::cli
