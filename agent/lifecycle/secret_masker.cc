#include "agent/lifecycle/secret_masker.h"

#include <algorithm>

namespace berth::agent {

SecretMasker::SecretMasker(const std::vector<model::Variable>& variables) {
  for (const model::Variable& v : variables) {
    if (!v.secret) continue;
    size_t start = 0;
    while (start <= v.value.size()) {
      size_t end = v.value.find('\n', start);
      if (end == std::string::npos) end = v.value.size();
      std::string line = v.value.substr(start, end - start);
      if (!line.empty() && line != "\r") values_.push_back(line);
      start = end + 1;
    }
  }
  std::sort(values_.begin(), values_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretMasker::Mask(std::string_view text) const {
  std::string out(text);
  for (const std::string& value : values_) {
    size_t pos = 0;
    while ((pos = out.find(value, pos)) != std::string::npos) {
      out.replace(pos, value.size(), model::kSecretMask);
      pos += std::char_traits<char>::length(model::kSecretMask);
    }
  }
  return out;
}

}  // namespace berth::agent
