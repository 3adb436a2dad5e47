// berth local: which events run, in which order.
#include "agent/local/local_run.h"

#include <catch2/catch.hpp>

#include "common/model/lifecycle.h"

namespace berth::agent {
namespace {

using Events = std::vector<std::string>;

TEST_CASE("LocalEventPlan: all in-place events by default") {
  CHECK(*LocalEventPlan({}) == model::InPlaceEvents());
}

TEST_CASE("LocalEventPlan: DownloadBundle is added before the first event of the new revision") {
  CHECK(*LocalEventPlan({"ApplicationStop", "AfterInstall"}) ==
        Events{"ApplicationStop", "DownloadBundle", "AfterInstall"});
  CHECK(*LocalEventPlan({"Install", "ApplicationStart"}) ==
        Events{"DownloadBundle", "Install", "ApplicationStart"});
  CHECK(*LocalEventPlan({"ApplicationStop"}) == Events{"ApplicationStop", "DownloadBundle"});
  CHECK(*LocalEventPlan({"DownloadBundle", "Install"}) == Events{"DownloadBundle", "Install"});
}

TEST_CASE("LocalEventPlan: unknown and repeated events are refused by name") {
  auto unknown = LocalEventPlan({"Install", "AfterInstal"});
  REQUIRE(unknown.status().code() == Code::kInvalidArgument);
  CHECK(unknown.status().message().find("\"AfterInstal\"") != std::string::npos);
  auto twice = LocalEventPlan({"Install", "Install"});
  CHECK(twice.status().message().find("\"Install\" is listed twice") != std::string::npos);
}

}  // namespace
}  // namespace berth::agent
