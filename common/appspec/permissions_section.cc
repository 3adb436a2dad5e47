#include "common/appspec/permission_mode.h"
#include "common/appspec/sections.h"

namespace berth::appspec::internal {
namespace {

bool ReadTypes(const YAML::Node& entry, const std::string& path, Problems* problems,
               std::vector<ObjectType>* out) {
  std::vector<std::string> names;
  if (!ReadStringList(entry, "type", path, problems, &names)) return false;
  bool ok = true;
  const YAML::Node list = Lookup(entry, "type");
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "file") {
      out->push_back(ObjectType::kFile);
    } else if (names[i] == "directory") {
      out->push_back(ObjectType::kDirectory);
    } else {
      problems->Add(list[i].Mark(), IndexPath(ChildPath(path, "type"), i),
                    "\"" + names[i] + "\" is not a type permissions can apply to; use " +
                        "\"file\" or \"directory\"");
      ok = false;
    }
  }
  return ok;
}

bool ReadMode(const YAML::Node& entry, const std::string& path, Problems* problems,
              std::optional<int>* out) {
  std::string text;
  if (!ReadOptionalString(entry, "mode", path, problems, &text)) return false;
  YAML::Node value = Lookup(entry, "mode");
  if (IsAbsent(value)) return true;
  Result<int> mode = ParsePermissionMode(text);
  if (!mode.ok()) {
    problems->Add(value.Mark(), ChildPath(path, "mode"), mode.status().message());
    return false;
  }
  *out = *mode;
  return true;
}

// SELinux `range` is either a level range as chcon takes it ("s0-s0:c0.c1023") or a map
// {low, high}, which is joined into that form.
bool ReadRange(const YAML::Node& context, const std::string& path, Problems* problems,
               std::string* out) {
  YAML::Node range = Lookup(context, "range");
  if (!range.IsMap()) return ReadOptionalString(context, "range", path, problems, out);
  std::string range_path = ChildPath(path, "range");
  std::string low;
  std::string high;
  bool ok =
      ReadRequiredString(range, "low", range_path, "a range map needs a low level", problems, &low);
  ok &= ReadOptionalString(range, "high", range_path, problems, &high);
  if (ok) *out = high.empty() ? low : low + "-" + high;
  return ok;
}

bool ReadContext(const YAML::Node& entry, const std::string& path, Problems* problems,
                 Permission* permission) {
  YAML::Node node = Lookup(entry, "context");
  if (IsAbsent(node)) return true;
  std::string context_path = ChildPath(path, "context");
  if (!ExpectMap(node, context_path, "SELinux fields (user, type, range)", problems)) {
    return false;
  }
  SelinuxContext context;
  bool ok = ReadOptionalString(node, "user", context_path, problems, &context.user);
  ok &= ReadOptionalString(node, "type", context_path, problems, &context.type);
  ok &= ReadRange(node, context_path, problems, &context.range);
  if (!ok) return false;
  if (context.user.empty() && context.type.empty() && context.range.empty()) {
    problems->Add(node.Mark(), context_path, "sets none of user, type and range");
    return false;
  }
  YAML::Emitter raw;
  raw << YAML::Flow << node;
  permission->context = raw.c_str();
  permission->selinux_context = std::move(context);
  return true;
}

}  // namespace

void ParsePermissions(const YAML::Node& node, Problems* problems, AppSpec* spec) {
  if (IsAbsent(node)) return;
  auto parse = [&](const YAML::Node& entry, const std::string& entry_path) {
    Permission permission;
    bool ok =
        ReadRequiredString(entry, "object", entry_path, "every permissions entry needs an object",
                           problems, &permission.object);
    ok &= ReadOptionalString(entry, "pattern", entry_path, problems, &permission.pattern);
    if (permission.pattern.empty()) permission.pattern = "**";
    ok &= ReadStringList(entry, "except", entry_path, problems, &permission.except);
    ok &= ReadTypes(entry, entry_path, problems, &permission.types);
    ok &= ReadOptionalString(entry, "owner", entry_path, problems, &permission.owner);
    ok &= ReadOptionalString(entry, "group", entry_path, problems, &permission.group);
    ok &= ReadMode(entry, entry_path, problems, &permission.mode);
    ok &= ReadStringList(entry, "acls", entry_path, problems, &permission.acls);
    ok &= ReadContext(entry, entry_path, problems, &permission);
    if (ok) spec->permissions.push_back(std::move(permission));
  };
  ForEachMapInList(node, "permissions", "at least an object", problems, parse);
}

}  // namespace berth::appspec::internal
