#include "controller/http/alertmanager.h"

#include <catch2/catch.hpp>

namespace berth::http {
namespace {

Json Alert(const std::string& status, const std::string& name, Json annotations = Json::object()) {
  return {{"status", status},
          {"labels", {{"alertname", name}, {"severity", "page"}}},
          {"annotations", annotations},
          {"startsAt", "2026-11-25T10:00:00Z"},
          {"endsAt", "0001-01-01T00:00:00Z"}};
}

Json Payload(Json alerts) {
  return {{"version", "4"},
          {"groupKey", "{}:{alertname=\"cpu-high\"}"},
          {"status", "firing"},
          {"receiver", "berth"},
          {"groupLabels", Json::object()},
          {"commonLabels", Json::object()},
          {"alerts", alerts}};
}

std::string ErrorOf(const Json& payload) {
  Result<std::vector<model::Alarm>> r = AlarmsFromAlertmanager(payload);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kInvalidArgument);
  return r.status().message();
}

TEST_CASE("Alertmanager: firing sets ALARM and resolved sets OK, by alertname", "[alertmanager]") {
  auto r = AlarmsFromAlertmanager(Payload(Json::array(
      {Alert("resolved", "disk-full"), Alert("firing", "cpu-high", {{"summary", "CPU at 97%"}})})));
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].name == "cpu-high");
  CHECK((*r)[0].state == "ALARM");
  CHECK((*r)[0].reason == "CPU at 97%");
  CHECK((*r)[1].name == "disk-full");
  CHECK((*r)[1].state == "OK");
  CHECK((*r)[1].reason == "Alertmanager: resolved");
}

TEST_CASE("Alertmanager: the reason is the summary, else the description, else the status",
          "[alertmanager]") {
  auto r = AlarmsFromAlertmanager(Payload(
      Json::array({Alert("firing", "a", {{"description", "long text"}}), Alert("firing", "b"),
                   Alert("firing", "c", {{"summary", "short"}, {"description", "long"}})})));
  REQUIRE(r.ok());
  REQUIRE(r->size() == 3);
  CHECK((*r)[0].reason == "long text");
  CHECK((*r)[1].reason == "Alertmanager: firing");
  CHECK((*r)[2].reason == "short");
}

TEST_CASE("Alertmanager: firing wins over resolved for one alertname, in either order",
          "[alertmanager]") {
  for (bool firing_first : {true, false}) {
    Json firing = Alert("firing", "cpu-high", {{"summary", "hot"}});
    Json resolved = Alert("resolved", "cpu-high");
    auto r = AlarmsFromAlertmanager(
        Payload(firing_first ? Json::array({firing, resolved}) : Json::array({resolved, firing})));
    REQUIRE(r.ok());
    REQUIRE(r->size() == 1);
    CHECK((*r)[0].state == "ALARM");
    CHECK((*r)[0].reason == "hot");
  }
}

TEST_CASE("Alertmanager: an empty alerts list sets nothing", "[alertmanager]") {
  auto r = AlarmsFromAlertmanager(Payload(Json::array()));
  REQUIRE(r.ok());
  CHECK(r->empty());
}

TEST_CASE("Alertmanager: malformed payloads are refused naming the field", "[alertmanager]") {
  CHECK(ErrorOf(Json::array()) == "the payload must be a JSON object");
  CHECK(ErrorOf({{"version", "4"}}) == "alerts must be a list of Alertmanager alerts");
  CHECK(ErrorOf({{"alerts", "x"}}) == "alerts must be a list of Alertmanager alerts");
  Json old_version = Payload(Json::array());
  old_version["version"] = "3";
  CHECK(ErrorOf(old_version) ==
        "payload.version \"3\" is not \"4\", the Alertmanager webhook version Berth reads");
  CHECK(ErrorOf(Payload(Json::array({Alert("firing", "a"), "text"}))) ==
        "alerts[1] must be an object");
  CHECK(ErrorOf(Payload(Json::array({Alert("pending", "a")}))) ==
        "alerts[0].status \"pending\" is not one of firing, resolved");
  Json no_name = Alert("firing", "a");
  no_name["labels"].erase("alertname");
  CHECK(ErrorOf(Payload(Json::array({Alert("firing", "b"), no_name}))) ==
        "alerts[1].labels.alertname is required");
  Json numeric_name = Alert("firing", "a");
  numeric_name["labels"]["alertname"] = 7;
  CHECK(ErrorOf(Payload(Json::array({numeric_name}))) ==
        "alerts[0].labels.alertname must be a string");
  Json bad_labels = Alert("firing", "a");
  bad_labels["labels"] = "cpu-high";
  CHECK(ErrorOf(Payload(Json::array({bad_labels}))) == "alerts[0].labels must be an object");
  Json bad_summary = Alert("firing", "a", {{"summary", 3}});
  CHECK(ErrorOf(Payload(Json::array({bad_summary}))) ==
        "alerts[0].annotations.summary must be a string");
}

}  // namespace
}  // namespace berth::http
