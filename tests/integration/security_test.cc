// Secure by default (docs/security.md): TLS on both listeners, agents that verify the
// controller and cannot be impersonated, join tokens, deregistration, and hooks that see
// no secret.
#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "berth/v1/agent.grpc.pb.h"
#include "common/fs.h"
#include "common/pki/join_token.h"
#include "common/pki/pki.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;

std::string Pin(const std::string& cert_file) {
  return pki::PublicKeyPin(ReadTestFile(cert_file)).value();
}

// Creates a join token through the API; returns the whole token string.
std::string JoinToken(Cluster& c, const Json& request = Json::object()) {
  ApiReply r = c.Api("POST", "/api/v1/join-tokens", request);
  INFO(r.body.dump());
  REQUIRE(r.status == 201);
  return r.body["joinToken"];
}

// An agent process with its own root, started with `extra` flags (and no --ca-cert or
// --enroll-token unless given).
std::unique_ptr<testing::Subprocess> StartBareAgent(Cluster& c, const std::string& name,
                                                    const std::string& root,
                                                    std::vector<std::string> extra) {
  std::vector<std::string> argv = {BinPath("berth-agent"), "--controller", c.grpc_address(),
                                   "--name", name, "--root", root, "--install-root",
                                   root + "-install", "--poll-seconds", "20", "--tag", "env=it"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return std::make_unique<testing::Subprocess>(argv, std::map<std::string, std::string>{},
                                               root + ".log");
}

// Starts the controller and agents `names`, tagged env=it, and waits until they are in.
void StartWithAgents(Cluster& c, const std::vector<std::string>& names) {
  c.StartController();
  for (const std::string& name : names) c.StartAgent(name, {{"env", "it"}});
  REQUIRE(c.WaitForInstances(names.size()));
  // The agents keep their certificate, then their credential, once Enroll has answered.
  for (size_t i = 0; i < names.size(); ++i) {
    REQUIRE(testing::WaitFor(
        [&] { return fs::Exists(c.AgentRoot(static_cast<int>(i)) + "/agent-credential.json"); },
        10000));
  }
}

int ExitCodeOf(testing::Subprocess& p, int timeout_ms = 20000) {
  int code = -1;
  REQUIRE(p.WaitExit(timeout_ms, &code));
  return code;
}

std::shared_ptr<grpc::ChannelCredentials> TlsCredentials(Cluster& c, const std::string& key = "",
                                                         const std::string& cert = "") {
  grpc::SslCredentialsOptions o;
  o.pem_root_certs = ReadTestFile(c.ca_cert());
  o.pem_private_key = key;
  o.pem_cert_chain = cert;
  return grpc::SslCredentials(o);
}

grpc::Status Poll(const std::shared_ptr<grpc::ChannelCredentials>& creds, Cluster& c,
                  const std::string& credential) {
  auto stub = v1::AgentService::NewStub(grpc::CreateChannel(c.grpc_address(), creds));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  ctx.AddMetadata("authorization", "Bearer " + credential);
  v1::PollCommandRequest req;
  req.set_wait_seconds(0);
  v1::PollCommandResponse resp;
  return stub->PollCommand(&ctx, req, &resp);
}

std::string CredentialOf(const std::string& root) {
  return Json::parse(ReadTestFile(root + "/agent-credential.json"))["credential"];
}

TEST_CASE("Plaintext clients are refused on both listeners", "[integration][security]") {
  Cluster c;
  StartWithAgents(c, {"h1"});
  const std::string credential = CredentialOf(c.AgentRoot(0));

  grpc::Status plain = Poll(grpc::InsecureChannelCredentials(), c, credential);
  CHECK(plain.error_code() == grpc::StatusCode::UNAVAILABLE);

  httplib::Client plain_http("http://127.0.0.1:" + c.http_url().substr(c.http_url().rfind(':') + 1));
  plain_http.set_connection_timeout(2);
  auto res = plain_http.Get("/api/v1/applications",
                            {{"Authorization", "Bearer " + c.admin_token()}});
  CHECK((!res || res->status == 400));

  std::vector<std::string> argv = {BinPath("berth"), "--controller",
                                   "http://127.0.0.1:" + c.http_url().substr(c.http_url().rfind(':') + 1),
                                   "--token", c.admin_token(), "app", "list"};
  auto cli = testing::RunCommand(argv);
  CHECK(cli.exit_code == 2);
  CHECK_THAT(cli.err, Catch::Contains("is plaintext: use https://"));
}

TEST_CASE("A poll without a client certificate, or with another instance's, is refused",
          "[integration][security]") {
  Cluster c;
  StartWithAgents(c, {"h1", "h2"});

  grpc::Status no_cert = Poll(TlsCredentials(c), c, CredentialOf(c.AgentRoot(0)));
  CHECK(no_cert.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK_THAT(no_cert.error_message(), Catch::Contains("a client certificate is required"));

  // h1's certificate with h2's credential.
  grpc::Status mixed =
      Poll(TlsCredentials(c, ReadTestFile(c.AgentRoot(0) + "/tls/agent.key"),
                          ReadTestFile(c.AgentRoot(0) + "/tls/agent.crt")),
           c, CredentialOf(c.AgentRoot(1)));
  CHECK(mixed.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK_THAT(mixed.error_message(), Catch::Contains("the client certificate names instance"));

  // Its own pair is accepted.
  grpc::Status own = Poll(TlsCredentials(c, ReadTestFile(c.AgentRoot(0) + "/tls/agent.key"),
                                         ReadTestFile(c.AgentRoot(0) + "/tls/agent.crt")),
                          c, CredentialOf(c.AgentRoot(0)));
  CHECK(own.ok());
}

TEST_CASE("An agent refuses a controller of another CA or pin, naming both fingerprints",
          "[integration][security]") {
  Cluster c;
  c.StartController();
  const std::string real_pin = Pin(c.ca_cert());

  const std::string other_key = pki::GenerateKey().value();
  const std::string other_ca =
      pki::SelfSignCa(other_key, {.common_name = "other", .lifetime_ms = 86400000}).value();
  testing::WriteTestFile(c.Sub("other-ca.crt"), other_ca);
  const std::string other_pin = pki::PublicKeyPin(other_ca).value();

  auto with_ca = StartBareAgent(c, "h1", c.Sub("a1"),
                                {"--ca-cert", c.Sub("other-ca.crt"), "--enroll-token",
                                 c.enroll_token()});
  CHECK(ExitCodeOf(*with_ca) == 1);
  std::string log = ReadTestFile(c.Sub("a1.log"));
  CHECK_THAT(log, Catch::Contains("presents a certificate from CA " + real_pin));
  CHECK_THAT(log, Catch::Contains("but this agent trusts CA " + other_pin));

  pki::JoinToken forged = pki::ParseJoinToken(JoinToken(c)).value();
  forged.ca_pin = other_pin;
  auto with_pin = StartBareAgent(c, "h2", c.Sub("a2"), {"--join-token", forged.ToString()});
  CHECK(ExitCodeOf(*with_pin) == 1);
  log = ReadTestFile(c.Sub("a2.log"));
  CHECK_THAT(log, Catch::Contains("presents a certificate from CA " + real_pin));
  CHECK_THAT(log, Catch::Contains("but the join token pins CA " + other_pin));
  CHECK(c.Api("GET", "/api/v1/instances").body["instanceInfos"].empty());
}

TEST_CASE("Join tokens: the pin is enough to trust, and used-up, revoked or expired ones are "
          "refused saying which",
          "[integration][security]") {
  Cluster c;
  c.StartController();
  const std::string once = JoinToken(c, {{"uses", 1}, {"tags", {{{"Key", "env"}, {"Value", "it"}}}}});
  auto first = StartBareAgent(c, "j1", c.Sub("j1"), {"--join-token", once, "--tag", "env=prod"});
  REQUIRE(c.WaitForInstances(1));
  ApiReply j1 = c.Api("GET", "/api/v1/instances/j1");
  CHECK(j1.body["tags"] == Json::parse(R"([{"Key":"env","Value":"it"}])"));  // bound tag won

  auto second = StartBareAgent(c, "j2", c.Sub("j2"), {"--join-token", once});
  CHECK(ExitCodeOf(*second) == 1);
  CHECK_THAT(ReadTestFile(c.Sub("j2.log")), Catch::Contains("is used up (1 of 1 uses)"));

  const std::string revoked = JoinToken(c);
  const std::string revoked_id = pki::ParseJoinToken(revoked).value().id;
  REQUIRE(c.Api("DELETE", "/api/v1/join-tokens/" + revoked_id).status == 200);
  auto third = StartBareAgent(c, "j3", c.Sub("j3"), {"--join-token", revoked});
  CHECK(ExitCodeOf(*third) == 1);
  CHECK_THAT(ReadTestFile(c.Sub("j3.log")), Catch::Contains("join token " + revoked_id + " was revoked"));

  const std::string expiring = JoinToken(c, {{"ttlSeconds", 1}});
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  auto fourth = StartBareAgent(c, "j4", c.Sub("j4"), {"--join-token", expiring});
  CHECK(ExitCodeOf(*fourth) == 1);
  CHECK_THAT(ReadTestFile(c.Sub("j4.log")), Catch::Contains(" expired"));
  CHECK(c.Api("GET", "/api/v1/instances").body["instanceInfos"].size() == 1);
}

TEST_CASE("A name already registered cannot be enrolled again, and the original keeps deploying",
          "[integration][security]") {
  Cluster c;
  StartWithAgents(c, {"h1"});
  const std::string id = c.Api("GET", "/api/v1/instances/h1").body["instanceId"];

  auto intruder = StartBareAgent(c, "h1", c.Sub("intruder"), {"--join-token", JoinToken(c)});
  CHECK(ExitCodeOf(*intruder) == 1);
  std::string log = ReadTestFile(c.Sub("intruder.log"));
  CHECK_THAT(log, Catch::Contains("ALREADY_EXISTS"));
  CHECK_THAT(log, Catch::Contains("berth instance deregister h1"));
  CHECK(c.Api("GET", "/api/v1/instances/h1").body["instanceId"] == id);

  c.CreateAppAndGroup("shop", "prod");
  WriteRecordingApp(c.Sub("rev"), {.version = "v1"});
  Json d = c.WaitForDeployment(c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop")));
  CHECK(d["status"] == "Succeeded");
  CHECK(InstalledVersion(c.InstallRoot(0)) == "v1\n");
}

TEST_CASE("A deregistered agent is refused at once, not targeted, and does not re-enroll",
          "[integration][security]") {
  Cluster c;
  StartWithAgents(c, {"h1", "h2"});
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // both polls parked

  auto r = c.Berth({"instance", "deregister", "h2"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto start = std::chrono::steady_clock::now();
  CHECK(ExitCodeOf(c.agent(1), 5000) == 1);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  CHECK_THAT(ReadTestFile(c.Sub("h2.log")), Catch::Contains("was deregistered on the controller"));
  CHECK(c.Api("GET", "/api/v1/instances/h2").body["registrationStatus"] == "Deregistered");

  c.CreateAppAndGroup("shop", "prod", "AllAtOnce");
  WriteRecordingApp(c.Sub("rev"), {.version = "v1"});
  const std::string dep = c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop"));
  Json d = c.WaitForDeployment(dep);
  CHECK(d["status"] == "Succeeded");
  const Json targets = c.Targets(dep);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0]["instanceName"] == "h1");

  // Restarted, the same agent stops at once with the note, and enrolls nothing.
  testing::Subprocess again(c.AgentCommand("h2", 1), {}, c.Sub("h2-again.log"));
  CHECK(ExitCodeOf(again) == 1);
  CHECK_THAT(ReadTestFile(c.Sub("h2-again.log")), Catch::Contains("will not enroll by itself"));
  CHECK(c.Api("GET", "/api/v1/instances/h2").body["registrationStatus"] == "Deregistered");

  // A new host, with a new key, may take the freed name.
  auto fresh = StartBareAgent(c, "h2", c.Sub("new-h2"), {"--join-token", JoinToken(c)});
  REQUIRE(testing::WaitFor(
      [&] { return c.Api("GET", "/api/v1/instances/h2").body["registrationStatus"] == "Registered"; },
      15000));
}

TEST_CASE("Hooks see no agent secret, and only the variables passed with --hook-env",
          "[integration][security]") {
  Cluster c;
  c.StartController();
  const std::map<std::string, std::string> env = {{"BERTH_ENROLL_TOKEN", "enroll-secret"},
                                                  {"BERTH_TOKEN", "api-secret"},
                                                  {"AWS_SECRET_ACCESS_KEY", "aws-secret"},
                                                  {"FOO", "1"}};
  testing::Subprocess plain(c.AgentCommand("e1", 0), env, c.Sub("e1.log"));
  std::vector<std::string> with_foo = c.AgentCommand("e2", 1);
  with_foo.insert(with_foo.end(), {"--hook-env", "FOO", "--tag", "env=it"});
  std::vector<std::string> first = c.AgentCommand("e1", 0);
  testing::Subprocess foo(with_foo, env, c.Sub("e2.log"));
  // e1 has no tag yet: tag it so both are in the group.
  REQUIRE(c.WaitForInstances(2));
  REQUIRE(c.Berth({"instance", "tag", "e1", "env=it"}).exit_code == 0);
  testing::WriteTestFile(c.InstallRoot(0) + "/.keep", "");
  testing::WriteTestFile(c.InstallRoot(1) + "/.keep", "");

  c.CreateAppAndGroup("shop", "prod", "AllAtOnce");
  WriteRecordingApp(c.Sub("rev"), {.version = "v1"});
  Json d = c.WaitForDeployment(c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop")));
  REQUIRE(d["status"] == "Succeeded");
  for (int i = 0; i < 2; ++i) {
    const std::string seen = ReadTestFile(c.InstallRoot(i) + "/hook-env/ApplicationStart");
    INFO(seen);
    REQUIRE(seen.find("LIFECYCLE_EVENT=ApplicationStart") != std::string::npos);
    CHECK(seen.find("enroll-secret") == std::string::npos);
    CHECK(seen.find("api-secret") == std::string::npos);
    CHECK(seen.find("aws-secret") == std::string::npos);
    CHECK(seen.find(c.enroll_token()) == std::string::npos);
    CHECK(seen.find(CredentialOf(c.AgentRoot(i))) == std::string::npos);
    CHECK((seen.find("\nFOO=1\n") != std::string::npos) == (i == 1));
  }
}

TEST_CASE("A hook run as another user (runas) sees no agent secret either",
          "[integration][security]") {
  if (geteuid() != 0) {
    WARN("skipped: runas needs the agent to run as root");
    return;
  }
  Cluster c;
  c.StartController();
  // The hook runs as nobody: the test's directories must be traversable.
  chmod(c.dir().c_str(), 0755);
  testing::Subprocess agent(c.AgentCommand("r1", 0),
                            {{"BERTH_TOKEN", "api-secret"}, {"AWS_SECRET_ACCESS_KEY", "aws-secret"},
                             {"BERTH_ENROLL_TOKEN", "enroll-secret"}},
                            c.Sub("r1.log"));
  REQUIRE(c.WaitForInstances(1));
  REQUIRE(c.Berth({"instance", "tag", "r1", "env=it"}).exit_code == 0);
  c.CreateAppAndGroup("shop", "prod");
  testing::WriteTestFile(c.Sub("rev/appspec.yml"),
                         "version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n"
                         "    - location: env.sh\n      runas: nobody\n");
  testing::WriteTestFile(c.Sub("rev/env.sh"), "#!/bin/sh\necho \"user=$(id -un)\"\nenv\n", 0755);
  const std::string id = c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop"));
  Json d = c.WaitForDeployment(id);
  INFO(d.dump(2));
  REQUIRE(d["status"] == "Succeeded");
  ApiReply logs = c.Api("GET", "/api/v1/deployments/" + id + "/logs");
  const std::string text = logs.body.dump();
  INFO(text);
  CHECK(text.find("user=nobody") != std::string::npos);
  CHECK(text.find("LIFECYCLE_EVENT=ApplicationStart") != std::string::npos);
  for (const char* secret : {"api-secret", "aws-secret", "enroll-secret"}) {
    CHECK(text.find(secret) == std::string::npos);
  }
  CHECK(text.find(CredentialOf(c.AgentRoot(0))) == std::string::npos);
}

TEST_CASE("Client certificates renew before they expire", "[integration][security]") {
  Cluster c;
  c.SetControllerArgs({"--client-cert-lifetime", "9s"});
  StartWithAgents(c, {"h1"});
  const std::string serial = c.Api("GET", "/api/v1/instances/h1").body["certificateSerial"];
  // Renewed at two thirds of 9 s, and again after that: past the first one's expiry.
  std::this_thread::sleep_for(std::chrono::seconds(11));
  CHECK(c.Api("GET", "/api/v1/instances/h1").body["certificateSerial"] != serial);
  CHECK_THAT(ReadTestFile(c.Sub("controller.log")),
             Catch::Contains("renewed the instance's client certificate instance=h1 "));
  c.CreateAppAndGroup("shop", "prod");
  WriteRecordingApp(c.Sub("rev"), {.version = "v1"});
  Json d = c.WaitForDeployment(c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop")));
  CHECK(d["status"] == "Succeeded");
}

TEST_CASE("A controller restart keeps its CA and agents reconnect without enrolling again",
          "[integration][security]") {
  Cluster c;
  StartWithAgents(c, {"h1"});
  const std::string ca = ReadTestFile(c.ca_cert());
  const std::string serial = c.Api("GET", "/api/v1/instances/h1").body["certificateSerial"];
  c.StartController();  // restart on the same data dir
  CHECK(ReadTestFile(c.ca_cert()) == ca);
  c.CreateAppAndGroup("shop", "prod");
  WriteRecordingApp(c.Sub("rev"), {.version = "v1"});
  Json d = c.WaitForDeployment(c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop")));
  CHECK(d["status"] == "Succeeded");
  CHECK(c.Api("GET", "/api/v1/instances/h1").body["certificateSerial"] == serial);
  const std::string log = ReadTestFile(c.Sub("h1.log"));
  CHECK(log.find("enrolled as") == log.rfind("enrolled as"));  // enrolled once, never again
}

TEST_CASE("Plaintext with --insecure works on loopback only, and says so", "[integration][security]") {
  Cluster c;
  c.SetInsecure(true);
  c.StartController();
  CHECK_THAT(ReadTestFile(c.Sub("controller.log")), Catch::Contains("PLAINTEXT"));
  c.StartAgent("h1", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(1));
  c.CreateAppAndGroup("shop", "prod");
  WriteRecordingApp(c.Sub("rev"), {.version = "v1"});
  Json d = c.WaitForDeployment(c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop")));
  CHECK(d["status"] == "Succeeded");

  auto remote = testing::RunCommand(
      {BinPath("berth-controller"), "--data-dir", c.Sub("remote-data"), "--insecure",
       "--http-listen", "0.0.0.0:" + std::to_string(testing::FreePort()), "--grpc-listen",
       "127.0.0.1:" + std::to_string(testing::FreePort())});
  CHECK(remote.exit_code == 1);
  CHECK_THAT(remote.err, Catch::Contains("--insecure serves plaintext, so it listens only on "
                                         "loopback; 0.0.0.0 is not"));
}

}  // namespace
}  // namespace berth::itest
