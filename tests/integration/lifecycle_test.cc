// Lifecycle fidelity with real processes (issue 3): ApplicationStop from the previous
// revision, FailedAfterRestart, malicious bundles, and live logs while a hook runs.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "common/fs.h"
#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;
using testing::WriteTestFile;

// The event named `event` of the (one-host) deployment's first target.
Json EventOf(Cluster& c, const Json& deployment, const std::string& event) {
  const Json targets = c.Targets(deployment["deploymentId"]);
  if (targets.empty()) return Json();
  for (const auto& e : targets[0]["lifecycleEvents"]) {
    if (e["lifecycleEventName"] == event) return e;
  }
  return Json();
}

TEST_CASE("A second deployment runs ApplicationStop from the first revision", "[integration]") {
  Cluster c;
  StartOneHost(c);
  for (const char* v : {"v1", "v2"}) {
    WriteHookApp(c.Sub(v), {{"ApplicationStop", std::string("echo \"stop from ") + v +
                                                "\" >> \"$BERTH_INSTALL_ROOT/stops\"\n"}});
  }
  const std::string stops = c.InstallRoot(0) + "/stops";

  Json first = c.WaitForDeployment(c.Deploy("shop", "prod", c.Push(c.Sub("v1"), "shop")));
  INFO(first.dump(2));
  REQUIRE(first["status"] == "Succeeded");
  CHECK_FALSE(std::filesystem::exists(stops));  // nothing to stop on the first deployment
  CHECK(EventOf(c, first, "ApplicationStop")["diagnostics"]["message"].get<std::string>().find(
            "nothing to run") != std::string::npos);

  Json second = c.WaitForDeployment(c.Deploy("shop", "prod", c.Push(c.Sub("v2"), "shop")));
  INFO(second.dump(2));
  REQUIRE(second["status"] == "Succeeded");
  CHECK(ReadTestFile(stops) == "stop from v1\n");
}

TEST_CASE("An agent SIGKILLed during a hook reports FailedAfterRestart when it is back",
          "[integration]") {
  Cluster c;
  StartOneHost(c);
  const std::string pid_file = c.Sub("hook.pid");
  WriteHookApp(c.Sub("rev"), {{"BeforeInstall", "echo $$ > \"" + pid_file + "\"\nexec sleep 120\n"}},
           600);
  const std::string id = c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop"));
  REQUIRE(testing::WaitFor([&] { return std::filesystem::exists(pid_file); }, 30000));
  c.agent(0).Stop(SIGKILL);
  // The hook outlives the agent (its own process group); stop it as the test's own.
  auto hook_pid = fs::ReadFile(pid_file);
  const long pid = hook_pid.ok() ? std::strtol(hook_pid->c_str(), nullptr, 10) : 0;
  if (pid > 0) ::kill(static_cast<pid_t>(pid), SIGKILL);

  // The same agent (same root and credential) again.
  testing::Subprocess restarted(c.AgentCommand("app-1", 0), {}, c.Sub("app-1-restarted.log"));
  const auto start = std::chrono::steady_clock::now();
  Json d = c.WaitForDeployment(id, 30000);
  const auto took = std::chrono::steady_clock::now() - start;
  INFO(d.dump(2) << ReadTestFile(c.Sub("app-1-restarted.log")));
  CHECK(d["status"] == "Failed");
  Json event = EventOf(c, d, "BeforeInstall");
  CHECK(event["status"] == "Failed");
  CHECK(event["diagnostics"]["errorCode"] == "FailedAfterRestart");
  CHECK(took < std::chrono::seconds(10));  // the event timeout is 600 s
}

// Uploads `file` to the blob store and registers it as a revision of `app`.
std::string RegisterBundle(Cluster& c, const std::string& app, const std::string& file,
                           const std::string& bundle_type) {
  auto up = testing::RunCommand({"/usr/bin/curl", "-sS", "--cacert", c.ca_cert(), "-X", "POST",
                                 "--data-binary", "@" + file, "-H",
                                 "Authorization: Bearer " + c.admin_token(), "-H",
                                 "Content-Type: application/octet-stream",
                                 c.http_url() + "/api/v1/blobs"});
  INFO(up.out << up.err);
  Json blob = Json::parse(up.out, nullptr, false);
  REQUIRE(blob.contains("sha256"));
  auto rev =
      c.Api("POST", "/api/v1/applications/" + app + "/revisions",
            {{"revision",
              {{"revisionType", "Store"},
               {"storeLocation", {{"sha256", blob["sha256"]}, {"bundleType", bundle_type}}}}}});
  REQUIRE(rev.status == 201);
  return rev.body["revisionId"];
}

// Runs python3 to write a malicious archive (tarfile and zipfile take any entry name).
void Python(const std::string& code) {
  auto r = testing::RunCommand({"/usr/bin/python3", "-c", code});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
}

TEST_CASE("Bundles with entries escaping the archive fail the deployment, writing nothing",
          "[integration]") {
  Cluster c;
  StartOneHost(c);
  const std::string absolute_target = c.Sub("outside/evil-abs");
  const std::string prelude =
      "import io, tarfile, zipfile\n"
      "spec = b'version: 0.0\\nos: linux\\n'\n"
      "def add(t, name, data=b'', link=None):\n"
      "    i = tarfile.TarInfo(name)\n"
      "    if link is not None:\n"
      "        i.type = tarfile.SYMTYPE; i.linkname = link\n"
      "    i.size = len(data); t.addfile(i, io.BytesIO(data))\n";
  Python(prelude + "t = tarfile.open('" + c.Sub("dotdot.tar") +
         "', 'w')\n"
         "add(t, 'appspec.yml', spec)\nadd(t, '../../etc/evil', b'owned')\nt.close()\n");
  Python(prelude + "z = zipfile.ZipFile('" + c.Sub("absolute.zip") +
         "', 'w')\n"
         "z.writestr('appspec.yml', spec)\n"
         "z.writestr(zipfile.ZipInfo('" +
         absolute_target + "'), b'owned')\nz.close()\n");
  Python(prelude + "t = tarfile.open('" + c.Sub("symlink.tgz") +
         "', 'w:gz')\n"
         "add(t, 'appspec.yml', spec)\nadd(t, 'escape', link='../../../../../../../tmp')\n"
         "add(t, 'escape/evil-link', b'owned')\nt.close()\n");

  struct Case {
    std::string file, type, entry;
  };
  for (const Case& k : {Case{c.Sub("dotdot.tar"), "tar", "../../etc/evil"},
                        Case{c.Sub("absolute.zip"), "zip", absolute_target},
                        Case{c.Sub("symlink.tgz"), "tgz", "escape"}}) {
    const std::string id = c.Deploy("shop", "prod", RegisterBundle(c, "shop", k.file, k.type));
    Json d = c.WaitForDeployment(id);
    INFO(k.file << "\n" << d.dump(2));
    CHECK(d["status"] == "Failed");
    Json download = EventOf(c, d, "DownloadBundle");
    CHECK(download["status"] == "Failed");
    // The entry is named (for the symlink case, the link or what is written through it).
    CHECK(download["diagnostics"]["message"].get<std::string>().find("\"" + k.entry) !=
          std::string::npos);
  }
  // Nothing named evil* anywhere under the test's directory, nor in /tmp.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(c.dir())) {
    INFO(entry.path());
    CHECK(entry.path().filename().string().rfind("evil", 0) != 0);
  }
  CHECK_FALSE(std::filesystem::exists("/tmp/evil-link"));
}

TEST_CASE("deployment logs --follow prints a hook's lines while it still runs", "[integration]") {
  Cluster c;
  StartOneHost(c);
  const std::string done = c.Sub("hook-done");
  WriteHookApp(c.Sub("rev"), {{"AfterInstall",
                           "echo 'first line'\necho 'to stderr' >&2\nsleep 4\n"
                           "echo 'second line'\ntouch \"" +
                               done + "\"\n"}});
  const std::string id = c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop"));

  std::vector<std::string> follow_argv = c.BerthCommand();
  follow_argv.insert(follow_argv.end(),
                     {"--token", c.admin_token(), "deployment", "logs", id, "--follow"});
  testing::Subprocess follow(follow_argv, {}, c.Sub("follow.out"));
  REQUIRE(testing::WaitFor(
      [&] { return ReadTestFile(c.Sub("follow.out")).find("first line") != std::string::npos; },
      30000));
  // Seen while the hook is still sleeping.
  CHECK_FALSE(std::filesystem::exists(done));
  std::string so_far = ReadTestFile(c.Sub("follow.out"));
  CHECK(so_far.find("second line") == std::string::npos);
  CHECK(so_far.find("app-1 AfterInstall stdout | first line") != std::string::npos);
  CHECK(so_far.find("app-1 AfterInstall stderr | to stderr") != std::string::npos);

  int exit_code = -1;
  REQUIRE(follow.WaitExit(30000, &exit_code));
  CHECK(exit_code == 0);
  CHECK(ReadTestFile(c.Sub("follow.out")).find("second line") != std::string::npos);

  // The same lines through the API, filtered by event.
  auto api =
      c.Api("GET", "/api/v1/deployments/" + id + "/logs?event=AfterInstall&instanceName=app-1");
  REQUIRE(api.status == 200);
  REQUIRE(api.body["lines"].size() == 3);
  CHECK(api.body["lines"][2]["text"] == "second line");
  CHECK(c.Api("GET", "/api/v1/deployments/" + id + "/logs?event=BeforeInstall")
            .body["lines"]
            .empty());
  CHECK(c.Api("GET", "/api/v1/deployments/d-NOSUCHONE/logs").status == 404);
}

}  // namespace
}  // namespace berth::itest
