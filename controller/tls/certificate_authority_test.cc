#include "controller/tls/certificate_authority.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "common/fs.h"
#include "common/testing/temp_dir.h"

namespace berth::tls {
namespace {

constexpr int64_t kDay = 24 * 3600 * 1000LL;

AuthorityOptions Options(const std::string& dir) {
  AuthorityOptions o;
  o.dir = dir;
  o.server_names = {"localhost", "127.0.0.1"};
  o.server_cert_lifetime_ms = 30 * kDay;
  o.client_cert_lifetime_ms = kDay;
  return o;
}

std::string Serial(CertificateAuthority& ca) {
  return pki::Inspect(ca.ServerPair()->cert_chain_pem).value().serial;
}

TEST_CASE("CA: made once, kept across restarts, key private") {
  testing::TempDir dir;
  RealClock* clock = RealClock::Get();
  auto first = CertificateAuthority::Open(Options(dir.Sub("tls")), clock);
  REQUIRE(first.ok());
  const std::string pin = (*first)->trust_ca_pin();
  const std::string serial = Serial(**first);
  struct stat st {};
  REQUIRE(stat(dir.Sub("tls/ca.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto again = CertificateAuthority::Open(Options(dir.Sub("tls")), clock);
  REQUIRE(again.ok());
  CHECK((*again)->trust_ca_pin() == pin);
  CHECK(Serial(**again) == serial);
  CHECK(pki::Inspect((*again)->ServerPair()->cert_chain_pem).value().dns_names ==
        std::vector<std::string>{"localhost"});
}

TEST_CASE("CA: the server certificate is renewed when a third of its life is left") {
  testing::TempDir dir;
  FakeClock clock(RealClock::Get()->NowMs());
  auto ca = CertificateAuthority::Open(Options(dir.Sub("tls")), &clock);
  REQUIRE(ca.ok());
  const std::string serial = Serial(**ca);
  clock.AdvanceMs(15 * kDay);  // half its life: not yet
  REQUIRE((*ca)->RenewServerIfDue().ok());
  CHECK(Serial(**ca) == serial);
  clock.AdvanceMs(6 * kDay);  // 21 of 30 days
  REQUIRE((*ca)->RenewServerIfDue().ok());
  CHECK(Serial(**ca) != serial);
  CHECK(fs::ReadFile(dir.Sub("tls/server.crt")).value() == (*ca)->ServerPair()->cert_chain_pem);
}

TEST_CASE("CA: a new --tls-san reissues the server certificate at start") {
  testing::TempDir dir;
  auto ca = CertificateAuthority::Open(Options(dir.Sub("tls")), RealClock::Get());
  REQUIRE(ca.ok());
  const std::string serial = Serial(**ca);
  AuthorityOptions more = Options(dir.Sub("tls"));
  more.server_names.push_back("berth.example.com");
  auto reopened = CertificateAuthority::Open(more, RealClock::Get());
  REQUIRE(reopened.ok());
  CHECK(Serial(**reopened) != serial);
  CHECK(pki::Inspect((*reopened)->ServerPair()->cert_chain_pem).value().dns_names ==
        std::vector<std::string>{"localhost", "berth.example.com"});
}

TEST_CASE("CA: client certificates name the instance and are checked against the CA") {
  testing::TempDir dir, other_dir;
  auto ca = CertificateAuthority::Open(Options(dir.Sub("tls")), RealClock::Get());
  auto other = CertificateAuthority::Open(Options(other_dir.Sub("tls")), RealClock::Get());
  REQUIRE(ca.ok());
  REQUIRE(other.ok());
  const std::string csr = pki::MakeCsr(pki::GenerateKey().value(), "anything").value();
  auto issued = (*ca)->IssueClientCertificate(csr, "instance-7");
  REQUIRE(issued.ok());
  CHECK(issued->info.common_name == "instance-7");
  // Backdated by an hour (at most a tenth of its life) for clocks that lag.
  CHECK(issued->info.not_after_ms - issued->info.not_before_ms == kDay + 3600 * 1000);
  auto verified = (*ca)->VerifyClientCertificate(issued->cert_pem);
  REQUIRE(verified.ok());
  CHECK(verified->serial == issued->info.serial);
  auto foreign = (*other)->VerifyClientCertificate(issued->cert_pem);
  CHECK(foreign.status().code() == Code::kUnauthenticated);
}

}  // namespace
}  // namespace berth::tls
