#include "agent/credential_file.h"

#include <nlohmann/json.hpp>

#include "common/fs.h"

namespace berth::agent {
namespace {

std::string PathIn(const std::string& root) { return root + "/agent-credential.json"; }

}  // namespace

std::optional<StoredCredential> LoadCredential(const std::string& root) {
  auto text = fs::ReadFile(PathIn(root));
  if (!text.ok()) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  StoredCredential out;
  out.name = j.value("name", "");
  out.credential.instance_id = j.value("instanceId", "");
  out.credential.secret = j.value("credential", "");
  if (out.credential.secret.empty()) return std::nullopt;
  return out;
}

Status SaveCredential(const std::string& root, const StoredCredential& stored) {
  nlohmann::json j = {{"name", stored.name},
                      {"instanceId", stored.credential.instance_id},
                      {"credential", stored.credential.secret}};
  return fs::WriteFileAtomic(PathIn(root), j.dump(2) + "\n", 0600);
}

}  // namespace berth::agent
