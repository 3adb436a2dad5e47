#include "cli/run.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cli/api_client.h"
#include "cli/command.h"
#include "cli/control_stripping_buf.h"
#include "cli/commands/commands.h"
#include "common/host_port.h"
#include "common/secret_input.h"

namespace berth::cli {
namespace {

constexpr int kUsageExit = 2;

struct GlobalFlags {
  std::string controller = "https://127.0.0.1:8080";
  std::string token;
  std::string token_file;
  std::string ca_cert;
  bool insecure = false;
  std::string output = "table";
};

void AddGlobalFlags(CLI::App& app, GlobalFlags* flags) {
  app.add_option("--controller", flags->controller, "Controller URL")
      ->envname("BERTH_CONTROLLER")
      ->capture_default_str();
  app.add_option("--token", flags->token, "API token (prefer --token-file)")
      ->envname("BERTH_TOKEN");
  app.add_option("--token-file", flags->token_file, "File holding the API token")
      ->envname("BERTH_TOKEN_FILE");
  app.add_option("--ca-cert", flags->ca_cert,
                 "CA certificate to trust for https:// (the controller's <data-dir>/tls/ca.crt; "
                 "default: the system's CAs)")
      ->envname("BERTH_CA_CERT");
  app.add_flag("--insecure", flags->insecure,
               "Allow a plaintext http:// controller URL (loopback only); certificate checks "
               "for https:// stay on");
  app.add_option("--output,-o", flags->output, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
}

std::string NounHelp(const std::string& noun) {
  static const std::map<std::string, std::string> kHelp = {
      {"app", "Applications"},
      {"group", "Deployment groups: which instances an application deploys to"},
      {"instance", "Hosts running berth-agent"},
      {"revision", "Uploaded bundles of an application"},
      {"deployment", "Deployments: follow, inspect and list them"},
      {"alarm", "Named alarms: a firing one stops the deployments of groups watching it"},
      {"token", "API tokens with roles (viewer, deployer, admin, alerts)"},
      {"join-token", "Tokens new hosts enroll with"},
  };
  auto it = kHelp.find(noun);
  return it != kHelp.end() ? it->second : noun;
}

// Adds every command of the table under its noun; returns each leaf with its runner.
std::vector<std::pair<CLI::App*, CommandFn>> AddCommands(CLI::App& app) {
  std::map<std::string, CLI::App*> nouns;
  std::vector<std::pair<CLI::App*, CommandFn>> commands;
  for (const CommandSpec& spec : CommandTable()) {
    CLI::App* parent = &app;
    if (spec.noun[0] != '\0') {
      CLI::App*& noun = nouns[spec.noun];
      if (noun == nullptr) {
        noun = app.add_subcommand(spec.noun, NounHelp(spec.noun));
        noun->require_subcommand(1);
      }
      parent = noun;
    }
    CLI::App* cmd = parent->add_subcommand(spec.verb, spec.help);
    commands.emplace_back(cmd, spec.setup(cmd));
  }
  return commands;
}

// https:// unless given; http:// only with --insecure, and only to loopback.
Result<std::string> ControllerUrl(const GlobalFlags& flags) {
  std::string url = flags.controller;
  if (url.find("://") == std::string::npos) url = "https://" + url;
  if (url.rfind("http://", 0) == 0) {
    if (!flags.insecure) {
      return InvalidArgument("--controller " + url +
                             " is plaintext: use https:// (the default), or pass --insecure for "
                             "a controller started with --insecure");
    }
    if (!IsLoopbackHost(HostOfAddress(url))) {
      return InvalidArgument("--insecure allows plaintext only to a controller on loopback, not " +
                             url);
    }
  }
  return url;
}

int RunParsed(GlobalFlags flags, const CommandFn& command, const RunOptions& options,
              std::ostream& out, std::ostream& err) {
  Result<std::string> url = ControllerUrl(flags);
  if (url.ok() && flags.token.empty() && !flags.token_file.empty()) {
    auto token = ReadSecretFile(flags.token_file);
    if (!token.ok()) url = token.status();
    if (token.ok()) flags.token = *token;
  }
  if (!url.ok()) {
    err << "berth: " << url.status().ToString() << "\n";
    return kUsageExit;
  }
  std::unique_ptr<HttpTransport> transport =
      options.make_transport ? options.make_transport()
                             : std::make_unique<CurlTransport>(CurlTransportOptions{
                                   .ca_file = flags.ca_cert});
  ApiClient api({*url, flags.token}, std::move(transport));
  Context ctx;
  ctx.api = &api;
  ctx.output = flags.output == "json" ? OutputFormat::kJson : OutputFormat::kTable;
  ctx.out = &out;
  ctx.err = &err;
  ctx.clock = options.clock != nullptr ? options.clock : RealClock::Get();
  ctx.sleep_ms = options.sleep_ms ? options.sleep_ms : [](int64_t ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  };
  ctx.poll_interval_ms = options.poll_interval_ms;
  ctx.terminal = options.terminal;
  ctx.terminal_rows = options.terminal_rows;
  Result<int> result = command(ctx);
  out.flush();
  if (!result.ok()) {
    err << "berth: " << result.status().ToString() << "\n";
    return kUsageExit;
  }
  return *result;
}

}  // namespace

int Run(int argc, const char* const* argv, const RunOptions& options) {
  std::ostream& raw_out = options.out != nullptr ? *options.out : std::cout;
  std::ostream& raw_err = options.err != nullptr ? *options.err : std::cerr;
  // Everything printed passes through here: server data may hold escape sequences.
  ControlStrippingBuf out_buf(raw_out.rdbuf());
  ControlStrippingBuf err_buf(raw_err.rdbuf());
  std::ostream out(&out_buf);
  std::ostream err(&err_buf);
  try {
    CLI::App app("Berth: deploy revisions to your hosts.", "berth");
    app.fallthrough();
    app.require_subcommand(1);
    app.set_version_flag("--version", BERTH_VERSION);
    app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
      return "berth: " + CLI::FailureMessage::simple(failed, e);
    });
    GlobalFlags flags;
    AddGlobalFlags(app, &flags);
    std::vector<std::pair<CLI::App*, CommandFn>> commands = AddCommands(app);
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      return app.exit(e, out, err) == 0 ? 0 : kUsageExit;
    }
    for (const auto& [cmd, run] : commands) {
      if (cmd->parsed()) return RunParsed(flags, run, options, out, err);
    }
    err << "berth: no command given; see berth --help\n";
    return kUsageExit;
  } catch (const std::exception& e) {
    err << "berth: INTERNAL: " << e.what() << "\n";
    return kUsageExit;
  }
}

int Main(int argc, char** argv) {
  RunOptions options;
  if (isatty(STDOUT_FILENO) == 1) {
    options.terminal = &std::cout;
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) options.terminal_rows = size.ws_row;
  }
  return Run(argc, argv, options);
}

}  // namespace berth::cli
