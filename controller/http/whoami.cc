// GET /api/v1/whoami (docs/api.md "Who am I"): the role of the token that calls it, so a
// front end (the dashboard) shows only the actions that token may take.
#include "controller/http/caller.h"
#include "controller/http/routes.h"

namespace berth::http {

void RegisterWhoamiRoute(Router& router, api::Service* service) {
  router.Get(R"(/api/v1/whoami)", [service](const httplib::Request& req) -> Result<Reply> {
    // The pre-routing check already accepted this token; read whose it is.
    ASSIGN_OR_RETURN(api::Principal principal, CallerOf(req, service));
    return Reply{
        200,
        {{"tokenId", principal.token_id}, {"role", std::string(model::RoleName(principal.role))}}};
  });
}

}  // namespace berth::http
