// The problems found in one YAML file, each with its position, so that one run reports
// them all: the shape of `berth appspec validate` and `config check` errors.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "common/status.h"

namespace berth::yaml {

// Collects "<file>:<line>:<column>: <key path>: <problem>" lines.
class Problems {
 public:
  explicit Problems(std::string file_name) : file_name_(std::move(file_name)) {}

  // `path` may be empty for problems with the whole file. A null mark reads as 1:1.
  void Add(const YAML::Mark& mark, const std::string& path, const std::string& problem);
  bool empty() const { return entries_.empty(); }
  // The lines, in file order (line, then column).
  std::vector<std::string> Lines() const;
  // INVALID_ARGUMENT listing every problem, one per line, in file order.
  Status ToStatus() const;

 private:
  struct Entry {
    int line;
    int column;
    std::string text;
  };
  std::string file_name_;
  std::vector<Entry> entries_;
};

// How a message shows a value: a scalar in double quotes, else "a list", "a map", "null".
std::string Describe(const YAML::Node& node);

// True for an absent key or an explicit null (`key:` or `key: ~`).
bool IsAbsent(const YAML::Node& node);

}  // namespace berth::yaml
