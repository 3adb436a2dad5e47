// SqliteStore: API tokens and join tokens (DESIGN.md 7).
#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectApiToken[] =
    "SELECT id, role, description, create_time, expire_time, revoke_time FROM api_tokens ";

Status ReadApiToken(Stmt& row, model::ApiToken* token) {
  token->id = row.Text(0);
  auto role = model::ParseRole(row.Text(1));
  if (!role) return DataLoss("api token " + token->id + " has an unknown role " + row.Text(1));
  token->role = *role;
  token->description = row.Text(2);
  token->create_time = row.Int64(3);
  token->expire_time = row.Int64(4);
  token->revoke_time = row.Int64(5);
  return Status::Ok();
}

constexpr char kSelectJoinToken[] =
    "SELECT id, description, tags, name_prefix, max_uses, uses, create_time, expire_time, "
    "revoke_time, secret_hash FROM join_tokens ";

Status ReadJoinToken(Stmt& row, model::JoinTokenRecord* token) {
  token->id = row.Text(0);
  token->description = row.Text(1);
  RETURN_IF_ERROR(DecodeTags(row.Text(2), &token->tags));
  token->name_prefix = row.Text(3);
  token->max_uses = row.Int(4);
  token->uses = row.Int(5);
  token->create_time = row.Int64(6);
  token->expire_time = row.Int64(7);
  token->revoke_time = row.Int64(8);
  return Status::Ok();
}

}  // namespace

Status SqliteStore::CreateApiToken(const model::ApiToken& token, const std::string& token_hash) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO api_tokens (id, token_hash, role, description, create_time, "
            "expire_time, revoke_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  stmt.Bind(token.id, token_hash, std::string(model::RoleName(token.role)), token.description,
            token.create_time, token.expire_time, token.revoke_time);
  return Explain(stmt.Run(), Code::kAlreadyExists, "api token " + token.id + " already exists");
}

Result<model::ApiToken> SqliteStore::GetApiTokenByHash(const std::string& token_hash) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return SelectOne<model::ApiToken>(&cache_,
                                    std::string(kSelectApiToken) + "WHERE token_hash = ?1",
                                    token_hash, ReadApiToken, "no api token has this secret");
}

Result<model::ApiToken> SqliteStore::GetApiToken(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return SelectOne<model::ApiToken>(&cache_, std::string(kSelectApiToken) + "WHERE id = ?1",
                                    id, ReadApiToken, "api token " + id + " does not exist");
}

Result<std::vector<model::ApiToken>> SqliteStore::ListApiTokens() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, (std::string(kSelectApiToken) + "ORDER BY create_time, id").c_str());
  return stmt.All<model::ApiToken>(ReadApiToken);
}

Status SqliteStore::RevokeApiToken(const std::string& id, model::TimeMs when) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "UPDATE api_tokens SET revoke_time = ?2 WHERE id = ?1");
  stmt.Bind(id, when);
  return RunUpdate(stmt, "api token " + id + " does not exist");
}

Status SqliteStore::CreateJoinToken(const model::JoinTokenRecord& token,
                                    const std::string& secret_hash) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO join_tokens (id, secret_hash, description, tags, name_prefix, max_uses, "
            "uses, create_time, expire_time, revoke_time) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  stmt.Bind(token.id, secret_hash, token.description, EncodeTags(token.tags), token.name_prefix,
            token.max_uses, token.uses, token.create_time, token.expire_time, token.revoke_time);
  return Explain(stmt.Run(), Code::kAlreadyExists, "join token " + token.id + " already exists");
}

Result<std::pair<model::JoinTokenRecord, std::string>> SqliteStore::GetJoinToken(
    const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  using Row = std::pair<model::JoinTokenRecord, std::string>;
  return SelectOne<Row>(
      &cache_, std::string(kSelectJoinToken) + "WHERE id = ?1", id,
      [](Stmt& row, Row* out) {
        out->second = row.Text(9);
        return ReadJoinToken(row, &out->first);
      },
      "join token " + id + " does not exist");
}

Result<std::vector<model::JoinTokenRecord>> SqliteStore::ListJoinTokens() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, (std::string(kSelectJoinToken) + "ORDER BY create_time, id").c_str());
  return stmt.All<model::JoinTokenRecord>(ReadJoinToken);
}

Status SqliteStore::CountJoinTokenUse(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "UPDATE join_tokens SET uses = uses + 1 WHERE id = ?1");
  stmt.Bind(id);
  return RunUpdate(stmt, "join token " + id + " does not exist");
}

Status SqliteStore::RevokeJoinToken(const std::string& id, model::TimeMs when) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "UPDATE join_tokens SET revoke_time = ?2 WHERE id = ?1");
  stmt.Bind(id, when);
  return RunUpdate(stmt, "join token " + id + " does not exist");
}

}  // namespace berth::store
