#include "controller/http/routes.h"

namespace berth::http {

void RegisterInstanceRoutes(Router& router, api::Service* service) {
  router.Get(R"(/api/v1/instances)", [service](const httplib::Request&) -> Result<Reply> {
    ASSIGN_OR_RETURN(std::vector<model::Instance> instances, service->ListInstances());
    Json list = Json::array();
    for (const auto& i : instances) list.push_back(ToJson(i));
    return Reply{200, {{"instanceInfos", list}}};
  });
  // {"add": [{"Key": "k", "Value": "v"}...], "remove": ["k"...]}: the instance after.
  router.Post(R"(/api/v1/instances/([^/]+)/tags)",
              [service](const httplib::Request& req) -> Result<Reply> {
                ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
                model::Tags add;
                std::vector<std::string> remove;
                auto a = body.find("add");
                if (a != body.end() && !a->is_null()) {
                  if (!a->is_array()) return InvalidArgument("add must be a list of {Key, Value}");
                  for (const Json& tag : *a) {
                    if (!tag.is_object()) return InvalidArgument("add must be a list of {Key, Value}");
                    ASSIGN_OR_RETURN(std::string key, GetString(tag, "Key", true));
                    ASSIGN_OR_RETURN(std::string value, GetString(tag, "Value", false));
                    add[key] = value;
                  }
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
  router.Get(R"(/api/v1/instances/([^/]+))",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(model::Instance i, service->GetInstance(req.matches[1]));
               return Reply{200, ToJson(i)};
             });
}

}  // namespace berth::http
