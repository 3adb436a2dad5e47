// The parsed form of an appspec.yml (APPSPEC.md). Produced by appspec/parser.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berth::appspec {

struct FileMapping {
  std::string source;       // relative to the bundle root; "/" is the whole bundle
  std::string destination;  // absolute path on the host (before the install root prefix)
};

enum class ObjectType { kFile, kDirectory };

// An SELinux context to apply (chcon -u/-t/-l); empty fields are left as they are.
struct SelinuxContext {
  std::string user;
  std::string type;
  std::string range;
};

struct Permission {
  std::string object;
  std::string pattern = "**";
  std::vector<std::string> except;
  std::vector<ObjectType> types;  // empty: both
  std::string owner;
  std::string group;
  std::optional<int> mode;        // parsed octal, e.g. 0644 ("12" in the file gives 012)
  std::vector<std::string> acls;  // setfacl entries as written, e.g. "u:www:rwx"
  std::string context;            // raw SELinux context spec as written (flow YAML), if any
  std::optional<SelinuxContext> selinux_context;  // the same, parsed; set iff context is
};

struct HookScript {
  std::string location;  // relative to the bundle root
  int timeout_seconds = 3600;
  std::string runas;  // empty: the agent's user
};

struct AppSpec {
  std::string version;  // always "0.0" once parsed
  std::string os;       // always "linux" once parsed
  // "" (not set), "DISALLOW", "OVERWRITE", "RETAIN" (upper case whatever the file wrote).
  std::string file_exists_behavior;
  std::vector<FileMapping> files;
  std::vector<Permission> permissions;
  // Event name -> scripts in order. Events with an empty or null list are absent.
  std::map<std::string, std::vector<HookScript>> hooks;
};

}  // namespace berth::appspec
