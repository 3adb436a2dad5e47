#include "controller/http/routes.h"

namespace berth::http {
namespace {

Result<model::TagSet> TagSetFromBody(const Json& body) {
  model::TagSet set;
  auto filters = body.find("onPremisesInstanceTagFilters");
  auto tag_set = body.find("onPremisesTagSet");
  bool has_filters = filters != body.end() && !filters->is_null();
  bool has_set = tag_set != body.end() && !tag_set->is_null();
  if (has_filters && has_set) {
    return InvalidArgument("give onPremisesInstanceTagFilters or onPremisesTagSet, not both");
  }
  if (has_filters) {
    ASSIGN_OR_RETURN(model::TagFilterList list,
                     TagFiltersFromJson(*filters, "onPremisesInstanceTagFilters"));
    set.push_back(list);
  } else if (has_set) {
    auto lists = tag_set->find("onPremisesTagSetList");
    if (!tag_set->is_object() || lists == tag_set->end() || !lists->is_array()) {
      return InvalidArgument("onPremisesTagSet.onPremisesTagSetList must be a list of lists");
    }
    for (size_t i = 0; i < lists->size(); ++i) {
      ASSIGN_OR_RETURN(model::TagFilterList list,
                       TagFiltersFromJson((*lists)[i], "onPremisesTagSet.onPremisesTagSetList[" +
                                                           std::to_string(i) + "]"));
      set.push_back(list);
    }
  }
  return set;
}

}  // namespace

void RegisterDeploymentGroupRoutes(Router& router, api::Service* service) {
  router.Post(R"(/api/v1/applications/([^/]+)/deployment-groups)",
              [service](const httplib::Request& req) -> Result<Reply> {
                ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
                model::DeploymentGroup g;
                g.application_name = req.matches[1];
                ASSIGN_OR_RETURN(g.name, GetString(body, "deploymentGroupName", true));
                ASSIGN_OR_RETURN(g.config_name, GetString(body, "deploymentConfigName", false));
                ASSIGN_OR_RETURN(g.file_exists_behavior,
                                 GetString(body, "fileExistsBehavior", false));
                ASSIGN_OR_RETURN(g.tag_set, TagSetFromBody(body));
                ASSIGN_OR_RETURN(model::DeploymentGroup created,
                                 service->CreateDeploymentGroup(g));
                return Reply{201, ToJson(created)};
              });
  router.Get(R"(/api/v1/applications/([^/]+)/deployment-groups)",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(std::vector<model::DeploymentGroup> groups,
                                service->ListDeploymentGroups(req.matches[1]));
               Json list = Json::array();
               for (const auto& g : groups) list.push_back(ToJson(g));
               return Reply{200, {{"deploymentGroups", list}}};
             });
  router.Get(R"(/api/v1/applications/([^/]+)/deployment-groups/([^/]+))",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(model::DeploymentGroup g,
                                service->GetDeploymentGroup(req.matches[1], req.matches[2]));
               return Reply{200, ToJson(g)};
             });
}

}  // namespace berth::http
