#include "common/logging.h"

#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

namespace berth {
namespace {

// Lines logged with `options` into a string.
class Captured {
 public:
  explicit Captured(LoggingOptions options) {
    InitLogging(options, std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
  }
  ~Captured() { InitLogging({.component = "test"}); }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

TEST_CASE("JSON logs are one object a line with time, level, message and the fields") {
  Captured log({.component = "agent", .format = LogFormat::kJson, .fields = {.instance = "web-1"}});
  LogInfo({.deployment_id = "d-ABCDEFGHI", .lifecycle_event = "Install"}, "running {} ({})",
          "Install", 3);
  spdlog::warn("a plain line with \"quotes\" and \xff bytes");
  LogDebug({}, "below the level: not written");
  std::istringstream lines(log.text());
  std::string first, second, third;
  REQUIRE(std::getline(lines, first));
  REQUIRE(std::getline(lines, second));
  CHECK_FALSE(std::getline(lines, third));
  nlohmann::json a = nlohmann::json::parse(first);
  CHECK(a["level"] == "info");
  CHECK(a["component"] == "agent");
  CHECK(a["message"] == "running Install (3)");
  CHECK(a["deployment_id"] == "d-ABCDEFGHI");
  CHECK(a["instance"] == "web-1");  // the process's field
  CHECK(a["lifecycle_event"] == "Install");
  CHECK_FALSE(a.contains("command_id"));  // empty fields are left out
  const std::string time = a["time"];
  CHECK(time.size() == 24);
  CHECK(time.back() == 'Z');
  nlohmann::json b = nlohmann::json::parse(second);
  CHECK(b["level"] == "warning");
  CHECK(b["message"] == "a plain line with \"quotes\" and \xef\xbf\xbd bytes");
  CHECK(b["instance"] == "web-1");
}

TEST_CASE("Text logs show the same fields after the message") {
  Captured log({.component = "controller"});
  LogWarn({.deployment_id = "d-1", .instance = "web 2"}, "host failed");
  const std::string text = log.text();
  CHECK(text.find(" warning [controller] host failed deployment_id=d-1 instance=\"web 2\"\n") !=
        std::string::npos);
  CHECK(text[4] == '-');  // starts with the date
}

TEST_CASE("ParseLogFormat takes text and json only") {
  CHECK(*ParseLogFormat("json") == LogFormat::kJson);
  CHECK(*ParseLogFormat("text") == LogFormat::kText);
  CHECK(ParseLogFormat("xml").status().message() == "log format \"xml\" is neither text nor json");
}

}  // namespace
}  // namespace berth
