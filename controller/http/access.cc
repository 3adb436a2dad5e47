// /api/v1/tokens and /api/v1/join-tokens (docs/api.md "Tokens", docs/security.md).
#include "controller/http/paging.h"
#include "controller/http/routes.h"

namespace berth::http {
namespace {

// A whole number >= 0 in `body[field]`, or `fallback` when the field is absent.
Result<int64_t> GetCount(const Json& body, const std::string& field, int64_t fallback) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number_integer() || it->get<int64_t>() < 0) {
    return InvalidArgument(field + " must be a whole number >= 0");
  }
  return it->get<int64_t>();
}

std::string TokenStatus(model::TimeMs revoke_time, model::TimeMs expire_time, model::TimeMs now) {
  if (revoke_time != 0) return "Revoked";
  if (expire_time != 0 && now >= expire_time) return "Expired";
  return "Active";
}

Json ToJson(const model::ApiToken& t, model::TimeMs now) {
  Json j = {{"id", t.id},
            {"role", std::string(model::RoleName(t.role))},
            {"description", t.description},
            {"status", TokenStatus(t.revoke_time, t.expire_time, now)}};
  PutTime(j, "createTime", t.create_time);
  PutTime(j, "expireTime", t.expire_time);
  PutTime(j, "revokeTime", t.revoke_time);
  return j;
}

Json ToJson(const model::JoinTokenRecord& t, model::TimeMs now) {
  std::string status = TokenStatus(t.revoke_time, t.expire_time, now);
  if (status == "Active" && t.max_uses != 0 && t.uses >= t.max_uses) status = "UsedUp";
  Json j = {{"id", t.id},
            {"description", t.description},
            {"tags", TagsToJson(t.tags)},
            {"namePrefix", t.name_prefix},
            {"uses", t.uses},
            {"maxUses", t.max_uses},
            {"status", status}};
  PutTime(j, "createTime", t.create_time);
  PutTime(j, "expireTime", t.expire_time);
  PutTime(j, "revokeTime", t.revoke_time);
  return j;
}

}  // namespace

void RegisterAccessRoutes(Router& router, api::Service* service, Clock* clock) {
  router.Post(R"(/api/v1/tokens)", [service, clock](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
    ASSIGN_OR_RETURN(std::string role_name, GetString(body, "role", true));
    auto role = model::ParseRole(role_name);
    if (!role) {
      return InvalidArgument("role \"" + role_name + "\" is not viewer, deployer, admin or alerts");
    }
    ASSIGN_OR_RETURN(int64_t ttl, GetCount(body, "ttlSeconds", 0));
    ASSIGN_OR_RETURN(std::string description, GetString(body, "description", false));
    ASSIGN_OR_RETURN(api::NewApiToken t, service->CreateApiToken(*role, ttl * 1000, description));
    Json j = ToJson(t.token, clock->NowMs());
    j["token"] = t.secret;
    j["accessKeyId"] = t.access_key_id;
    j["secretAccessKey"] = t.secret_access_key;
    return Reply{201, j};
  });
  router.Get(R"(/api/v1/tokens)", [service, clock](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
    ASSIGN_OR_RETURN(std::vector<model::ApiToken> tokens, service->ListApiTokens());
    const model::TimeMs now = clock->NowMs();
    ASSIGN_OR_RETURN(Json out, ListPage(
                                   tokens, page, "tokens",
                                   [](const model::ApiToken& t) { return t.id; },
                                   [now](const model::ApiToken& t) { return ToJson(t, now); }));
    return Reply{200, out};
  });
  router.Delete(R"(/api/v1/tokens/([^/]+))", [service](const httplib::Request& req) -> Result<Reply> {
    RETURN_IF_ERROR(service->RevokeApiToken(req.matches[1]));
    return Reply{200, {{"id", req.matches[1]}, {"status", "Revoked"}}};
  });

  router.Post(R"(/api/v1/join-tokens)",
              [service, clock](const httplib::Request& req) -> Result<Reply> {
                ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
                api::JoinTokenRequest r;
                ASSIGN_OR_RETURN(int64_t ttl, GetCount(body, "ttlSeconds", 3600));
                r.ttl_ms = ttl * 1000;
                ASSIGN_OR_RETURN(int64_t uses, GetCount(body, "uses", 0));
                r.uses = static_cast<int>(uses);
                ASSIGN_OR_RETURN(r.name_prefix, GetString(body, "namePrefix", false));
                ASSIGN_OR_RETURN(r.description, GetString(body, "description", false));
                if (auto tags = body.find("tags"); tags != body.end() && !tags->is_null()) {
                  ASSIGN_OR_RETURN(r.tags, TagsFromJson(*tags, "tags"));
                }
                ASSIGN_OR_RETURN(api::NewJoinToken t, service->CreateJoinToken(r));
                Json j = ToJson(t.record, clock->NowMs());
                j["joinToken"] = t.token;
                return Reply{201, j};
              });
  router.Get(R"(/api/v1/join-tokens)",
             [service, clock](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
               ASSIGN_OR_RETURN(std::vector<model::JoinTokenRecord> tokens,
                                service->ListJoinTokens());
               const model::TimeMs now = clock->NowMs();
               ASSIGN_OR_RETURN(
                   Json out, ListPage(
                                 tokens, page, "joinTokens",
                                 [](const model::JoinTokenRecord& t) { return t.id; },
                                 [now](const model::JoinTokenRecord& t) { return ToJson(t, now); }));
               return Reply{200, out};
             });
  router.Delete(R"(/api/v1/join-tokens/([^/]+))",
                [service](const httplib::Request& req) -> Result<Reply> {
                  RETURN_IF_ERROR(service->RevokeJoinToken(req.matches[1]));
                  return Reply{200, {{"id", req.matches[1]}, {"status", "Revoked"}}};
                });
}

}  // namespace berth::http
