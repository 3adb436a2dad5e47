// Service: API tokens with roles (docs/security.md "Roles").
#include "common/random.h"
#include "common/secrets.h"
#include "common/sha256.h"
#include "controller/api/service.h"

namespace berth::api {
namespace {

// Derived, not stored: the server recomputes it to check a signature.
std::string SecretAccessKey(const std::string& sigv4_key, const std::string& token_id) {
  return Base64(HmacSha256(sigv4_key, token_id)).substr(0, 40);
}

// UNAUTHENTICATED when `token` may no longer be used.
Status CheckUsable(const model::ApiToken& token, int64_t now_ms) {
  if (token.revoke_time != 0) return Unauthenticated("token " + token.id + " was revoked");
  if (token.expire_time != 0 && now_ms >= token.expire_time) {
    return Unauthenticated("token " + token.id + " expired");
  }
  return Status::Ok();
}

}  // namespace

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
  out.secret_access_key = SecretAccessKey(sigv4_key_, out.token.id);
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
  RETURN_IF_ERROR(CheckUsable(*found, clock_->NowMs()));
  return Principal{found->id, found->role};
}

Result<AccessKey> Service::LookupAccessKey(const std::string& access_key_id) {
  Result<model::ApiToken> found = store_->GetApiToken(access_key_id);
  if (!found.ok()) {
    if (found.status().code() == Code::kNotFound) {
      return Unauthenticated("access key " + access_key_id.substr(0, 40) +
                             " is not an API token's id");
    }
    return found.status();
  }
  RETURN_IF_ERROR(CheckUsable(*found, clock_->NowMs()));
  return AccessKey{Principal{found->id, found->role}, SecretAccessKey(sigv4_key_, found->id)};
}

}  // namespace berth::api
