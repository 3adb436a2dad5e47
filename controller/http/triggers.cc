// GET /api/v1/deployments/{id}/triggers (docs/api.md "Deployment triggers"): the trigger
// outbox of one deployment, read-only.
#include "common/time_format.h"
#include "controller/http/paging.h"
#include "controller/http/routes.h"
#include "controller/triggers/destination_policy.h"

namespace berth::http {
namespace {

Json MessageToJson(const store::TriggerMessage& m) {
  Json body = Json::parse(m.body, nullptr, false);
  if (body.is_discarded()) body = m.body;
  const char* status = m.delivered_time != 0 ? "Delivered" : m.abandoned ? "Abandoned" : "Pending";
  Json j = {{"seq", m.seq},
            {"triggerName", m.trigger_name},
            {"event", m.event},
            {"url", triggers::RedactUrl(m.url)},
            {"status", status},
            {"attempts", m.attempts},
            {"createTime", FormatIsoMs(m.create_time)},
            {"lastError", m.last_error},
            {"messageId", body.is_object() ? body.value("messageId", "") : ""},
            {"body", body}};
  if (body.is_object() && body.contains("instanceName")) j["instanceName"] = body["instanceName"];
  // Times that have not happened (or never will) are absent, as everywhere in the API.
  if (m.delivered_time != 0) j["deliveredTime"] = FormatIsoMs(m.delivered_time);
  if (m.delivered_time == 0 && !m.abandoned) {
    j["nextAttemptTime"] = FormatIsoMs(m.next_attempt_time);
  }
  return j;
}

}  // namespace

void RegisterTriggerRoutes(Router& router, store::Store* store) {
  router.Get(R"(/api/v1/deployments/([^/]+)/triggers)",
             [store](const httplib::Request& req) -> Result<Reply> {
               const std::string id = req.matches[1];
               RETURN_IF_ERROR(store->GetDeployment(id).status());
               ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
               ASSIGN_OR_RETURN(std::vector<store::TriggerMessage> messages,
                                store->ListTriggers(id));
               ASSIGN_OR_RETURN(
                   Json out, ListPage(
                                 messages, page, "triggers",
                                 [](const store::TriggerMessage& m) { return std::to_string(m.seq); },
                                 MessageToJson));
               out["deploymentId"] = id;
               return Reply{200, out};
             });
}

}  // namespace berth::http
