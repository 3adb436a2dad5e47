#include "common/appspec/yaml_reader.h"

namespace berth::appspec::internal {
namespace {

std::string Trim(const std::string& s) {
  const char* kSpace = " \t\r\n";
  std::size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string::npos) return "";
  std::size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

}  // namespace

std::string ChildPath(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string IndexPath(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

YAML::Node Lookup(const YAML::Node& map, const std::string& key) {
  const YAML::Node& const_map = map;  // the const overload never inserts the key
  YAML::Node value = const_map[key];
  // An absent key yields an "invalid" node on which most calls throw; a node of type
  // Undefined answers IsDefined() == false and is safe to ask anything.
  return value.IsDefined() ? value : YAML::Node(YAML::NodeType::Undefined);
}

bool ReadOptionalString(const YAML::Node& map, const std::string& key, const std::string& path,
                        Problems* problems, std::string* out) {
  YAML::Node value = Lookup(map, key);
  if (IsAbsent(value)) return true;
  if (!value.IsScalar()) {
    problems->Add(value.Mark(), ChildPath(path, key), "must be a string, not " + Describe(value));
    return false;
  }
  *out = Trim(value.Scalar());
  return true;
}

bool ReadRequiredString(const YAML::Node& map, const std::string& key, const std::string& path,
                        const std::string& why, Problems* problems, std::string* out) {
  std::string value;
  if (!ReadOptionalString(map, key, path, problems, &value)) return false;
  if (value.empty()) {
    YAML::Node node = Lookup(map, key);
    problems->Add(node.IsDefined() ? node.Mark() : map.Mark(), ChildPath(path, key),
                  "missing; " + why);
    return false;
  }
  *out = std::move(value);
  return true;
}

bool ReadStringList(const YAML::Node& map, const std::string& key, const std::string& path,
                    Problems* problems, std::vector<std::string>* out) {
  YAML::Node list = Lookup(map, key);
  if (IsAbsent(list)) return true;
  std::string list_path = ChildPath(path, key);
  if (!ExpectList(list, list_path, "strings", problems)) return false;
  bool ok = true;
  std::size_t i = 0;
  for (const YAML::Node& item : list) {
    if (!item.IsScalar()) {
      problems->Add(item.Mark(), IndexPath(list_path, i),
                    "must be a string, not " + Describe(item));
      ok = false;
    } else {
      out->push_back(Trim(item.Scalar()));
    }
    ++i;
  }
  return ok;
}

bool ExpectList(const YAML::Node& node, const std::string& path, const std::string& what,
                Problems* problems) {
  if (node.IsSequence()) return true;
  problems->Add(node.Mark(), path, "must be a list of " + what + ", not " + Describe(node));
  return false;
}

bool ExpectMap(const YAML::Node& node, const std::string& path, const std::string& what,
               Problems* problems) {
  if (node.IsMap()) return true;
  problems->Add(node.Mark(), path, "must be a map of " + what + ", not " + Describe(node));
  return false;
}

void ForEachMapInList(const YAML::Node& node, const std::string& path, const std::string& fields,
                      Problems* problems,
                      const std::function<void(const YAML::Node&, const std::string&)>& parse) {
  if (!ExpectList(node, path, "maps with " + fields, problems)) return;
  std::size_t index = 0;
  for (const YAML::Node& entry : node) {
    std::string entry_path = IndexPath(path, index++);
    if (entry.IsMap()) {
      parse(entry, entry_path);
    } else {
      problems->Add(entry.Mark(), entry_path,
                    "must be a map with " + fields + ", not " + Describe(entry));
    }
  }
}

}  // namespace berth::appspec::internal
