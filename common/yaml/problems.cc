#include "common/yaml/problems.h"

#include <algorithm>

namespace berth::yaml {

void Problems::Add(const YAML::Mark& mark, const std::string& path, const std::string& problem) {
  // yaml-cpp counts from 0; editors and compilers count from 1.
  int line = mark.is_null() ? 1 : mark.line + 1;
  int column = mark.is_null() ? 1 : mark.column + 1;
  std::string text = file_name_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                     (path.empty() ? "" : path + ": ") + problem;
  entries_.push_back({line, column, std::move(text)});
}

std::vector<std::string> Problems::Lines() const {
  std::vector<Entry> sorted = entries_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  std::vector<std::string> lines;
  for (Entry& entry : sorted) lines.push_back(std::move(entry.text));
  return lines;
}

Status Problems::ToStatus() const {
  std::string message;
  for (const std::string& line : Lines()) {
    if (!message.empty()) message += "\n";
    message += line;
  }
  return InvalidArgument(std::move(message));
}

std::string Describe(const YAML::Node& node) {
  if (node.IsScalar()) return "\"" + node.Scalar() + "\"";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  return "null";
}

bool IsAbsent(const YAML::Node& node) { return !node.IsDefined() || node.IsNull(); }

}  // namespace berth::yaml
