#include "common/appspec/sections.h"

namespace berth::appspec::internal {

void ParseFiles(const YAML::Node& node, Problems* problems, AppSpec* spec) {
  if (IsAbsent(node)) return;
  const std::string path = "files";
  if (!ExpectList(node, path, "{source, destination} entries", problems)) return;
  const std::string why = "every files entry needs a source and a destination";
  std::size_t index = 0;
  for (const YAML::Node& entry : node) {
    std::string entry_path = IndexPath(path, index++);
    if (!entry.IsMap()) {
      problems->Add(entry.Mark(), entry_path,
                    "must be a map with source and destination, not " + Describe(entry));
      continue;
    }
    FileMapping mapping;
    bool ok = ReadRequiredString(entry, "source", entry_path, why, problems, &mapping.source);
    ok &= ReadRequiredString(entry, "destination", entry_path, why, problems, &mapping.destination);
    if (ok) spec->files.push_back(std::move(mapping));
  }
}

}  // namespace berth::appspec::internal
