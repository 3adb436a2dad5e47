#include "controller/http/paging.h"
#include "controller/http/routes.h"

namespace berth::http {
namespace {

// Adds "revisions" (the current revision per deployment group) to each instance in `list`.
Status AddRevisions(api::Service* service, Json& list) {
  std::vector<std::string> ids;
  for (const Json& i : list) ids.push_back(i["instanceId"].get<std::string>());
  ASSIGN_OR_RETURN(auto revisions, service->CurrentRevisions(ids));
  for (Json& i : list) {
    Json out = Json::array();
    for (const api::InstanceRevision& r : revisions[i["instanceId"].get<std::string>()]) {
      out.push_back({{"applicationName", r.application_name},
                     {"deploymentGroupName", r.group_name},
                     {"revisionId", r.revision_id},
                     {"deploymentId", r.deployment_id}});
    }
    i["revisions"] = out;
  }
  return Status::Ok();
}

}  // namespace

void RegisterInstanceRoutes(Router& router, api::Service* service) {
  router.Get(R"(/api/v1/instances)", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
    ASSIGN_OR_RETURN(std::vector<model::Instance> instances, service->ListInstances());
    ASSIGN_OR_RETURN(Json out, ListPage(
                                   instances, page, "instanceInfos",
                                   [](const model::Instance& i) { return i.name; },
                                   [](const model::Instance& i) { return ToJson(i); }));
    RETURN_IF_ERROR(AddRevisions(service, out["instanceInfos"]));
    return Reply{200, out};
  });
  // {"add": [{"Key": "k", "Value": "v"}...], "remove": ["k"...]}: the instance after.
  router.Post(R"(/api/v1/instances/([^/]+)/tags)",
              [service](const httplib::Request& req) -> Result<Reply> {
                ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
                model::Tags add;
                std::vector<std::string> remove;
                auto a = body.find("add");
                if (a != body.end() && !a->is_null()) {
                  ASSIGN_OR_RETURN(add, TagsFromJson(*a, "add"));
                }
                auto r = body.find("remove");
                if (r != body.end() && !r->is_null()) {
                  if (!r->is_array()) return InvalidArgument("remove must be a list of keys");
                  for (const Json& key : *r) {
                    if (!key.is_string()) return InvalidArgument("remove must be a list of keys");
                    remove.push_back(key.get<std::string>());
                  }
                }
                ASSIGN_OR_RETURN(model::Instance i,
                                 service->TagInstance(req.matches[1], add, remove));
                return Reply{200, ToJson(i)};
              });
  router.Post(R"(/api/v1/instances/([^/]+)/deregister)",
              [service](const httplib::Request& req) -> Result<Reply> {
                ASSIGN_OR_RETURN(model::Instance i, service->DeregisterInstance(req.matches[1]));
                return Reply{200, ToJson(i)};
              });
  router.Get(R"(/api/v1/instances/([^/]+))",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(model::Instance i, service->GetInstance(req.matches[1]));
               Json one = Json::array({ToJson(i)});
               RETURN_IF_ERROR(AddRevisions(service, one));
               return Reply{200, one[0]};
             });
}

}  // namespace berth::http
