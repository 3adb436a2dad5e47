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

struct Permission {
  std::string object;
  std::string pattern = "**";
  std::vector<std::string> except;
  std::vector<ObjectType> types;  // empty: both
  std::string owner;
  std::string group;
  std::optional<int> mode;  // parsed octal, e.g. 0644
  std::vector<std::string> acls;
  std::string context;  // raw SELinux context spec, if any
};

struct HookScript {
  std::string location;  // relative to the bundle root
  int timeout_seconds = 3600;
  std::string runas;  // empty: the agent's user
};

struct AppSpec {
  std::string version;  // always "0.0" once parsed
  std::string os;       // always "linux" once parsed
  std::string file_exists_behavior;  // "" (not set), "DISALLOW", "OVERWRITE", "RETAIN"
  std::vector<FileMapping> files;
  std::vector<Permission> permissions;
  // Event name -> scripts in order. Events with an empty or null list are absent.
  std::map<std::string, std::vector<HookScript>> hooks;
};

}  // namespace berth::appspec
