#include "tests/integration/bundles.h"

#include <catch2/catch.hpp>

#include "common/testing/temp_dir.h"

namespace berth::itest {

void WriteRecordingApp(const std::string& dir, const RecordingAppOptions& options) {
  using testing::WriteTestFile;
  WriteTestFile(dir + "/appspec.yml", R"(version: 0.0
os: linux
files:
  - source: payload
    destination: /opt/app
hooks:
  ApplicationStop:
    - location: hooks/record.sh
  BeforeInstall:
    - location: hooks/record.sh
  AfterInstall:
    - location: hooks/record.sh
  ApplicationStart:
    - location: hooks/record.sh
  ValidateService:
    - location: hooks/record.sh
      timeout: 60
    - location: hooks/validate.sh
)");
  WriteTestFile(dir + "/payload/version.txt", options.version + "\n");
  WriteTestFile(dir + "/hooks/record.sh",
                "#!/bin/sh\n"
                "TIMELINE=${BERTH_IT_TIMELINE:-/dev/null}\n"
                "echo \"$(date +%s%N) $BERTH_INSTANCE_NAME $LIFECYCLE_EVENT start\" >> "
                "\"$TIMELINE\"\n"
                "mkdir -p \"$BERTH_INSTALL_ROOT/hook-env\"\n"
                "env > \"$BERTH_INSTALL_ROOT/hook-env/$LIFECYCLE_EVENT\"\n"
                "echo \"" +
                    options.version +
                    " $LIFECYCLE_EVENT on $BERTH_INSTANCE_NAME\"\n"
                    "sleep " +
                    options.hook_sleep +
                    "\n"
                    "echo \"$(date +%s%N) $BERTH_INSTANCE_NAME $LIFECYCLE_EVENT end\" >> "
                    "\"$TIMELINE\"\n",
                0755);
  const std::string fail =
      "echo checking the service\necho 'validation failed: port 8080 closed' >&2\nexit 1\n";
  std::string validate = "#!/bin/sh\n";
  if (!options.gate_host.empty()) {
    validate += "if [ \"$BERTH_INSTANCE_NAME\" = \"" + options.gate_host +
                "\" ]; then\n  n=0\n  while [ ! -e \"" + options.gate_file +
                "\" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done\nfi\n";
  }
  if (options.fail_validate) {
    validate += fail;
  } else if (!options.fail_validate_hosts.empty()) {
    validate += "case \"$BERTH_INSTANCE_NAME\" in " + options.fail_validate_hosts + ")\n" + fail +
                ";;\nesac\necho service ok\n";
  } else {
    validate += "echo service ok\n";
  }
  WriteTestFile(dir + "/hooks/validate.sh", validate, 0755);
}

std::string InstalledVersion(const std::string& install_root) {
  return testing::ReadTestFile(install_root + "/opt/app/version.txt");
}

void WriteHookApp(const std::string& dir,
                  const std::vector<std::pair<std::string, std::string>>& hooks, int timeout) {
  using testing::WriteTestFile;
  std::string spec =
      "version: 0.0\nos: linux\nfiles:\n  - source: payload\n    destination: /opt/app\nhooks:\n";
  for (const auto& [event, body] : hooks) {
    spec += "  " + event + ":\n    - location: hooks/" + event +
            ".sh\n      timeout: " + std::to_string(timeout) + "\n";
    WriteTestFile(dir + "/hooks/" + event + ".sh", "#!/bin/sh\n" + body, 0755);
  }
  WriteTestFile(dir + "/appspec.yml", spec);
  WriteTestFile(dir + "/payload/file.txt", "x\n");
}

void StartOneHost(Cluster& c) {
  c.StartController();
  c.StartAgent("app-1", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(1));
  c.CreateAppAndGroup("shop", "prod");
}

}  // namespace berth::itest
