// Service: join tokens, the way new hosts enroll (docs/security.md "Enrolling agents").
#include "common/pki/join_token.h"
#include "common/random.h"
#include "common/sha256.h"
#include "controller/api/service.h"
#include "controller/tls/certificate_authority.h"

namespace berth::api {

Result<NewJoinToken> Service::CreateJoinToken(const JoinTokenRequest& request) {
  if (request.ttl_ms < 0) return InvalidArgument("a join token's ttl may not be negative");
  if (request.uses < 0) return InvalidArgument("a join token's uses may not be negative");
  for (const auto& [key, value] : request.tags) {
    if (key.empty()) return InvalidArgument("join token tag with value \"" + value + "\" has no key");
  }
  if (!request.name_prefix.empty()) {
    RETURN_IF_ERROR(ValidateName("name prefix", request.name_prefix));
  }
  NewJoinToken out;
  model::JoinTokenRecord& r = out.record;
  r.id = RandomHex(6);
  r.description = request.description;
  r.tags = request.tags;
  r.name_prefix = request.name_prefix;
  r.max_uses = request.uses;
  r.create_time = clock_->NowMs();
  r.expire_time = request.ttl_ms == 0 ? 0 : r.create_time + request.ttl_ms;
  pki::JoinToken token{r.id, RandomHex(32), ""};
  // In --insecure mode there is no CA: the pin is all zeros, and only an agent started
  // with --insecure uses the token.
  if (agent_security_.authority != nullptr) {
    token.ca_pin = agent_security_.authority->trust_ca_pin();
  } else {
    token.ca_pin = "sha256:" + std::string(64, '0');
  }
  RETURN_IF_ERROR(store_->CreateJoinToken(r, Sha256Hex(token.secret)));
  out.token = token.ToString();
  return out;
}

Result<std::vector<model::JoinTokenRecord>> Service::ListJoinTokens() {
  return store_->ListJoinTokens();
}

Status Service::RevokeJoinToken(const std::string& id) {
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(auto found, store_->GetJoinToken(id));
    if (found.first.revoke_time != 0) {
      return FailedPrecondition("join token " + id + " is already revoked");
    }
    return store_->RevokeJoinToken(id, clock_->NowMs());
  });
}

}  // namespace berth::api
