// The agent's instance credential, kept in <root>/agent-credential.json (mode 0600).
#pragma once

#include <optional>
#include <string>

#include "agent/controller_client.h"
#include "common/status.h"

namespace berth::agent {

struct StoredCredential {
  std::string name;  // the instance name it was issued to
  Credential credential;
};

// nullopt when the file is missing or unreadable (the agent then enrolls again).
std::optional<StoredCredential> LoadCredential(const std::string& root);
Status SaveCredential(const std::string& root, const StoredCredential& stored);

}  // namespace berth::agent
