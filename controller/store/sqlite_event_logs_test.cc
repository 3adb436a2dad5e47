// SqliteStore: live event logs (append, idempotent retry, per-event cap, reads).
#include <catch2/catch.hpp>

#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

std::unique_ptr<SqliteStore> OpenEmpty() {
  auto opened = SqliteStore::Open(":memory:");
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

EventLogLine MakeLine(const std::string& command, int64_t line_no, const std::string& text,
                      const std::string& instance = "host-1",
                      const std::string& event = "AfterInstall") {
  EventLogLine l;
  l.command_id = command;
  l.line_no = line_no;
  l.deployment_id = "d-1";
  l.instance_name = instance;
  l.event_name = event;
  l.time_ms = 1000 + line_no;
  l.stream = "stdout";
  l.text = text;
  return l;
}

std::vector<std::string> Texts(const std::vector<EventLogLine>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}

TEST_CASE("event logs: lines come back in order, a retried append adds nothing") {
  auto store = OpenEmpty();
  REQUIRE(store->AppendEventLog({MakeLine("c1", 1, "one"), MakeLine("c1", 2, "two")}, 1 << 20, 1000)
              .ok());
  REQUIRE(store->AppendEventLog({MakeLine("c1", 2, "two"), MakeLine("c1", 3, "three")}, 1 << 20, 1000)
              .ok());
  auto lines = store->ListEventLog({"d-1"});
  REQUIRE(lines.ok());
  CHECK(Texts(*lines) == std::vector<std::string>{"one", "two", "three"});
  CHECK((*lines)[0].seq < (*lines)[1].seq);
  CHECK((*lines)[2].line_no == 3);
  CHECK((*lines)[2].time_ms == 1003);

  EventLogQuery after;
  after.deployment_id = "d-1";
  after.after_seq = (*lines)[0].seq;
  CHECK(Texts(*store->ListEventLog(after)) == std::vector<std::string>{"two", "three"});
}

TEST_CASE("event logs: filters by instance and event, and by deployment") {
  auto store = OpenEmpty();
  REQUIRE(store->AppendEventLog({MakeLine("c1", 1, "a", "host-1", "BeforeInstall")}, 1000, 1000).ok());
  REQUIRE(store->AppendEventLog({MakeLine("c2", 1, "b", "host-2", "BeforeInstall")}, 1000, 1000).ok());
  REQUIRE(store->AppendEventLog({MakeLine("c3", 1, "c", "host-1", "AfterInstall")}, 1000, 1000).ok());
  EventLogQuery q;
  q.deployment_id = "d-1";
  q.instance_name = "host-1";
  CHECK(Texts(*store->ListEventLog(q)) == std::vector<std::string>{"a", "c"});
  q.event_name = "AfterInstall";
  CHECK(Texts(*store->ListEventLog(q)) == std::vector<std::string>{"c"});
  CHECK(store->ListEventLog({"d-other"})->empty());
  q = {"d-1"};
  q.limit = 2;
  CHECK(store->ListEventLog(q)->size() == 2);
}

TEST_CASE("event logs: an event's log is capped with one marker line") {
  auto store = OpenEmpty();
  // Each line costs its text plus one byte: two 9-byte lines fit in 20, the third does not.
  REQUIRE(store->AppendEventLog({MakeLine("c1", 1, "12345678"), MakeLine("c1", 2, "12345678"),
                                 MakeLine("c1", 3, "12345678")},
                                20, 1000)
              .ok());
  REQUIRE(store->AppendEventLog({MakeLine("c1", 4, "more")}, 20, 1000).ok());
  // Another event has its own budget.
  REQUIRE(store->AppendEventLog({MakeLine("c2", 1, "other")}, 20, 1000).ok());
  auto lines = store->ListEventLog({"d-1"});
  REQUIRE(lines.ok());
  REQUIRE(lines->size() == 4);
  CHECK((*lines)[1].text == "12345678");
  CHECK((*lines)[2].line_no == -1);
  CHECK((*lines)[2].text.find("reached 20 bytes") != std::string::npos);
  CHECK((*lines)[3].text == "other");
}

TEST_CASE("event logs: an event's log is capped in lines too") {
  auto store = OpenEmpty();
  std::vector<EventLogLine> many;
  for (int i = 1; i <= 5; ++i) many.push_back(MakeLine("c1", i, ""));
  REQUIRE(store->AppendEventLog(many, 1 << 20, 3).ok());
  REQUIRE(store->AppendEventLog({MakeLine("c1", 6, "")}, 1 << 20, 3).ok());
  auto lines = store->ListEventLog({"d-1"});
  REQUIRE(lines.ok());
  REQUIRE(lines->size() == 4);  // three lines and the marker, nothing after it
  CHECK((*lines)[3].line_no == -1);
  CHECK((*lines)[3].text ==
        "[berth: this event's log reached 3 lines; later lines were dropped (see scripts.log on "
        "the host)]");
}

TEST_CASE("event logs: one append may not mix commands") {
  auto store = OpenEmpty();
  Status s = store->AppendEventLog({MakeLine("c1", 1, "a"), MakeLine("c2", 1, "b")}, 1000, 1000);
  CHECK(s.code() == Code::kInvalidArgument);
  CHECK(store->ListEventLog({"d-1"})->empty());
}

}  // namespace
}  // namespace berth::store
