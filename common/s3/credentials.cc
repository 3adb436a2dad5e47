#include "common/s3/credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace berth::s3 {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string RealEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v ? v : "";
}

Result<Credentials> CredentialsFromIni(const std::string& text, const std::string& profile) {
  std::istringstream in(text);
  std::string line;
  std::string section;
  Credentials c;
  bool found = false;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = Trim(line.substr(1, line.size() - 2));
      if (section.rfind("profile ", 0) == 0) section = Trim(section.substr(8));
      continue;
    }
    if (section != profile) continue;
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = Trim(line.substr(0, eq));
    std::string value = Trim(line.substr(eq + 1));
    found = true;
    if (key == "aws_access_key_id") c.access_key_id = value;
    if (key == "aws_secret_access_key") c.secret_access_key = value;
    if (key == "aws_session_token") c.session_token = value;
  }
  if (!found || c.access_key_id.empty() || c.secret_access_key.empty()) {
    return NotFound("profile \"" + profile + "\" has no aws_access_key_id/aws_secret_access_key");
  }
  return c;
}

Result<Credentials> LoadCredentials(const EnvLookup& env) {
  Credentials c;
  c.access_key_id = env("AWS_ACCESS_KEY_ID");
  c.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
  if (!c.access_key_id.empty() && !c.secret_access_key.empty()) {
    c.session_token = env("AWS_SESSION_TOKEN");
    return c;
  }
  std::string profile = env("AWS_PROFILE");
  if (profile.empty()) profile = "default";
  std::string path = env("AWS_SHARED_CREDENTIALS_FILE");
  if (path.empty()) path = env("HOME") + "/.aws/credentials";
  std::ifstream file(path);
  if (!file) {
    return NotFound(
        "no AWS credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set and " + path +
        " cannot be read");
  }
  std::stringstream text;
  text << file.rdbuf();
  Result<Credentials> r = CredentialsFromIni(text.str(), profile);
  if (!r.ok()) return NotFound("no AWS credentials in " + path + ": " + r.status().message());
  return r;
}

}  // namespace berth::s3
