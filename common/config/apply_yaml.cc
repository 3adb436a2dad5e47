#include "common/config/apply_yaml.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <vector>

#include "common/config/option_keys.h"

namespace berth::config {
namespace {

// What a value of the option's type is, for "must be ..." messages.
std::string TypeDescription(const CLI::Option& option) {
  std::string type = option.get_type_name();
  type = type.substr(0, type.find(':'));
  if (type == "INT") return "an integer";
  if (type == "UINT") return "a non-negative integer";
  if (type == "FLOAT") return "a number";
  return "a valid value";
}

// What the option said when it refused `values`, without CLI11's flag-name prefix.
std::string Refusal(const CLI::Option& option, const std::vector<std::string>& values,
                    const CLI::Error& e) {
  if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
    std::string shown;
    for (const std::string& v : values) shown += (shown.empty() ? "\"" : ", \"") + v + "\"";
    return "must be " + TypeDescription(option) + ", not " + shown;
  }
  std::string what = e.what();
  const std::string prefix = option.get_name() + ": ";
  if (what.compare(0, prefix.size(), prefix) == 0) what.erase(0, prefix.size());
  return what;
}

// The option's results from `value`; nullopt, with the problem recorded, when the value
// has the wrong form. Empty for an empty list or map.
std::optional<std::vector<std::string>> Results(const CLI::Option& option, const YAML::Node& value,
                                                const std::string& key, yaml::Problems* problems) {
  if (IsFlag(option)) {
    bool on = false;
    if (!value.IsScalar() || !YAML::convert<bool>::decode(value, on)) {
      problems->Add(value.Mark(), key, "must be true or false, not " + yaml::Describe(value));
      return std::nullopt;
    }
    return std::vector<std::string>{on ? "true" : "false"};
  }
  if (value.IsScalar()) return std::vector<std::string>{value.Scalar()};
  if (!IsRepeatable(option)) {
    problems->Add(value.Mark(), key,
                  "takes one value, not " + yaml::Describe(value) + " (--" +
                      option.get_lnames().front() + " is not repeatable)");
    return std::nullopt;
  }
  std::vector<std::string> results;
  bool ok = true;
  if (value.IsSequence()) {
    for (const YAML::Node& item : value) {
      if (item.IsScalar()) {
        results.push_back(item.Scalar());
        continue;
      }
      problems->Add(item.Mark(), key,
                    "each item must be a single value, not " + yaml::Describe(item));
      ok = false;
    }
  } else {
    for (const auto& entry : value) {
      if (entry.first.IsScalar() && entry.second.IsScalar()) {
        results.push_back(entry.first.Scalar() + "=" + entry.second.Scalar());
        continue;
      }
      const YAML::Node& bad = entry.first.IsScalar() ? entry.second : entry.first;
      problems->Add(
          bad.Mark(), key,
          "each entry must be NAME: VALUE with single values, not " + yaml::Describe(bad));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return results;
}

void SetOption(CLI::Option& option, const std::vector<std::string>& values, const YAML::Node& value,
               const std::string& key, yaml::Problems* problems) {
  try {
    option.clear();
    if (IsFlag(option)) {
      option.add_result(option.get_flag_value(option.get_lnames().front(), values.front()));
    } else {
      option.add_result(values);
    }
    option.run_callback();
  } catch (const CLI::Error& e) {
    problems->Add(value.Mark(), key, Refusal(option, values, e));
  }
}

void ApplyMap(CLI::App& app, const YAML::Node& root, const YieldsFn& yields,
              yaml::Problems* problems) {
  std::map<std::string, YAML::Mark> seen;
  for (const auto& entry : root) {
    const YAML::Node& key_node = entry.first;
    const YAML::Node& value = entry.second;
    if (!key_node.IsScalar()) {
      problems->Add(key_node.Mark(), "", "a key must be a name, not " + yaml::Describe(key_node));
      continue;
    }
    const std::string key = key_node.Scalar();
    auto [first, inserted] = seen.emplace(key, key_node.Mark());
    if (!inserted) {
      problems->Add(key_node.Mark(), key,
                    "given twice (first on line " + std::to_string(first->second.line + 1) + ")");
      continue;
    }
    CLI::Option* option = FindOption(app, key);
    if (option == nullptr) {
      std::string closest = ClosestKey(app, key);
      problems->Add(key_node.Mark(), "",
                    "unknown key \"" + key + "\"" +
                        (closest.empty() ? "" : " (did you mean " + closest + "?)"));
      continue;
    }
    if (yaml::IsAbsent(value)) continue;
    std::optional<std::vector<std::string>> results = Results(*option, value, key, problems);
    if (!results || results->empty()) continue;
    if (yields && yields(*option)) continue;
    SetOption(*option, *results, value, key, problems);
  }
}

}  // namespace

void ApplyYaml(CLI::App& app, const std::string& text, const YieldsFn& yields,
               yaml::Problems* problems) {
  try {
    YAML::Node root = YAML::Load(text);
    if (yaml::IsAbsent(root)) return;  // an empty file (or only comments) sets nothing
    if (!root.IsMap()) {
      problems->Add(root.Mark(), "",
                    "must be a map of settings (key: value), not " + yaml::Describe(root));
      return;
    }
    ApplyMap(app, root, yields, problems);
  } catch (const YAML::ParserException& e) {
    problems->Add(e.mark, "", "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    problems->Add(e.mark, "", "cannot read the file: " + e.msg);
  }
}

}  // namespace berth::config
