#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"
#include "cli/revision_source.h"

namespace berth::cli {
namespace {

struct RegisterFlags {
  std::string app;
  std::string description;
  RevisionSourceFlags source;
};

}  // namespace

CommandFn SetupRevisionRegister(CLI::App* cmd) {
  auto flags = std::make_shared<RegisterFlags>();
  cmd->add_option("APP", flags->app, "Application name")->required();
  cmd->add_option("--description", flags->description, "Free text kept with the revision");
  AddRevisionSourceFlags(cmd, &flags->source);
  return [flags](Context& ctx) -> Result<int> {
    if (CountRevisionSources(flags->source) != 1) {
      return InvalidArgument("name the revision exactly once: --s3, --git, --url or --bundle");
    }
    ASSIGN_OR_RETURN(nlohmann::json location, RevisionLocationJson(ctx, flags->source));
    ASSIGN_OR_RETURN(nlohmann::json revision,
                     RegisterRevision(ctx, flags->app, location, flags->description));
    return Emit(ctx, revision, [&](std::ostream& out) {
      std::string id = JsonString(revision, "revisionId");
      out << "Registered revision " << id << " of " << flags->app << ".\nDeploy it with:\n"
          << "  berth deploy " << flags->app << " GROUP --revision " << id << "\n";
    });
  };
}

}  // namespace berth::cli
