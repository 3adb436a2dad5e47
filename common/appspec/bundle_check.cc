#include "common/appspec/bundle_check.h"

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace berth::appspec {
namespace {

namespace stdfs = std::filesystem;

// A problem with `path` (relative to the bundle) named by `key`, or nothing.
std::optional<std::string> CheckPath(const stdfs::path& bundle, const std::string& key,
                                     const std::string& path, bool must_be_file) {
  stdfs::path relative = stdfs::path(path).relative_path().lexically_normal();
  stdfs::path full = (bundle / relative).lexically_normal();
  auto rel = full.lexically_relative(bundle);
  if (!rel.empty() && *rel.begin() == "..") {
    return key + ": \"" + path + "\" points outside the bundle";
  }
  struct stat st {};
  if (::stat(full.c_str(), &st) != 0) {
    return key + ": \"" + path + "\" does not exist in the bundle (" + full.string() + ")";
  }
  if (must_be_file && !S_ISREG(st.st_mode)) {
    return key + ": \"" + path + "\" is not a regular file (" + full.string() + ")";
  }
  return std::nullopt;
}

}  // namespace

Status CheckBundleContents(const AppSpec& spec, const std::string& bundle_dir,
                           const std::string& file_name) {
  std::error_code ec;
  const stdfs::path bundle = stdfs::absolute(bundle_dir, ec).lexically_normal();
  std::vector<std::string> problems;
  for (size_t i = 0; i < spec.files.size(); ++i) {
    const std::string key = "files[" + std::to_string(i) + "].source";
    if (auto p = CheckPath(bundle, key, spec.files[i].source, false)) problems.push_back(*p);
  }
  for (const auto& [event, scripts] : spec.hooks) {
    for (size_t i = 0; i < scripts.size(); ++i) {
      const std::string key = "hooks." + event + "[" + std::to_string(i) + "].location";
      if (auto p = CheckPath(bundle, key, scripts[i].location, true)) problems.push_back(*p);
    }
  }
  if (problems.empty()) return Status::Ok();
  std::string message;
  for (const std::string& p : problems) {
    if (!message.empty()) message += "\n";
    message += file_name + ": " + p;
  }
  return InvalidArgument(message);
}

}  // namespace berth::appspec
