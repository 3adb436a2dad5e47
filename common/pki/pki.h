// Keys, certificate requests and certificates for Berth's own CA (DESIGN.md 7), on
// OpenSSL. Everything is PEM text in and out; nothing here writes files. Keys are ECDSA
// P-256: cheap to make per test CA and per agent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace berth::pki {

// What a certificate is for: its basicConstraints, keyUsage and extendedKeyUsage.
enum class Usage { kCa, kServer, kClient };

struct CertSpec {
  std::string common_name;
  // Subject alternative names (kServer): DNS names, and IPv4/IPv6 addresses as text.
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
  int64_t lifetime_ms = 0;
  Usage usage = Usage::kClient;
};

struct CertInfo {
  std::string common_name;
  std::string serial;         // upper-case hex
  int64_t not_before_ms = 0;  // Unix epoch milliseconds
  int64_t not_after_ms = 0;
  std::string public_key_pin;  // "sha256:<hex>" of the DER SubjectPublicKeyInfo
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
};

// A new P-256 private key (PKCS#8 PEM).
Result<std::string> GenerateKey();
// A certificate signing request for `key_pem`, subject CN=`common_name`.
Result<std::string> MakeCsr(const std::string& key_pem, const std::string& common_name);
// A self-signed CA certificate for `key_pem`.
Result<std::string> SelfSignCa(const std::string& key_pem, const CertSpec& spec);
// Signs the public key of `csr_pem` (after checking the request's own signature) with the
// CA. The subject and extensions come from `spec`, never from the request.
Result<std::string> SignCsr(const std::string& ca_cert_pem, const std::string& ca_key_pem,
                            const std::string& csr_pem, const CertSpec& spec);

// The first certificate of `pem`.
Result<CertInfo> Inspect(const std::string& cert_pem);
// Every certificate of a PEM bundle, in order.
Result<std::vector<std::string>> SplitPem(const std::string& bundle_pem);
// "sha256:<hex>" of the first certificate's public key (the CA pin a join token carries).
Result<std::string> PublicKeyPin(const std::string& cert_pem);
// OK when the first certificate of `cert_pem` chains to `ca_pem` and is valid at `now_ms`.
// UNAUTHENTICATED says which: not issued by this CA, expired (and when), not yet valid.
Status Verify(const std::string& cert_pem, const std::string& ca_pem, int64_t now_ms);
// OK when `key_pem` is the private key of the first certificate of `cert_pem`.
Status KeyMatchesCertificate(const std::string& key_pem, const std::string& cert_pem);

}  // namespace berth::pki
