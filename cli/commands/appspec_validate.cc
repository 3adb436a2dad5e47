// `berth appspec validate [DIR|FILE]`: parses an appspec (every problem at once, with line
// and column) and checks that each hook script and `files` source it names exists in the
// bundle. Needs no controller. Exit 0 when valid, 1 otherwise.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands/commands.h"
#include "common/appspec/bundle_check.h"
#include "common/appspec/parser.h"
#include "common/fs.h"

namespace berth::cli {
namespace {

namespace stdfs = std::filesystem;

// The appspec file `target` names (a file, or a bundle directory holding appspec.yml or
// appspec.yaml) and the bundle directory its paths are relative to.
Status Locate(const std::string& target, std::string* file, std::string* bundle_dir) {
  std::error_code ec;
  if (stdfs::is_directory(target, ec)) {
    *bundle_dir = target;
    for (const char* name : {"appspec.yml", "appspec.yaml"}) {
      *file = (stdfs::path(target) / name).string();
      if (stdfs::exists(*file, ec)) return Status::Ok();
    }
    return NotFound("no application specification file in " + target +
                    ": looked for appspec.yml and appspec.yaml");
  }
  if (!stdfs::exists(target, ec)) return NotFound(target + " does not exist");
  *file = target;
  *bundle_dir = stdfs::path(target).parent_path().string();
  if (bundle_dir->empty()) *bundle_dir = ".";
  return Status::Ok();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

CommandFn SetupAppspecValidate(CLI::App* cmd) {
  auto target = std::make_shared<std::string>(".");
  cmd->add_option("PATH", *target, "Bundle directory or appspec file")->capture_default_str();
  return [target](Context& ctx) -> Result<int> {
    std::string file, bundle_dir;
    RETURN_IF_ERROR(Locate(*target, &file, &bundle_dir));
    ASSIGN_OR_RETURN(std::string text, fs::ReadFile(file));
    auto spec = appspec::Parse(text, file);
    Status s = spec.ok() ? appspec::CheckBundleContents(*spec, bundle_dir, file) : spec.status();
    if (!s.ok() && s.code() != Code::kInvalidArgument) return s;
    const std::vector<std::string> errors = s.ok() ? std::vector<std::string>{} : Lines(s.message());
    nlohmann::json out = {{"file", file}, {"valid", s.ok()}, {"errors", errors}};
    Emit(ctx, out, [&](std::ostream& os) {
      if (s.ok()) {
        os << file << ": valid (" << spec->files.size() << " files entries, hooks for "
           << spec->hooks.size() << " events)\n";
        return;
      }
      for (const std::string& e : errors) os << e << "\n";
    });
    return s.ok() ? 0 : 1;
  };
}

}  // namespace berth::cli
