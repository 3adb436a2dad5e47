#include "common/pki/pki.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

#include "common/sha256.h"
#include "common/time_format.h"

namespace berth::pki {
namespace {

template <auto Fn>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Fn(p);
  }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Req = std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>>;
using Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtx = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

// The OpenSSL error queue as text, emptied.
std::string OpenSslError() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

Status Failed(const std::string& what) { return Internal(what + ": " + OpenSslError()); }

Bio ReadBio(const std::string& pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, n > 0 ? n : 0);
}

Result<Key> ReadKey(const std::string& pem) {
  Bio bio = ReadBio(pem);
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) return InvalidArgument("not a PEM private key: " + OpenSslError());
  return key;
}

Result<Cert> ReadCert(const std::string& pem) {
  Bio bio = ReadBio(pem);
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return InvalidArgument("not a PEM certificate: " + OpenSslError());
  return cert;
}

Result<std::string> CertPem(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_X509(bio.get(), cert)) return Failed("writing a certificate");
  return BioText(bio.get());
}

int64_t AsnTimeMs(const ASN1_TIME* t) {
  struct tm tm {};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

Status AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  if (!ext || !X509_add_ext(cert, ext.get(), -1)) return Failed("adding extension " + value);
  return Status::Ok();
}

// A certificate for `key` signed by `issuer_key` (and named after `issuer`, or self-signed
// when issuer is null).
Result<std::string> Issue(EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key,
                          const CertSpec& spec) {
  if (spec.common_name.empty()) return InvalidArgument("a certificate needs a common name");
  if (spec.lifetime_ms < 1000) return InvalidArgument("a certificate lives at least a second");
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  Bignum serial(BN_new());
  if (!BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) ||
      !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()))) {
    return Failed("making a serial number");
  }
  // Backdated a little for clocks that lag, by at most a tenth of the lifetime so that a
  // short-lived certificate's "two thirds of its life" stays in the future.
  const long lifetime_s = static_cast<long>(spec.lifetime_ms / 1000);
  const long backdate_s = std::min<long>(3600, lifetime_s / 10);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -backdate_s);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), lifetime_s);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  X509_set_pubkey(cert.get(), key);
  X509* issuer_cert = issuer ? issuer : cert.get();
  switch (spec.usage) {
    case Usage::kCa:
      RETURN_IF_ERROR(AddExtension(cert.get(), issuer_cert, NID_basic_constraints,
                                   "critical,CA:TRUE,pathlen:0"));
      RETURN_IF_ERROR(
          AddExtension(cert.get(), issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign"));
      break;
    case Usage::kServer:
    case Usage::kClient: {
      RETURN_IF_ERROR(
          AddExtension(cert.get(), issuer_cert, NID_basic_constraints, "critical,CA:FALSE"));
      RETURN_IF_ERROR(
          AddExtension(cert.get(), issuer_cert, NID_key_usage, "critical,digitalSignature"));
      RETURN_IF_ERROR(AddExtension(cert.get(), issuer_cert, NID_ext_key_usage,
                                   spec.usage == Usage::kServer ? "serverAuth" : "clientAuth"));
      std::string sans;
      for (const std::string& dns : spec.dns_names) sans += (sans.empty() ? "" : ",") + ("DNS:" + dns);
      for (const std::string& ip : spec.ip_addresses) sans += (sans.empty() ? "" : ",") + ("IP:" + ip);
      if (!sans.empty()) {
        RETURN_IF_ERROR(AddExtension(cert.get(), issuer_cert, NID_subject_alt_name, sans));
      }
      break;
    }
  }
  RETURN_IF_ERROR(AddExtension(cert.get(), issuer_cert, NID_subject_key_identifier, "hash"));
  if (!X509_sign(cert.get(), issuer_key, EVP_sha256())) return Failed("signing a certificate");
  return CertPem(cert.get());
}

}  // namespace

Result<std::string> GenerateKey() {
  Key key(EVP_EC_gen("P-256"));
  if (!key) return Failed("generating a P-256 key");
  Bio bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
    return Failed("writing a private key");
  }
  return BioText(bio.get());
}

Result<std::string> MakeCsr(const std::string& key_pem, const std::string& common_name) {
  ASSIGN_OR_RETURN(Key key, ReadKey(key_pem));
  Req req(X509_REQ_new());
  X509_REQ_set_version(req.get(), 0);
  X509_NAME* name = X509_REQ_get_subject_name(req.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_REQ_set_pubkey(req.get(), key.get());
  if (!X509_REQ_sign(req.get(), key.get(), EVP_sha256())) return Failed("signing a CSR");
  Bio bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_X509_REQ(bio.get(), req.get())) return Failed("writing a CSR");
  return BioText(bio.get());
}

Result<std::string> SelfSignCa(const std::string& key_pem, const CertSpec& spec) {
  ASSIGN_OR_RETURN(Key key, ReadKey(key_pem));
  CertSpec ca = spec;
  ca.usage = Usage::kCa;
  return Issue(key.get(), nullptr, key.get(), ca);
}

Result<std::string> SignCsr(const std::string& ca_cert_pem, const std::string& ca_key_pem,
                            const std::string& csr_pem, const CertSpec& spec) {
  ASSIGN_OR_RETURN(Cert ca, ReadCert(ca_cert_pem));
  ASSIGN_OR_RETURN(Key ca_key, ReadKey(ca_key_pem));
  Bio bio = ReadBio(csr_pem);
  Req req(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  if (!req) return InvalidArgument("the certificate request is not a PEM CSR");
  Key key(X509_REQ_get_pubkey(req.get()));
  if (!key || X509_REQ_verify(req.get(), key.get()) != 1) {
    ERR_clear_error();
    return InvalidArgument("the certificate request's signature does not match its key");
  }
  return Issue(key.get(), ca.get(), ca_key.get(), spec);
}

Result<CertInfo> Inspect(const std::string& cert_pem) {
  ASSIGN_OR_RETURN(Cert cert, ReadCert(cert_pem));
  CertInfo info;
  char cn[256] = {};
  if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, cn,
                                sizeof(cn)) > 0) {
    info.common_name = cn;
  }
  Bignum serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr));
  if (serial) {
    char* hex = BN_bn2hex(serial.get());
    info.serial = hex;
    OPENSSL_free(hex);
  }
  info.not_before_ms = AsnTimeMs(X509_get0_notBefore(cert.get()));
  info.not_after_ms = AsnTimeMs(X509_get0_notAfter(cert.get()));
  ASSIGN_OR_RETURN(info.public_key_pin, PublicKeyPin(cert_pem));
  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names, i);
    if (n->type == GEN_DNS) {
      info.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(n->d.dNSName)),
                                  ASN1_STRING_length(n->d.dNSName));
    } else if (n->type == GEN_IPADD) {
      // Printed the way `openssl x509 -text` shows it: "IP Address:127.0.0.1".
      Bio out(BIO_new(BIO_s_mem()));
      GENERAL_NAME_print(out.get(), const_cast<GENERAL_NAME*>(n));
      std::string printed = BioText(out.get());
      const std::string prefix = "IP Address:";
      if (printed.rfind(prefix, 0) == 0) printed = printed.substr(prefix.size());
      info.ip_addresses.push_back(printed);
    }
  }
  GENERAL_NAMES_free(names);
  return info;
}

Result<std::vector<std::string>> SplitPem(const std::string& bundle_pem) {
  std::vector<std::string> out;
  Bio bio = ReadBio(bundle_pem);
  while (true) {
    Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) break;
    ASSIGN_OR_RETURN(std::string pem, CertPem(cert.get()));
    out.push_back(std::move(pem));
  }
  ERR_clear_error();
  if (out.empty()) return InvalidArgument("no PEM certificate found");
  return out;
}

Result<std::string> PublicKeyPin(const std::string& cert_pem) {
  ASSIGN_OR_RETURN(Cert cert, ReadCert(cert_pem));
  unsigned char* der = nullptr;
  int n = i2d_PUBKEY(X509_get0_pubkey(cert.get()), &der);
  if (n <= 0) return Failed("encoding a public key");
  std::string pin = "sha256:" + Sha256Hex(std::string_view(reinterpret_cast<char*>(der), n));
  OPENSSL_free(der);
  return pin;
}

Status Verify(const std::string& cert_pem, const std::string& ca_pem, int64_t now_ms) {
  ASSIGN_OR_RETURN(Cert cert, ReadCert(cert_pem));
  ASSIGN_OR_RETURN(std::vector<std::string> cas, SplitPem(ca_pem));
  Store store(X509_STORE_new());
  for (const std::string& pem : cas) {
    ASSIGN_OR_RETURN(Cert ca, ReadCert(pem));
    X509_STORE_add_cert(store.get(), ca.get());
  }
  StoreCtx ctx(X509_STORE_CTX_new());
  if (!X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr)) {
    return Failed("preparing a certificate check");
  }
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(now_ms / 1000));
  if (X509_verify_cert(ctx.get()) == 1) return Status::Ok();
  const int err = X509_STORE_CTX_get_error(ctx.get());
  ERR_clear_error();
  switch (err) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return Unauthenticated("the certificate expired at " +
                             FormatIsoMs(AsnTimeMs(X509_get0_notAfter(cert.get()))));
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return Unauthenticated("the certificate is not valid before " +
                             FormatIsoMs(AsnTimeMs(X509_get0_notBefore(cert.get()))));
    default:
      return Unauthenticated(std::string("the certificate was not issued by this CA (") +
                             X509_verify_cert_error_string(err) + ")");
  }
}

Status KeyMatchesCertificate(const std::string& key_pem, const std::string& cert_pem) {
  ASSIGN_OR_RETURN(Key key, ReadKey(key_pem));
  ASSIGN_OR_RETURN(Cert cert, ReadCert(cert_pem));
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return InvalidArgument("the private key does not belong to the certificate");
  }
  return Status::Ok();
}

}  // namespace berth::pki
