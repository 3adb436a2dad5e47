#include "common/secret_input.h"

#include <cstdlib>
#include <cstring>

#include "common/fs.h"

namespace berth {

Result<std::string> ReadSecretFile(const std::string& path) {
  auto text = fs::ReadFile(path);
  if (!text.ok()) return NotFound("cannot read the secret file " + path + ": " + text.status().message());
  std::string secret = text->substr(0, text->find('\n'));
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  if (secret.empty()) return InvalidArgument("the secret file " + path + " is empty");
  return secret;
}

Status ResolveSecret(std::string* value, const std::string& file, const char* env_name) {
  const char* env = std::getenv(env_name);
  std::string from_env = env != nullptr ? env : "";
  unsetenv(env_name);
  if (!value->empty()) return Status::Ok();
  if (!file.empty()) {
    ASSIGN_OR_RETURN(*value, ReadSecretFile(file));
    return Status::Ok();
  }
  *value = from_env;
  return Status::Ok();
}

std::map<std::string, std::string> TakeFromEnvironment(const std::vector<std::string>& names) {
  std::map<std::string, std::string> out;
  for (const std::string& name : names) {
    if (const char* v = std::getenv(name.c_str())) out[name] = v;
    unsetenv(name.c_str());
  }
  return out;
}

void HideSecretArguments(int argc, char** argv, const std::vector<std::string>& flags) {
  for (int i = 1; i < argc; ++i) {
    for (const std::string& flag : flags) {
      const size_t n = flag.size();
      if (std::strcmp(argv[i], flag.c_str()) == 0 && i + 1 < argc) {
        std::memset(argv[i + 1], 'x', std::strlen(argv[i + 1]));
      } else if (std::strncmp(argv[i], flag.c_str(), n) == 0 && argv[i][n] == '=') {
        std::memset(argv[i] + n + 1, 'x', std::strlen(argv[i] + n + 1));
      }
    }
  }
}

}  // namespace berth
