#include "controller/tls/certificate_authority.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "common/fs.h"
#include "common/time_format.h"

namespace berth::tls {
namespace {

constexpr size_t kMaxVerifiedCache = 100000;

bool IsIpAddress(const std::string& name) {
  return name.find(':') != std::string::npos ||
         (!name.empty() && name.find_first_not_of("0123456789.") == std::string::npos);
}

int64_t ModifiedTime(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return 0;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

Result<std::string> ReadNamed(const std::string& path, const std::string& what) {
  auto text = fs::ReadFile(path);
  if (!text.ok()) return text.status().WithContext("reading " + what + " " + path);
  return text;
}

}  // namespace

std::vector<std::string> DefaultServerNames(const std::vector<std::string>& extra,
                                            const std::vector<std::string>& listen_hosts) {
  std::vector<std::string> names = extra;
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) == 0 && host[0] != '\0') names.push_back(host);
  for (const char* n : {"localhost", "127.0.0.1", "::1"}) names.push_back(n);
  for (const std::string& h : listen_hosts) {
    if (!h.empty() && h != "0.0.0.0" && h != "::" && h != "[::]") names.push_back(h);
  }
  std::vector<std::string> unique;
  for (const std::string& n : names) {
    if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(n);
  }
  return unique;
}

Result<std::unique_ptr<CertificateAuthority>> CertificateAuthority::Open(AuthorityOptions options,
                                                                         Clock* clock) {
  std::unique_ptr<CertificateAuthority> ca(new CertificateAuthority(std::move(options), clock));
  RETURN_IF_ERROR(fs::MakeDirs(ca->options_.dir));
  chmod(ca->options_.dir.c_str(), 0700);
  RETURN_IF_ERROR(ca->LoadOrCreateCa());
  RETURN_IF_ERROR(ca->LoadServerPair());
  RETURN_IF_ERROR(ca->RenewServerIfDue());
  return ca;
}

std::string CertificateAuthority::server_cert_path() const {
  return options_.server_cert_file.empty() ? options_.dir + "/server.crt"
                                           : options_.server_cert_file;
}

std::string CertificateAuthority::server_key_path() const {
  return options_.server_key_file.empty() ? options_.dir + "/server.key" : options_.server_key_file;
}

std::string CertificateAuthority::client_ca_path() const {
  return options_.client_ca_file.empty() ? options_.dir + "/ca.crt" : options_.client_ca_file;
}

Status CertificateAuthority::LoadOrCreateCa() {
  const std::string cert_path = client_ca_path();
  const std::string key_path =
      options_.client_ca_file.empty() ? options_.dir + "/ca.key" : options_.client_ca_key_file;
  if (!options_.client_ca_file.empty() && options_.client_ca_key_file.empty()) {
    return InvalidArgument("--tls-client-ca needs --tls-client-ca-key: the CA signs agents' "
                           "certificates");
  }
  if (fs::Exists(cert_path)) {
    ASSIGN_OR_RETURN(ca_cert_pem_, ReadNamed(cert_path, "CA certificate"));
    ASSIGN_OR_RETURN(ca_key_pem_, ReadNamed(key_path, "CA key"));
    RETURN_IF_ERROR(pki::KeyMatchesCertificate(ca_key_pem_, ca_cert_pem_)
                        .WithContext(key_path + " and " + cert_path));
  } else if (!options_.client_ca_file.empty()) {
    return NotFound("--tls-client-ca " + cert_path + " does not exist");
  } else {
    ASSIGN_OR_RETURN(ca_key_pem_, pki::GenerateKey());
    char host[256] = {};
    gethostname(host, sizeof(host) - 1);
    ASSIGN_OR_RETURN(ca_cert_pem_,
                     pki::SelfSignCa(ca_key_pem_, {.common_name = std::string("Berth CA ") + host,
                                                   .lifetime_ms = 10 * 365LL * 24 * 3600 * 1000}));
    RETURN_IF_ERROR(fs::WriteFileAtomic(key_path, ca_key_pem_, 0600));
    RETURN_IF_ERROR(fs::WriteFileAtomic(cert_path, ca_cert_pem_, 0644));
    spdlog::info("created the controller's CA in {}", options_.dir);
  }
  client_ca_pem_ = ca_cert_pem_;
  return Status::Ok();
}

Status CertificateAuthority::LoadServerPair() {
  const bool own = !options_.server_cert_file.empty();
  if (own && options_.server_key_file.empty()) {
    return InvalidArgument("--tls-cert needs --tls-key");
  }
  if (!own && !fs::Exists(server_cert_path())) return IssueServerCertificate();
  ASSIGN_OR_RETURN(std::string chain, ReadNamed(server_cert_path(), "server certificate"));
  ASSIGN_OR_RETURN(std::string key, ReadNamed(server_key_path(), "server key"));
  RETURN_IF_ERROR(pki::KeyMatchesCertificate(key, chain).WithContext(server_key_path() + " and " +
                                                                      server_cert_path()));
  ASSIGN_OR_RETURN(std::vector<std::string> certs, pki::SplitPem(chain));
  std::string trust = own ? certs.back() : ca_cert_pem_;
  ASSIGN_OR_RETURN(std::string pin, pki::PublicKeyPin(trust));
  std::lock_guard<std::mutex> lock(mu_);
  server_pair_ = std::make_shared<KeyPair>(KeyPair{chain, key});
  server_files_mtime_ = ModifiedTime(server_cert_path()) + ModifiedTime(server_key_path());
  trust_ca_pem_ = trust;
  trust_ca_pin_ = pin;
  return Status::Ok();
}

Status CertificateAuthority::IssueServerCertificate() {
  ASSIGN_OR_RETURN(std::string key, pki::GenerateKey());
  pki::CertSpec spec{.common_name = "berth-controller",
                     .lifetime_ms = options_.server_cert_lifetime_ms,
                     .usage = pki::Usage::kServer};
  for (const std::string& name : options_.server_names) {
    (IsIpAddress(name) ? spec.ip_addresses : spec.dns_names).push_back(name);
  }
  ASSIGN_OR_RETURN(std::string csr, pki::MakeCsr(key, spec.common_name));
  ASSIGN_OR_RETURN(std::string leaf, pki::SignCsr(ca_cert_pem_, ca_key_pem_, csr, spec));
  // Key first: a watcher that reads between the two renames sees a key that does not
  // match yet, refuses the pair and keeps the old one until its next look.
  RETURN_IF_ERROR(fs::WriteFileAtomic(server_key_path(), key, 0600));
  RETURN_IF_ERROR(fs::WriteFileAtomic(server_cert_path(), leaf + ca_cert_pem_, 0644));
  std::string names;
  for (const std::string& n : options_.server_names) names += (names.empty() ? "" : ", ") + n;
  auto info = pki::Inspect(leaf);
  spdlog::info("issued the server certificate for {} (valid until {})", names,
               info.ok() ? FormatIsoMs(info->not_after_ms) : "?");
  return LoadServerPair();
}

bool CertificateAuthority::ServerDue(const pki::CertInfo& info) const {
  const int64_t now = clock_->NowMs();
  if (now >= info.not_after_ms - (info.not_after_ms - info.not_before_ms) / 3) return true;
  std::vector<std::string> have = info.dns_names;
  have.insert(have.end(), info.ip_addresses.begin(), info.ip_addresses.end());
  for (const std::string& want : options_.server_names) {
    bool found = std::find(have.begin(), have.end(), want) != have.end();
    // OpenSSL prints IPv6 addresses in full ("0:0:0:0:0:0:0:1" for "::1").
    if (!found && want == "::1") {
      found = std::find(have.begin(), have.end(), "0:0:0:0:0:0:0:1") != have.end();
    }
    if (!found) return true;
  }
  return false;
}

Status CertificateAuthority::RenewServerIfDue() {
  if (!options_.server_cert_file.empty()) {
    int64_t mtime = ModifiedTime(server_cert_path()) + ModifiedTime(server_key_path());
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (mtime == server_files_mtime_) return Status::Ok();
    }
    spdlog::info("re-reading {} and {}", server_cert_path(), server_key_path());
    return LoadServerPair();
  }
  std::shared_ptr<const KeyPair> pair = ServerPair();
  ASSIGN_OR_RETURN(pki::CertInfo info, pki::Inspect(pair->cert_chain_pem));
  if (!ServerDue(info)) return Status::Ok();
  return IssueServerCertificate();
}

std::shared_ptr<const KeyPair> CertificateAuthority::ServerPair() {
  std::lock_guard<std::mutex> lock(mu_);
  return server_pair_;
}

Result<IssuedCertificate> CertificateAuthority::IssueClientCertificate(
    const std::string& csr_pem, const std::string& instance_id) {
  IssuedCertificate out;
  ASSIGN_OR_RETURN(out.cert_pem, pki::SignCsr(ca_cert_pem_, ca_key_pem_, csr_pem,
                                              {.common_name = instance_id,
                                               .lifetime_ms = options_.client_cert_lifetime_ms,
                                               .usage = pki::Usage::kClient}));
  ASSIGN_OR_RETURN(out.info, pki::Inspect(out.cert_pem));
  return out;
}

Result<pki::CertInfo> CertificateAuthority::VerifyClientCertificate(const std::string& cert_pem) {
  const int64_t now = clock_->NowMs();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = verified_.find(cert_pem);
    if (it != verified_.end() && now < it->second.not_after_ms) return it->second;
  }
  RETURN_IF_ERROR(pki::Verify(cert_pem, client_ca_pem_, now));
  ASSIGN_OR_RETURN(pki::CertInfo info, pki::Inspect(cert_pem));
  std::lock_guard<std::mutex> lock(mu_);
  if (verified_.size() >= kMaxVerifiedCache) verified_.clear();
  verified_[cert_pem] = info;
  return info;
}

}  // namespace berth::tls
