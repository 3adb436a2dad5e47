// Service: API tokens with roles (docs/security.md "Roles").
#include "common/random.h"
#include "common/secrets.h"
#include "common/sha256.h"
#include "controller/api/service.h"

namespace berth::api {

void Service::SetApiTokenKeys(std::string bootstrap_admin_token, std::string sigv4_key) {
  bootstrap_admin_token_ = std::move(bootstrap_admin_token);
  sigv4_key_ = std::move(sigv4_key);
}

Result<NewApiToken> Service::CreateApiToken(model::Role role, int64_t ttl_ms,
                                            const std::string& description) {
  if (ttl_ms < 0) return InvalidArgument("a token's ttl may not be negative");
  if (description.size() > 200) return InvalidArgument("a token's description is at most 200 characters");
  NewApiToken out;
  out.token.id = "BT" + RandomAlnumUpper(18);
  out.token.role = role;
  out.token.description = description;
  out.token.create_time = clock_->NowMs();
  out.token.expire_time = ttl_ms == 0 ? 0 : out.token.create_time + ttl_ms;
  out.secret = out.token.id + "." + RandomHex(32);
  out.access_key_id = out.token.id;
  // Derived, not stored: the server recomputes it to check a signature.
  out.secret_access_key = Base64(HmacSha256(sigv4_key_, out.token.id)).substr(0, 40);
  RETURN_IF_ERROR(store_->CreateApiToken(out.token, Sha256Hex(out.secret)));
  return out;
}

Result<std::vector<model::ApiToken>> Service::ListApiTokens() { return store_->ListApiTokens(); }

Status Service::RevokeApiToken(const std::string& id) {
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::ApiToken token, store_->GetApiToken(id));
    if (token.revoke_time != 0) return FailedPrecondition("api token " + id + " is already revoked");
    return store_->RevokeApiToken(id, clock_->NowMs());
  });
}

Result<Principal> Service::AuthenticateApiToken(const std::string& token) {
  if (token.empty()) return Unauthenticated("missing Authorization: Bearer <token> header");
  if (SecretEquals(token, bootstrap_admin_token_)) return Principal{"bootstrap", model::Role::kAdmin};
  auto found = store_->GetApiTokenByHash(Sha256Hex(token));
  if (!found.ok()) {
    if (found.status().code() == Code::kNotFound) return Unauthenticated("invalid token");
    return found.status();
  }
  if (found->revoke_time != 0) return Unauthenticated("token " + found->id + " was revoked");
  if (found->expire_time != 0 && clock_->NowMs() >= found->expire_time) {
    return Unauthenticated("token " + found->id + " expired");
  }
  return Principal{found->id, found->role};
}

}  // namespace berth::api
