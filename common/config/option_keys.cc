#include "common/config/option_keys.h"

#include <algorithm>

namespace berth::config {
namespace {

// Options a file cannot set: --help and --config (a file naming another file).
bool IsSetting(const CLI::App& app, const CLI::Option& option) {
  if (option.get_lnames().empty()) return false;  // a positional argument
  if (&option == app.get_help_ptr() || &option == app.get_help_all_ptr()) return false;
  return option.get_lnames().front() != "config";
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

CLI::Option* FindOption(CLI::App& app, const std::string& key) {
  if (key.empty() || key.find('-') != std::string::npos) return nullptr;
  std::string flag = key;
  std::replace(flag.begin(), flag.end(), '_', '-');
  for (CLI::Option* option : app.get_options()) {
    if (!IsSetting(app, *option)) continue;
    const auto& names = option->get_lnames();
    if (std::find(names.begin(), names.end(), flag) != names.end()) return option;
  }
  return nullptr;
}

std::string KeyOf(const CLI::Option& option) {
  std::string key = option.get_lnames().front();
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

std::vector<std::string> Keys(CLI::App& app) {
  std::vector<std::string> keys;
  for (CLI::Option* option : app.get_options()) {
    if (IsSetting(app, *option)) keys.push_back(KeyOf(*option));
  }
  return keys;
}

std::string ClosestKey(CLI::App& app, const std::string& key) {
  std::string normalized = key;
  std::replace(normalized.begin(), normalized.end(), '-', '_');
  std::string best;
  size_t best_distance = 3;
  for (const std::string& known : Keys(app)) {
    size_t d = EditDistance(normalized, known);
    if (d < best_distance) {
      best_distance = d;
      best = known;
    }
  }
  return best;
}

bool IsFlag(const CLI::Option& option) { return option.get_expected_min() == 0; }

bool IsRepeatable(const CLI::Option& option) { return option.get_items_expected_max() > 1; }

}  // namespace berth::config
