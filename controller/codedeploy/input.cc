#include "controller/codedeploy/input.h"

#include <algorithm>

namespace berth::codedeploy {

std::string Str(const Json& input, const char* key) {
  auto it = input.find(key);
  return it != input.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> Strs(const Json& input, const char* key) {
  std::vector<std::string> out;
  auto it = input.find(key);
  if (it == input.end() || !it->is_array()) return out;
  for (const Json& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::optional<bool> Bool(const Json& input, const char* key) {
  auto it = input.find(key);
  if (it == input.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

bool Given(const Json& input, const char* key) {
  auto it = input.find(key);
  if (it == input.end() || it->is_null()) return false;
  if (it->is_string() || it->is_array() || it->is_object()) return !it->empty();
  return true;
}

Outcome Required(const char* exception, const char* member) {
  return Outcome::Exception(exception, std::string(member) + " is required");
}

Outcome Unsupported(const char* exception, const char* member, const std::string& why) {
  return Outcome::Exception(exception, std::string(member) + " is not supported by Berth: " + why);
}

std::optional<Page> PageOf(const std::vector<std::string>& keys, const std::string& token,
                           int page_size) {
  Page page;
  if (!token.empty()) {
    auto it = std::find(keys.begin(), keys.end(), token);
    if (it == keys.end()) return std::nullopt;
    page.begin = static_cast<size_t>(it - keys.begin()) + 1;
  }
  page.end = std::min(keys.size(), page.begin + static_cast<size_t>(std::max(page_size, 1)));
  if (page.end < keys.size()) page.next_token = keys[page.end - 1];
  return page;
}

Outcome BadNextToken(const std::string& token) {
  return Outcome::Exception("InvalidNextTokenException", "nextToken \"" + token.substr(0, 100) +
                                                             "\" was not handed out by this "
                                                             "list (or its item is gone)");
}

Outcome NamesPage(const std::vector<std::string>& names, const Json& input, int page_size,
                  const char* list_member, Json out) {
  const std::string token = Str(input, "nextToken");
  std::optional<Page> page = PageOf(names, token, page_size);
  if (!page) return BadNextToken(token);
  out[list_member] =
      std::vector<std::string>(names.begin() + page->begin, names.begin() + page->end);
  if (!page->next_token.empty()) out["nextToken"] = page->next_token;
  return out;
}

void PutEpoch(Json& j, const char* member, int64_t epoch_ms) {
  if (epoch_ms > 0) j[member] = static_cast<double>(epoch_ms) / 1000.0;
}

}  // namespace berth::codedeploy
