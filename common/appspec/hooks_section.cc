#include <cstdint>
#include <limits>
#include <set>

#include "common/appspec/sections.h"
#include "common/model/lifecycle.h"

namespace berth::appspec::internal {
namespace {

std::string ValidEventList() {
  std::string list;
  for (const std::string& name : model::HookEventNames()) {
    list += (list.empty() ? "" : ", ") + name;
  }
  return list;
}

std::string UnknownEventProblem(const std::string& name) {
  // DownloadBundle and Install are real events, so say why they still cannot have hooks.
  if (name == model::kDownloadBundle || name == model::kInstall) {
    return "\"" + name + "\" is run by the agent itself and cannot have hook scripts; " +
           "valid events are " + ValidEventList();
  }
  return "unknown lifecycle event \"" + name + "\"; valid events are " + ValidEventList();
}

// Seconds, as a positive decimal integer. Quoted digits are accepted, as CodeDeploy
// accepts them; anything else ("foo", "0", "-5", "1.5") is refused rather than rounded.
bool ReadTimeout(const YAML::Node& script, const std::string& path, Problems* problems, int* out) {
  YAML::Node value = Lookup(script, "timeout");
  if (IsAbsent(value)) return true;
  std::string timeout_path = ChildPath(path, "timeout");
  if (!value.IsScalar()) {
    problems->Add(value.Mark(), timeout_path,
                  "must be a positive integer (seconds), not " + Describe(value));
    return false;
  }
  const std::string& text = value.Scalar();
  std::int64_t seconds = 0;
  bool digits_only = !text.empty();
  for (char c : text) {
    if (c < '0' || c > '9') {
      digits_only = false;
      break;
    }
    seconds = seconds * 10 + (c - '0');
    if (seconds > std::numeric_limits<int>::max()) {
      problems->Add(value.Mark(), timeout_path,
                    Describe(value) + " is too large; the maximum is " +
                        std::to_string(std::numeric_limits<int>::max()) + " seconds");
      return false;
    }
  }
  if (!digits_only || seconds == 0) {
    problems->Add(value.Mark(), timeout_path, Describe(value) + " is not a positive integer");
    return false;
  }
  *out = static_cast<int>(seconds);
  return true;
}

void ParseScripts(const YAML::Node& scripts, const std::string& path, Problems* problems,
                  std::vector<HookScript>* out) {
  auto parse = [&](const YAML::Node& entry, const std::string& entry_path) {
    HookScript script;
    bool ok = ReadRequiredString(entry, "location", entry_path, "every script needs a location",
                                 problems, &script.location);
    ok &= ReadTimeout(entry, entry_path, problems, &script.timeout_seconds);
    ok &= ReadOptionalString(entry, "runas", entry_path, problems, &script.runas);
    if (ok) out->push_back(std::move(script));
  };
  ForEachMapInList(scripts, path, "location, timeout and runas", problems, parse);
}

}  // namespace

void ParseHooks(const YAML::Node& node, Problems* problems, AppSpec* spec) {
  if (IsAbsent(node)) return;
  if (!ExpectMap(node, "hooks", "lifecycle event names to script lists", problems)) return;
  std::set<std::string> seen;
  for (const auto& pair : node) {
    const YAML::Node& key = pair.first;
    if (!key.IsScalar()) {
      problems->Add(key.Mark(), "hooks", "event names must be strings, not " + Describe(key));
      continue;
    }
    const std::string& event = key.Scalar();
    std::string path = ChildPath("hooks", event);
    if (!model::IsHookEvent(event)) {
      problems->Add(key.Mark(), path, UnknownEventProblem(event));
      continue;
    }
    // yaml-cpp keeps both copies of a repeated key; which one to run would be a guess.
    if (!seen.insert(event).second) {
      problems->Add(key.Mark(), path, "listed more than once; merge the script lists");
      continue;
    }
    // An empty or null list is no hook at all, as CodeDeploy treats it.
    if (IsAbsent(pair.second)) continue;
    std::vector<HookScript> scripts;
    ParseScripts(pair.second, path, problems, &scripts);
    if (!scripts.empty()) spec->hooks[event] = std::move(scripts);
  }
}

}  // namespace berth::appspec::internal
