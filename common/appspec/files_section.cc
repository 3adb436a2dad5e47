#include "common/appspec/sections.h"

namespace berth::appspec::internal {

void ParseFiles(const YAML::Node& node, Problems* problems, AppSpec* spec) {
  if (IsAbsent(node)) return;
  const std::string why = "every files entry needs a source and a destination";
  auto parse = [&](const YAML::Node& entry, const std::string& path) {
    FileMapping mapping;
    bool ok = ReadRequiredString(entry, "source", path, why, problems, &mapping.source);
    ok &= ReadRequiredString(entry, "destination", path, why, problems, &mapping.destination);
    if (ok) spec->files.push_back(std::move(mapping));
  };
  ForEachMapInList(node, "files", "source and destination", problems, parse);
}

}  // namespace berth::appspec::internal
