// /api/v1/alarms and the Alertmanager receiver, POST /api/v1/alertmanager (docs/api.md
// "Alarms", "Alertmanager receiver").
#include "controller/http/alertmanager.h"
#include "controller/http/paging.h"
#include "controller/http/routes.h"

namespace berth::http {
namespace {

Json AlarmList(const std::vector<model::Alarm>& alarms) {
  Json list = Json::array();
  for (const model::Alarm& a : alarms) list.push_back(ToJson(a));
  return {{"alarms", list}};
}

}  // namespace

void RegisterAlarmRoutes(Router& router, api::Service* service) {
  router.Get(R"(/api/v1/alarms)", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
    ASSIGN_OR_RETURN(std::vector<model::Alarm> alarms, service->ListAlarms());
    ASSIGN_OR_RETURN(Json out, ListPage(
                                   alarms, page, "alarms",
                                   [](const model::Alarm& a) { return a.name; },
                                   [](const model::Alarm& a) { return ToJson(a); }));
    return Reply{200, out};
  });
  router.Get(R"(/api/v1/alarms/([^/]+))", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(model::Alarm alarm, service->GetAlarm(req.matches[1]));
    return Reply{200, ToJson(alarm)};
  });
  router.Put(R"(/api/v1/alarms/([^/]+))", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
    ASSIGN_OR_RETURN(std::string state, GetString(body, "state", true));
    ASSIGN_OR_RETURN(std::string reason, GetString(body, "reason", false));
    ASSIGN_OR_RETURN(model::Alarm alarm, service->SetAlarm(req.matches[1], state, reason));
    return Reply{200, ToJson(alarm)};
  });
  router.Post(R"(/api/v1/alertmanager)", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
    ASSIGN_OR_RETURN(std::vector<model::Alarm> alarms, AlarmsFromAlertmanager(body));
    ASSIGN_OR_RETURN(std::vector<model::Alarm> set, service->SetAlarms(std::move(alarms)));
    return Reply{200, AlarmList(set)};
  });
}

}  // namespace berth::http
