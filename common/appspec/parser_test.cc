#include "common/appspec/parser.h"

#include <catch2/catch.hpp>

#include "common/testing/temp_dir.h"

namespace berth::appspec {
namespace {

// The message of a parse that must fail with INVALID_ARGUMENT.
std::string ParseError(const std::string& text) {
  Result<AppSpec> result = Parse(text);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == Code::kInvalidArgument);
  return result.status().message();
}

AppSpec ParseOk(const std::string& text) {
  Result<AppSpec> result = Parse(text);
  INFO(result.status().message());
  REQUIRE(result.ok());
  return *result;
}

const char kHeader[] = "version: 0.0\nos: linux\n";

TEST_CASE("appspec: an empty or whitespace-only file is refused", "[appspec]") {
  const std::string expected =
      "appspec.yml:1:1: the application specification file was empty; it must define at "
      "minimum 'version' and 'os'";
  CHECK(ParseError("") == expected);
  CHECK(ParseError("  \n\t\n   ") == expected);
  CHECK(ParseError("# only a comment\n") == expected);
}

TEST_CASE("appspec: version must be the number 0.0", "[appspec]") {
  CHECK(ParseError("version: 1.0\nos: linux\n") ==
        "appspec.yml:1:10: version: invalid version value (1.0); specify \"0.0\" (the "
        "number, unquoted) as the version");
  CHECK(ParseError("version: \"0.0\"\nos: linux\n") ==
        "appspec.yml:1:10: version: invalid version value (\"0.0\"); specify \"0.0\" (the "
        "number, unquoted) as the version");
  CHECK(ParseError("os: linux\n") ==
        "appspec.yml:1:1: version: invalid version value (missing); specify \"0.0\" (the "
        "number, unquoted) as the version");
  CHECK(ParseOk("version: 0\nos: linux\n").version == "0.0");
}

TEST_CASE("appspec: os must be linux", "[appspec]") {
  CHECK(ParseError("version: 0.0\nos: windows\n") ==
        "appspec.yml:2:5: os: unsupported operating system (windows); Berth deploys to "
        "\"linux\" only");
  CHECK(ParseError("version: 0.0\n") ==
        "appspec.yml:1:1: os: unsupported operating system (missing); Berth deploys to "
        "\"linux\" only");
}

TEST_CASE("appspec: file_exists_behavior takes three values", "[appspec]") {
  CHECK(ParseOk(std::string(kHeader) + "file_exists_behavior: overwrite\n").file_exists_behavior ==
        "OVERWRITE");
  CHECK(ParseOk(kHeader).file_exists_behavior.empty());
  CHECK(ParseError(std::string(kHeader) + "file_exists_behavior: KEEP\n") ==
        "appspec.yml:3:23: file_exists_behavior: invalid value \"KEEP\"; use one of "
        "DISALLOW, OVERWRITE or RETAIN");
}

TEST_CASE("appspec: files entries need a source and a destination", "[appspec]") {
  CHECK(ParseError(std::string(kHeader) + "files:\n"
                                          "  - source: /\n"
                                          "  - destination: /srv/app\n") ==
        "appspec.yml:4:5: files[0].destination: missing; every files entry needs a source "
        "and a destination\n"
        "appspec.yml:5:5: files[1].source: missing; every files entry needs a source and a "
        "destination");
}

TEST_CASE("appspec: a hook timeout defaults to 3600 seconds", "[appspec]") {
  AppSpec spec = ParseOk(std::string(kHeader) +
                         "hooks:\n"
                         "  AfterInstall:\n"
                         "    - location: scripts/a.sh\n");
  REQUIRE(spec.hooks.count("AfterInstall") == 1);
  REQUIRE(spec.hooks["AfterInstall"].size() == 1);
  CHECK(spec.hooks["AfterInstall"][0].location == "scripts/a.sh");
  CHECK(spec.hooks["AfterInstall"][0].timeout_seconds == 3600);
  CHECK(spec.hooks["AfterInstall"][0].runas.empty());
}

TEST_CASE("appspec: a hook timeout must be a positive integer", "[appspec]") {
  const std::string prefix = std::string(kHeader) +
                             "hooks:\n"
                             "  AfterInstall:\n"
                             "    - location: scripts/a.sh\n";
  CHECK(ParseError(prefix + "      timeout: \"foo\"\n") ==
        "appspec.yml:6:16: hooks.AfterInstall[0].timeout: \"foo\" is not a positive integer");
  CHECK(ParseError(prefix + "      timeout: 0\n") ==
        "appspec.yml:6:16: hooks.AfterInstall[0].timeout: \"0\" is not a positive integer");
  CHECK(ParseError(prefix + "      timeout: 1.5\n") ==
        "appspec.yml:6:16: hooks.AfterInstall[0].timeout: \"1.5\" is not a positive integer");
  CHECK(ParseOk(prefix + "      timeout: 90\n").hooks["AfterInstall"][0].timeout_seconds == 90);
}

TEST_CASE("appspec: a script without a location is refused", "[appspec]") {
  CHECK(ParseError(std::string(kHeader) + "hooks:\n"
                                          "  BeforeInstall:\n"
                                          "    - timeout: 30\n") ==
        "appspec.yml:5:7: hooks.BeforeInstall[0].location: missing; every script needs a "
        "location");
}

TEST_CASE("appspec: a null or empty hook list is ignored", "[appspec]") {
  AppSpec spec = ParseOk(std::string(kHeader) +
                         "hooks:\n"
                         "  BeforeInstall:\n"
                         "  ApplicationStart: []\n"
                         "  ValidateService:\n"
                         "    - location: check.sh\n"
                         "      runas: web\n");
  CHECK(spec.hooks.count("BeforeInstall") == 0);
  CHECK(spec.hooks.count("ApplicationStart") == 0);
  REQUIRE(spec.hooks.count("ValidateService") == 1);
  CHECK(spec.hooks["ValidateService"][0].runas == "web");
}

TEST_CASE("appspec: an unknown event name is refused with the valid names", "[appspec]") {
  CHECK(ParseError(std::string(kHeader) + "hooks:\n"
                                          "  AfterInstal:\n"
                                          "    - location: a.sh\n") ==
        "appspec.yml:4:3: hooks.AfterInstal: unknown lifecycle event \"AfterInstal\"; valid "
        "events are BeforeBlockTraffic, AfterBlockTraffic, ApplicationStop, BeforeInstall, "
        "AfterInstall, ApplicationStart, ValidateService, BeforeAllowTraffic, "
        "AfterAllowTraffic");
}

TEST_CASE("appspec: built-in events and malformed script lists are refused", "[appspec]") {
  CHECK(ParseError(std::string(kHeader) + "hooks:\n"
                                          "  Install:\n"
                                          "    - location: a.sh\n"
                                          "  AfterInstall:\n"
                                          "    location: b.sh\n") ==
        "appspec.yml:4:3: hooks.Install: \"Install\" is run by the agent itself and cannot "
        "have hook scripts; valid events are BeforeBlockTraffic, AfterBlockTraffic, "
        "ApplicationStop, BeforeInstall, AfterInstall, ApplicationStart, ValidateService, "
        "BeforeAllowTraffic, AfterAllowTraffic\n"
        "appspec.yml:7:5: hooks.AfterInstall: must be a list of maps with location, timeout "
        "and runas, not a map");
}

TEST_CASE("appspec: permission modes are 1 to 4 octal digits", "[appspec]") {
  const std::string prefix = std::string(kHeader) +
                             "permissions:\n"
                             "  - object: /srv/app\n";
  std::optional<int> mode = ParseOk(prefix + "    mode: 12\n").permissions[0].mode;
  REQUIRE(mode.has_value());
  CHECK(*mode == 012);
  CHECK(*mode == 10);
  CHECK(*ParseOk(prefix + "    mode: 0644\n").permissions[0].mode == 0644);
  CHECK(*ParseOk(prefix + "    mode: 4755\n").permissions[0].mode == 04755);
  CHECK(ParseError(prefix + "    mode: 12345\n") ==
        "appspec.yml:5:11: permissions[0].mode: mode \"12345\" has 5 digits; at most 4 octal "
        "digits are allowed");
  CHECK(ParseError(prefix + "    mode: 12a\n") ==
        "appspec.yml:5:11: permissions[0].mode: mode \"12a\" contains 'a', which is not an "
        "octal digit (0-7)");
  CHECK(ParseError(prefix + "    mode: 789\n") ==
        "appspec.yml:5:11: permissions[0].mode: mode \"789\" contains '8', which is not an "
        "octal digit (0-7)");
}

TEST_CASE("appspec: permissions need an object and known types", "[appspec]") {
  CHECK(ParseError(std::string(kHeader) + "permissions:\n"
                                          "  - pattern: \"*.sh\"\n"
                                          "    type: [file, socket]\n") ==
        "appspec.yml:4:5: permissions[0].object: missing; every permissions entry needs an "
        "object\n"
        "appspec.yml:5:18: permissions[0].type[1]: \"socket\" is not a type permissions can "
        "apply to; use \"file\" or \"directory\"");
}

TEST_CASE("appspec: every error in the file is reported at once", "[appspec]") {
  std::string text =
      "version: 1.0\n"            // 1
      "os: linux\n"               // 2
      "files:\n"                  // 3
      "  - source: app\n"         // 4
      "hooks:\n"                  // 5
      "  AfterInstall:\n"         // 6
      "    - location: a.sh\n"    // 7
      "      timeout: \"foo\"\n"  // 8
      "  Restart:\n"              // 9
      "    - location: b.sh\n";   // 10
  CHECK(ParseError(text) ==
        "appspec.yml:1:10: version: invalid version value (1.0); specify \"0.0\" (the number, "
        "unquoted) as the version\n"
        "appspec.yml:4:5: files[0].destination: missing; every files entry needs a source and "
        "a destination\n"
        "appspec.yml:8:16: hooks.AfterInstall[0].timeout: \"foo\" is not a positive integer\n"
        "appspec.yml:9:3: hooks.Restart: unknown lifecycle event \"Restart\"; valid events are "
        "BeforeBlockTraffic, AfterBlockTraffic, ApplicationStop, BeforeInstall, AfterInstall, "
        "ApplicationStart, ValidateService, BeforeAllowTraffic, AfterAllowTraffic");
}

TEST_CASE("appspec: a YAML syntax error is INVALID_ARGUMENT with its position", "[appspec]") {
  std::string message = ParseError("version: 0.0\nos: [linux\n");
  CHECK(message.rfind("appspec.yml:3:1: YAML syntax error: ", 0) == 0);
}

TEST_CASE("appspec: a file that is not a map is refused", "[appspec]") {
  CHECK(ParseError("- version\n- os\n") ==
        "appspec.yml:1:1: the application specification file must be a map of keys (version, "
        "os, files, permissions, hooks), not a list");
}

TEST_CASE("appspec: a full appspec is parsed into the model", "[appspec]") {
  AppSpec spec = ParseOk(
      "version: 0.0\n"
      "os: linux\n"
      "file_exists_behavior: RETAIN\n"
      "unknown_key: ignored\n"
      "files:\n"
      "  - source: /\n"
      "    destination: /srv/web\n"
      "  - source: config/web.conf\n"
      "    destination: /etc/web\n"
      "permissions:\n"
      "  - object: /srv/web\n"
      "    pattern: \"*.sh\"\n"
      "    except: [skip.sh]\n"
      "    owner: web\n"
      "    group: www\n"
      "    mode: 755\n"
      "    type:\n"
      "      - file\n"
      "    acls:\n"
      "      - u:deploy:rwx\n"
      "    context:\n"
      "      user: system_u\n"
      "      type: httpd_sys_content_t\n"
      "      range:\n"
      "        low: s0\n"
      "        high: s0:c0.c1023\n"
      "  - object: /etc/web\n"
      "hooks:\n"
      "  ApplicationStop:\n"
      "    - location: scripts/stop.sh\n"
      "      timeout: 60\n"
      "  AfterInstall:\n"
      "    - location: scripts/migrate.sh\n"
      "      runas: web\n"
      "    - location: scripts/warm.sh\n"
      "      timeout: 300\n");
  CHECK(spec.version == "0.0");
  CHECK(spec.os == "linux");
  CHECK(spec.file_exists_behavior == "RETAIN");
  REQUIRE(spec.files.size() == 2);
  CHECK(spec.files[0].source == "/");
  CHECK(spec.files[0].destination == "/srv/web");
  CHECK(spec.files[1].source == "config/web.conf");
  CHECK(spec.files[1].destination == "/etc/web");

  REQUIRE(spec.permissions.size() == 2);
  const Permission& web = spec.permissions[0];
  CHECK(web.object == "/srv/web");
  CHECK(web.pattern == "*.sh");
  CHECK(web.except == std::vector<std::string>{"skip.sh"});
  CHECK(web.owner == "web");
  CHECK(web.group == "www");
  CHECK(web.mode == 0755);
  CHECK(web.types == std::vector<ObjectType>{ObjectType::kFile});
  CHECK(web.acls == std::vector<std::string>{"u:deploy:rwx"});
  REQUIRE(web.selinux_context.has_value());
  CHECK(web.selinux_context->user == "system_u");
  CHECK(web.selinux_context->type == "httpd_sys_content_t");
  CHECK(web.selinux_context->range == "s0-s0:c0.c1023");
  CHECK_FALSE(web.context.empty());
  const Permission& etc = spec.permissions[1];
  CHECK(etc.pattern == "**");
  CHECK(etc.types.empty());
  CHECK_FALSE(etc.mode.has_value());
  CHECK_FALSE(etc.selinux_context.has_value());

  REQUIRE(spec.hooks.size() == 2);
  REQUIRE(spec.hooks["ApplicationStop"].size() == 1);
  CHECK(spec.hooks["ApplicationStop"][0].location == "scripts/stop.sh");
  CHECK(spec.hooks["ApplicationStop"][0].timeout_seconds == 60);
  const std::vector<HookScript>& after = spec.hooks["AfterInstall"];
  REQUIRE(after.size() == 2);
  CHECK(after[0].location == "scripts/migrate.sh");
  CHECK(after[0].runas == "web");
  CHECK(after[0].timeout_seconds == 3600);
  CHECK(after[1].location == "scripts/warm.sh");
  CHECK(after[1].timeout_seconds == 300);
}

TEST_CASE("appspec: LoadFromBundle reads appspec.yml, then appspec.yaml", "[appspec]") {
  testing::TempDir dir;
  Result<AppSpec> missing = LoadFromBundle(dir.path());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Code::kNotFound);
  CHECK(missing.status().message() ==
        "no application specification file in the bundle: looked for " + dir.path() +
            "/appspec.yml and " + dir.path() + "/appspec.yaml");

  testing::WriteTestFile(dir.Sub("appspec.yaml"), "version: 0.0\nos: windows\n");
  Result<AppSpec> from_yaml = LoadFromBundle(dir.path());
  REQUIRE_FALSE(from_yaml.ok());
  CHECK(from_yaml.status().message() ==
        dir.path() +
            "/appspec.yaml:2:5: os: unsupported operating system (windows); Berth "
            "deploys to \"linux\" only");

  testing::WriteTestFile(dir.Sub("appspec.yml"), kHeader);
  Result<AppSpec> from_yml = LoadFromBundle(dir.path());
  INFO(from_yml.status().message());
  CHECK(from_yml.ok());
}

}  // namespace
}  // namespace berth::appspec
