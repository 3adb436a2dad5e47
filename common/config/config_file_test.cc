#include "common/config/config_file.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/config/apply_yaml.h"
#include "common/config/option_keys.h"
#include "common/testing/temp_dir.h"

namespace berth::config {
namespace {

// A daemon-like app: the kinds of flags the daemons have.
struct Toy {
  std::string data_dir;
  std::string listen = "127.0.0.1:8080";
  int port = 8443;
  int positive = 1;
  bool insecure = false;
  std::vector<std::string> tags;
  std::string token, token_file;
  std::string mode = "text";
  std::string proxy;
  CLI::App app{"toy"};

  Toy() {
    app.add_option("--data-dir", data_dir)->required();
    app.add_option("--listen", listen);
    app.add_option("--port", port);
    app.add_option("--positive", positive)->check(CLI::PositiveNumber);
    app.add_flag("--insecure", insecure);
    app.add_option("--tag,--tags", tags);
    app.add_option("--token", token);
    app.add_option("--token-file", token_file);
    app.add_option("--mode", mode)->check(CLI::IsMember({"text", "json"}));
    app.add_option("--proxy", proxy)->envname("TOY_PROXY");
  }
};

std::vector<std::string> Apply(Toy& toy, const std::string& text) {
  yaml::Problems problems("toy.yaml");
  ApplyYaml(toy.app, text, nullptr, &problems);
  return problems.Lines();
}

// Runs `toy <args>` through ConfigFile::Parse; the exit code, or -1 to go on.
int Run(Toy& toy, std::vector<std::string> args) {
  ConfigFile config(&toy.app, "toy");
  config.Setting({"--token", "--token-file"}, {"TOY_TOKEN"});
  args.insert(args.begin(), "toy");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  std::optional<int> exit = config.Parse(static_cast<int>(argv.size()), argv.data());
  return exit ? *exit : -1;
}

TEST_CASE("Every long flag is a key with _ for -, but not --help or --config") {
  Toy toy;
  ConfigFile config(&toy.app, "toy");
  CHECK(Keys(toy.app) == std::vector<std::string>{"data_dir", "listen", "port", "positive",
                                                  "insecure", "tag", "token", "token_file", "mode",
                                                  "proxy"});
  CHECK(FindOption(toy.app, "data_dir") == toy.app.get_option("--data-dir"));
  CHECK(FindOption(toy.app, "tags") == toy.app.get_option("--tag"));  // an alias
  CHECK(FindOption(toy.app, "data-dir") == nullptr);
  CHECK(FindOption(toy.app, "help") == nullptr);
  CHECK(FindOption(toy.app, "config") == nullptr);
  CHECK(ClosestKey(toy.app, "datadir") == "data_dir");
  CHECK(ClosestKey(toy.app, "completely_else") == "");
}

TEST_CASE("A config file sets scalars, flags, lists and maps") {
  Toy toy;
  CHECK(Apply(toy,
              "data_dir: /var/lib/toy\nport: 9000\ninsecure: true\n"
              "tags:\n  env: prod\n  role: web\nmode: json\n")
            .empty());
  CHECK(toy.data_dir == "/var/lib/toy");
  CHECK(toy.port == 9000);
  CHECK(toy.insecure);
  CHECK(toy.tags == std::vector<std::string>{"env=prod", "role=web"});
  CHECK(toy.mode == "json");

  Toy list;
  CHECK(Apply(list, "tag: [a=1, b=2]\ninsecure: false\nlisten:\n").empty());
  CHECK(list.tags == std::vector<std::string>{"a=1", "b=2"});
  CHECK_FALSE(list.insecure);
  CHECK(list.listen == "127.0.0.1:8080");  // no value: the default stays

  Toy empty;
  CHECK(Apply(empty, "# nothing but a comment\n").empty());
  CHECK(Apply(empty, "tags: {}\ntag: []\n").empty());
  CHECK(empty.tags.empty());
}

TEST_CASE("Three bad keys in one file are reported at once with line and column") {
  Toy toy;
  std::vector<std::string> problems = Apply(toy,
                                            "data_dir: /d\n"
                                            "port: eighty\n"
                                            "colour: blue\n"
                                            "insecure: maybe\n"
                                            "mode: xml\n");
  REQUIRE(problems.size() == 4);
  CHECK(problems[0] == "toy.yaml:2:7: port: must be an integer, not \"eighty\"");
  CHECK(problems[1] == "toy.yaml:3:1: unknown key \"colour\"");
  CHECK(problems[2] == "toy.yaml:4:11: insecure: must be true or false, not \"maybe\"");
  CHECK(problems[3].rfind("toy.yaml:5:7: mode: ", 0) == 0);
  CHECK(problems[3].find("xml") != std::string::npos);
  CHECK(toy.data_dir == "/d");  // the good key was still read
}

TEST_CASE("Wrong forms, repeated keys and checks are problems at their position") {
  Toy toy;
  std::vector<std::string> problems = Apply(toy,
                                            "port: [1, 2]\n"
                                            "positive: -3\n"
                                            "listen: a\n"
                                            "listen: b\n"
                                            "tags:\n"
                                            "  env: [x]\n"
                                            "data-dir: /x\n");
  REQUIRE(problems.size() == 5);
  CHECK(problems[0] ==
        "toy.yaml:1:7: port: takes one value, not a list (--port is not repeatable)");
  CHECK(problems[1].rfind("toy.yaml:2:11: positive: ", 0) == 0);
  CHECK(problems[2] == "toy.yaml:4:1: listen: given twice (first on line 3)");
  CHECK(problems[3] ==
        "toy.yaml:6:8: tags: each entry must be NAME: VALUE with single values, not a list");
  CHECK(problems[4] == "toy.yaml:7:1: unknown key \"data-dir\" (did you mean data_dir?)");
  CHECK(toy.listen == "a");
}

TEST_CASE("A YAML syntax error and a file that is not a map are reported with their position") {
  Toy toy;
  std::vector<std::string> syntax = Apply(toy, "port: 1\nlisten: [a, b\n");
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].rfind("toy.yaml:", 0) == 0);
  CHECK(syntax[0].find("YAML syntax error") != std::string::npos);
  std::vector<std::string> list = Apply(toy, "- a\n- b\n");
  REQUIRE(list.size() == 1);
  CHECK(list[0] == "toy.yaml:1:1: must be a map of settings (key: value), not a list");
}

TEST_CASE("Flags beat the environment, which beats the file, which beats the defaults") {
  testing::TempDir dir;
  const std::string file = dir.Sub("toy.yaml");
  testing::WriteTestFile(file,
                         "data_dir: /from-file\nport: 1\nlisten: file:1\ntoken_file: /t\n"
                         "proxy: http://file\n");
  unsetenv("TOY_TOKEN");
  unsetenv("TOY_PROXY");
  {
    Toy toy;
    CHECK(Run(toy, {"--config", file, "--port", "2"}) == -1);
    CHECK(toy.port == 2);                 // the flag
    CHECK(toy.data_dir == "/from-file");  // the file fills a required flag
    CHECK(toy.listen == "file:1");
    CHECK(toy.token_file == "/t");
    CHECK(toy.proxy == "http://file");
    CHECK(toy.positive == 1);  // the default
  }
  {
    // The environment of a Setting, or of an option's envname, beats the file.
    setenv("TOY_TOKEN", "secret", 1);
    setenv("TOY_PROXY", "http://env", 1);
    Toy toy;
    CHECK(Run(toy, {"--config", file}) == -1);
    CHECK(toy.token_file.empty());
    CHECK(toy.proxy == "http://env");
    unsetenv("TOY_TOKEN");
    unsetenv("TOY_PROXY");
  }
  {
    // One flag of a Setting given: the file's keys for the others yield too.
    Toy toy;
    CHECK(Run(toy, {"--config", file, "--token", "t"}) == -1);
    CHECK(toy.token == "t");
    CHECK(toy.token_file.empty());
  }
}

TEST_CASE("Parse refuses a bad file, a missing required flag, and runs config check") {
  testing::TempDir dir;
  const std::string bad = dir.Sub("bad.yaml");
  testing::WriteTestFile(bad, "data_dir: /d\nport: x\n");
  const std::string good = dir.Sub("good.yaml");
  testing::WriteTestFile(good, "data_dir: /d\n");
  Toy a;
  CHECK(Run(a, {"--config", bad}) == 2);
  Toy b;
  CHECK(Run(b, {"--port", "1"}) == 2);  // --data-dir is required
  Toy c;
  CHECK(Run(c, {"--config", dir.Sub("missing.yaml"), "--data-dir", "/d"}) == 2);
  Toy d;
  CHECK(Run(d, {"config", "check", bad}) == 1);
  Toy e;
  CHECK(Run(e, {"config", "check", good}) == 0);  // no --data-dir needed to check
  Toy f;
  ConfigFile config(&f.app, "toy");
  CHECK(config.Check(dir.Sub("missing.yaml")).size() == 1);
  CHECK(config.Check(dir.Sub("missing.yaml"))[0] == dir.Sub("missing.yaml") + ":1:1: cannot read " +
                                                        dir.Sub("missing.yaml") + ": no such file");
}

}  // namespace
}  // namespace berth::config
