// The controller's own CA and the certificates made from it (DESIGN.md 7; docs/security.md).
//
// On first start it creates, in `dir` (<data-dir>/tls):
//   ca.crt, ca.key       the CA (key mode 0600) that signs agents' client certificates and,
//                        unless the operator brings one, the server certificate;
//   server.crt, .key     the listeners' certificate chain (leaf, then CA) for the SANs.
// Later starts reuse them. RenewServerIfDue() replaces the server certificate once a third
// of its lifetime is left, or when the SANs asked for changed; the listeners pick up the
// new files without a restart (gRPC watches them, HTTPS reads ServerPair() per handshake).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/pki/pki.h"
#include "common/status.h"

namespace berth::tls {

struct AuthorityOptions {
  std::string dir;
  // Names and addresses the server certificate is for. DefaultServerNames() gives the
  // host name, localhost, 127.0.0.1, ::1 and the listen addresses.
  std::vector<std::string> server_names;
  // Bring your own: the listeners present this chain and key instead (re-read when the
  // files change); renewing them is then the operator's job.
  std::string server_cert_file;
  std::string server_key_file;
  // Bring your own CA for agents' client certificates (certificate and key).
  std::string client_ca_file;
  std::string client_ca_key_file;
  int64_t server_cert_lifetime_ms = 365LL * 24 * 3600 * 1000;
  int64_t client_cert_lifetime_ms = 30LL * 24 * 3600 * 1000;
};

struct KeyPair {
  std::string cert_chain_pem;
  std::string key_pem;
};

struct IssuedCertificate {
  std::string cert_pem;
  pki::CertInfo info;
};

// The names a server certificate gets by default: `extra`, the host name, localhost,
// 127.0.0.1, ::1, and the hosts of `listen_addresses` that are not wildcards.
std::vector<std::string> DefaultServerNames(const std::vector<std::string>& extra,
                                            const std::vector<std::string>& listen_addresses);

class CertificateAuthority {
 public:
  // Loads or creates the files described above; fails naming the file it could not use.
  static Result<std::unique_ptr<CertificateAuthority>> Open(AuthorityOptions options,
                                                            Clock* clock);

  // The CA agents trust (PEM) and its pin ("sha256:<hex>"), as a join token carries it.
  // With --tls-cert it is the last certificate of the operator's chain.
  const std::string& trust_ca_pem() const { return trust_ca_pem_; }
  const std::string& trust_ca_pin() const { return trust_ca_pin_; }
  // The CA that signs and verifies agents' certificates.
  const std::string& client_ca_pem() const { return client_ca_pem_; }

  // Files for gRPC's certificate watcher.
  std::string server_cert_path() const;
  std::string server_key_path() const;
  std::string client_ca_path() const;
  // The server certificate and key in use now.
  std::shared_ptr<const KeyPair> ServerPair();
  // Replaces the generated server certificate when due (see above); re-reads the
  // operator's files when they changed. OK and no change when nothing is due.
  Status RenewServerIfDue();

  // A client certificate naming `instance_id` for the key of `csr_pem`.
  Result<IssuedCertificate> IssueClientCertificate(const std::string& csr_pem,
                                                   const std::string& instance_id);
  // The certificate's details when it chains to the client CA and is valid now;
  // UNAUTHENTICATED saying why not. Results are cached per certificate.
  Result<pki::CertInfo> VerifyClientCertificate(const std::string& cert_pem);

  int64_t client_cert_lifetime_ms() const { return options_.client_cert_lifetime_ms; }

 private:
  CertificateAuthority(AuthorityOptions options, Clock* clock)
      : options_(std::move(options)), clock_(clock) {}
  Status LoadOrCreateCa();
  Status LoadServerPair();
  Status IssueServerCertificate();
  bool ServerDue(const pki::CertInfo& info) const;

  const AuthorityOptions options_;
  Clock* clock_;
  std::string ca_cert_pem_, ca_key_pem_;  // the signing CA (client CA)
  std::string client_ca_pem_;
  std::string trust_ca_pem_, trust_ca_pin_;

  std::mutex mu_;
  std::shared_ptr<const KeyPair> server_pair_;  // guarded by mu_
  int64_t server_files_mtime_ = 0;              // guarded by mu_ (operator's files)
  std::map<std::string, pki::CertInfo> verified_;  // guarded by mu_: PEM -> details
};

}  // namespace berth::tls
