#include "common/appspec/parser.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "common/appspec/sections.h"
#include "common/appspec/yaml_reader.h"
#include "common/fs.h"

namespace berth::appspec {
namespace {

using internal::Describe;
using internal::IsAbsent;
using internal::Lookup;
using internal::Problems;

// How a message shows a top-level value: as written, or "missing".
std::string Shown(const YAML::Node& node) {
  if (!node.IsDefined()) return "missing";
  if (node.IsScalar()) {
    // A quoted scalar is a string in YAML; show the quotes so "0.0" explains itself.
    return node.Tag() == "?" ? node.Scalar() : "\"" + node.Scalar() + "\"";
  }
  return Describe(node);
}

// CodeDeploy compares the YAML value with the number 0.0, so `0.0`, `0` and `0.00` pass
// and the string "0.0" does not.
bool IsVersionZero(const YAML::Node& node) {
  if (!node.IsScalar() || node.Tag() != "?") return false;
  static const std::regex kNumber(R"([-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?)");
  const std::string& text = node.Scalar();
  return std::regex_match(text, kNumber) && std::strtod(text.c_str(), nullptr) == 0.0;
}

void ParseVersion(const YAML::Node& root, Problems* problems, AppSpec* spec) {
  YAML::Node node = Lookup(root, "version");
  if (IsVersionZero(node)) {
    spec->version = "0.0";
    return;
  }
  problems->Add(node.IsDefined() ? node.Mark() : root.Mark(), "version",
                "invalid version value (" + Shown(node) +
                    "); specify \"0.0\" (the number, unquoted) as the version");
}

void ParseOs(const YAML::Node& root, Problems* problems, AppSpec* spec) {
  YAML::Node node = Lookup(root, "os");
  if (node.IsScalar() && node.Scalar() == "linux") {
    spec->os = "linux";
    return;
  }
  problems->Add(
      node.IsDefined() ? node.Mark() : root.Mark(), "os",
      "unsupported operating system (" + Shown(node) + "); Berth deploys to \"linux\" only");
}

void ParseFileExistsBehavior(const YAML::Node& root, Problems* problems, AppSpec* spec) {
  YAML::Node node = Lookup(root, "file_exists_behavior");
  if (IsAbsent(node)) return;
  // CodeDeploy upper-cases the value before checking it.
  if (node.IsScalar()) {
    std::string value = node.Scalar();
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    if (value == "DISALLOW" || value == "OVERWRITE" || value == "RETAIN") {
      spec->file_exists_behavior = value;
      return;
    }
  }
  problems->Add(node.Mark(), "file_exists_behavior",
                "invalid value " + Describe(node) + "; use one of DISALLOW, OVERWRITE or RETAIN");
}

void ParseRoot(const YAML::Node& root, Problems* problems, AppSpec* spec) {
  if (IsAbsent(root) || (root.IsScalar() && root.Scalar().empty())) {
    problems->Add(YAML::Mark(), "",
                  "the application specification file was empty; it must define at minimum "
                  "'version' and 'os'");
    return;
  }
  if (!root.IsMap()) {
    problems->Add(root.Mark(), "",
                  "the application specification file must be a map of keys (version, os, "
                  "files, permissions, hooks), not " +
                      Describe(root));
    return;
  }
  ParseVersion(root, problems, spec);
  ParseOs(root, problems, spec);
  ParseFileExistsBehavior(root, problems, spec);
  internal::ParseFiles(Lookup(root, "files"), problems, spec);
  internal::ParsePermissions(Lookup(root, "permissions"), problems, spec);
  internal::ParseHooks(Lookup(root, "hooks"), problems, spec);
}

}  // namespace

Result<AppSpec> Parse(const std::string& text, const std::string& file_name) {
  Problems problems(file_name);
  AppSpec spec;
  try {
    ParseRoot(YAML::Load(text), &problems, &spec);
  } catch (const YAML::ParserException& e) {
    problems.Add(e.mark, "", "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    // The readers check node kinds first; this is a backstop so nothing escapes.
    problems.Add(e.mark, "", "cannot read the file: " + e.msg);
  }
  if (!problems.empty()) return problems.ToStatus();
  return spec;
}

Result<AppSpec> LoadFromBundle(const std::string& bundle_dir) {
  std::vector<std::string> searched;
  for (const char* name : {"appspec.yml", "appspec.yaml"}) {
    std::string path = bundle_dir + "/" + name;
    searched.push_back(path);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    ASSIGN_OR_RETURN(std::string text, fs::ReadFile(path));
    return Parse(text, path);
  }
  return NotFound("no application specification file in the bundle: looked for " + searched[0] +
                  " and " + searched[1]);
}

}  // namespace berth::appspec
