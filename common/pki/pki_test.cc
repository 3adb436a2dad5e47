#include "common/pki/pki.h"

#include <catch2/catch.hpp>

#include "common/clock.h"
#include "common/pki/join_token.h"

namespace berth::pki {
namespace {

constexpr int64_t kDay = 24 * 3600 * 1000LL;

struct TestCa {
  std::string key = GenerateKey().value();
  std::string cert =
      SelfSignCa(key, {.common_name = "test CA", .lifetime_ms = 10 * kDay}).value();
};

TEST_CASE("pki: a CA signs a CSR with the subject and names it chooses") {
  TestCa ca;
  std::string key = GenerateKey().value();
  std::string csr = MakeCsr(key, "whatever-the-agent-asks").value();
  auto cert = SignCsr(ca.cert, ca.key, csr,
                      {.common_name = "instance-1", .dns_names = {"localhost"},
                       .ip_addresses = {"127.0.0.1", "::1"}, .lifetime_ms = kDay,
                       .usage = Usage::kServer});
  REQUIRE(cert.ok());
  auto info = Inspect(*cert);
  REQUIRE(info.ok());
  CHECK(info->common_name == "instance-1");
  CHECK(info->dns_names == std::vector<std::string>{"localhost"});
  CHECK(info->ip_addresses == std::vector<std::string>{"127.0.0.1", "0:0:0:0:0:0:0:1"});
  CHECK(info->not_after_ms - info->not_before_ms == kDay + 3600 * 1000);
  CHECK(KeyMatchesCertificate(key, *cert).ok());
  CHECK(KeyMatchesCertificate(ca.key, *cert).code() == Code::kInvalidArgument);
  CHECK(Verify(*cert, ca.cert, RealClock::Get()->NowMs()).ok());
}

TEST_CASE("pki: Verify says why a certificate is refused") {
  TestCa ca, other;
  std::string key = GenerateKey().value();
  std::string cert =
      SignCsr(ca.cert, ca.key, MakeCsr(key, "x").value(), {.common_name = "h1", .lifetime_ms = kDay})
          .value();
  const int64_t now = RealClock::Get()->NowMs();
  Status foreign = Verify(cert, other.cert, now);
  CHECK(foreign.code() == Code::kUnauthenticated);
  CHECK(foreign.message().find("not issued by this CA") != std::string::npos);
  Status expired = Verify(cert, ca.cert, now + 2 * kDay);
  CHECK(expired.code() == Code::kUnauthenticated);
  CHECK(expired.message().find("expired at") != std::string::npos);
}

TEST_CASE("pki: a CSR whose signature does not match is refused") {
  TestCa ca;
  std::string csr = MakeCsr(GenerateKey().value(), "x").value();
  std::string broken = csr;
  broken[broken.size() / 2] = broken[broken.size() / 2] == 'A' ? 'B' : 'A';
  auto signed_cert = SignCsr(ca.cert, ca.key, broken, {.common_name = "h", .lifetime_ms = kDay});
  CHECK(signed_cert.status().code() == Code::kInvalidArgument);
}

TEST_CASE("pki: the pin is the SHA-256 of the public key, the same for every cert of a key") {
  std::string key = GenerateKey().value();
  std::string a = SelfSignCa(key, {.common_name = "a", .lifetime_ms = kDay}).value();
  std::string b = SelfSignCa(key, {.common_name = "b", .lifetime_ms = 2 * kDay}).value();
  CHECK(PublicKeyPin(a).value() == PublicKeyPin(b).value());
  CHECK(PublicKeyPin(a).value().size() == 7 + 64);
  CHECK(SplitPem(a + b).value().size() == 2);
}

TEST_CASE("join token: round trip and malformed parts named") {
  JoinToken t{"0123456789ab", std::string(64, 'f'), "sha256:" + std::string(64, 'a')};
  auto parsed = ParseJoinToken(t.ToString());
  REQUIRE(parsed.ok());
  CHECK(parsed->id == t.id);
  CHECK(parsed->secret == t.secret);
  CHECK(parsed->ca_pin == t.ca_pin);
  std::string id, secret;
  CHECK(SplitEnrollSecret(t.EnrollSecret(), &id, &secret));
  CHECK(id == t.id);
  CHECK_FALSE(SplitEnrollSecret("bootstrap-token", &id, &secret));
  CHECK(ParseJoinToken("bjt1.0123456789ab.short." + std::string(64, 'a')).status().message() ==
        "the join token's secret is malformed");
  CHECK(ParseJoinToken("hello").status().code() == Code::kInvalidArgument);
}

}  // namespace
}  // namespace berth::pki
