#include "cli/hook_flags.h"

#include <catch2/catch.hpp>

namespace berth::cli {

TEST_CASE("a var file is KEY=VALUE lines", "[hook_flags]") {
  auto vars = ParseVarLines(
      "# a comment\n\nA=1\nexport B=no\n  C=\"quoted value\"\nD='single'\nE=\nF=a=b\n", "f.env");
  REQUIRE(vars.ok());
  std::vector<std::pair<std::string, std::string>> want = {
      {"A", "1"}, {"B", "no"}, {"C", "quoted value"}, {"D", "single"}, {"E", ""}, {"F", "a=b"}};
  CHECK(*vars == want);
}

TEST_CASE("a bad var file line is named with its file and line", "[hook_flags]") {
  auto no_equals = ParseVarLines("A=1\n\njust words\n", "vars.env");
  REQUIRE_FALSE(no_equals.ok());
  CHECK(no_equals.status().message() == "vars.env:3: \"just words\" is not KEY=VALUE");
  auto bad_key = ParseVarLines("9LIVES=cat\n", "vars.env");
  REQUIRE_FALSE(bad_key.ok());
  CHECK(bad_key.status().message() ==
        "vars.env:1: variable name \"9LIVES\" is not a valid name: use letters, digits and _, "
        "not starting with a digit");
}

TEST_CASE("hook flags become the create request's fields", "[hook_flags]") {
  HookFlags flags;
  flags.vars = {"GREETING=hi", "EMPTY="};
  flags.secrets = {"DB_PASS"};
  flags.restart = true;
  flags.health = {"http://localhost:8080/health", "10s", "500ms"};
  nlohmann::json body = nlohmann::json::object();
  REQUIRE(PutHookFields(flags, &body).ok());
  CHECK(body == nlohmann::json({{"variables", {{"EMPTY", ""}, {"GREETING", "hi"}}},
                                {"secretVariables", {"DB_PASS"}},
                                {"deploymentMode", "RESTART"},
                                {"healthCheck",
                                 {{"url", "http://localhost:8080/health"},
                                  {"timeoutMs", 10000},
                                  {"intervalMs", 500}}}}));

  HookFlags both;
  both.vars = {"X=1"};
  both.secrets = {"X"};
  nlohmann::json ignored;
  CHECK(PutHookFields(both, &ignored).message() == "\"X\" is given both as --var and as --secret");
  HookFlags bad_time;
  bad_time.health = {"http://h/", "soon", ""};
  CHECK(PutHookFields(bad_time, &ignored).message().rfind("--health-timeout: ", 0) == 0);
}

}  // namespace berth::cli
