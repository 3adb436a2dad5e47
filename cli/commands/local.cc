// `berth local DIR|BUNDLE [--events E,...] [--install-root R] [--root R]`: runs a revision
// on this host with no controller (like codedeploy-local), through the agent's own
// EventExecutor. Hook output is printed as it comes and written to scripts.log.
// Exit 0 when every event succeeded, 1 otherwise.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "agent/lifecycle/real_process_runner.h"
#include "agent/local/local_run.h"
#include "cli/commands/commands.h"

namespace berth::cli {
namespace {

struct LocalFlags {
  std::string bundle;
  std::vector<std::string> events;
  std::string root = "/var/lib/berth/local";
  std::string install_root = "/";
  std::string application = "default-local-application";
  std::string group = "default-local-group";
  std::string file_exists_behavior = "DISALLOW";
};

// Prints hook output lines as they are read (table output only).
class PrintingSink : public agent::LiveLogSink {
 public:
  explicit PrintingSink(std::ostream* out) : out_(out) {}
  void Begin(const std::string&) override {}
  void Line(agent::OutputStream stream, int64_t, std::string_view text) override {
    *out_ << "    [" << agent::OutputStreamName(stream) << "] " << text << "\n";
    out_->flush();
  }
  void End() override {}

 private:
  std::ostream* out_;
};

nlohmann::json EventJson(const std::string& event, const agent::EventResult& r) {
  return {{"lifecycleEventName", event},
          {"status", r.succeeded ? "Succeeded" : "Failed"},
          {"diagnostics",
           {{"errorCode", r.diagnostics.error_code},
            {"scriptName", r.diagnostics.script_name},
            {"message", r.diagnostics.message},
            {"logTail", r.diagnostics.log_tail}}}};
}

}  // namespace

CommandFn SetupLocal(CLI::App* cmd) {
  auto flags = std::make_shared<LocalFlags>();
  cmd->add_option("BUNDLE", flags->bundle, "Bundle directory, or a .tar, .tgz or .zip file")
      ->required();
  cmd->add_option("--events", flags->events,
                  "Lifecycle events to run, in order (default: all in-place events)")
      ->delimiter(',');
  cmd->add_option("--root", flags->root, "Deployment root (keeps revisions between runs)")
      ->capture_default_str();
  cmd->add_option("--install-root", flags->install_root,
                  "Prefix for every appspec files destination")
      ->capture_default_str();
  cmd->add_option("--application", flags->application, "APPLICATION_NAME for hooks")
      ->capture_default_str();
  cmd->add_option("--group", flags->group, "Deployment group name (revisions are kept per group)")
      ->capture_default_str();
  cmd->add_option("--file-exists-behavior", flags->file_exists_behavior,
                  "DISALLOW, OVERWRITE or RETAIN (the appspec's value wins)")
      ->check(CLI::IsMember({"DISALLOW", "OVERWRITE", "RETAIN"}))
      ->capture_default_str();
  return [flags](Context& ctx) -> Result<int> {
    const bool table = ctx.output == OutputFormat::kTable;
    PrintingSink sink(ctx.out);
    agent::LocalRunOptions options;
    options.bundle = flags->bundle;
    options.events = flags->events;
    options.root = flags->root;
    options.install_root = flags->install_root;
    options.application_name = flags->application;
    options.group_name = flags->group;
    options.file_exists_behavior = flags->file_exists_behavior;
    options.live_log = table ? &sink : nullptr;
    agent::RealProcessRunner runner;
    nlohmann::json events = nlohmann::json::array();
    auto on_event = [&](const std::string& event, const agent::EventResult& r) {
      events.push_back(EventJson(event, r));
      if (!table) return;
      *ctx.out << event << ": " << (r.succeeded ? "Succeeded" : "Failed");
      if (!r.succeeded) *ctx.out << " (" << r.diagnostics.error_code << ")";
      if (!r.diagnostics.message.empty()) *ctx.out << ": " << r.diagnostics.message;
      *ctx.out << "\n";
      ctx.out->flush();
    };
    ASSIGN_OR_RETURN(agent::LocalRunReport report, agent::RunLocal(options, &runner, on_event));
    nlohmann::json out = {{"deploymentId", report.deployment_id},
                          {"status", report.succeeded ? "Succeeded" : "Failed"},
                          {"scriptLog", report.script_log},
                          {"lifecycleEvents", events}};
    Emit(ctx, out, [&](std::ostream& os) {
      os << "Local deployment " << report.deployment_id << " "
         << (report.succeeded ? "succeeded" : "failed") << "; hook output in "
         << report.script_log << "\n";
    });
    return report.succeeded ? 0 : 1;
  };
}

}  // namespace berth::cli
