#include "common/sigv4/canonical.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/secrets.h"
#include "common/sha256.h"

namespace berth::sigv4 {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Trims and folds runs of spaces and tabs to one space (outside quotes too: AWS's rule).
std::string CanonicalValue(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string Hex(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string CanonicalQuery(const std::vector<std::pair<std::string, std::string>>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  for (const auto& [k, v] : query) encoded.emplace_back(UriEncode(k, false), UriEncode(v, false));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [k, v] : encoded) out += (out.empty() ? "" : "&") + k + "=" + v;
  return out;
}

}  // namespace

std::string UriEncode(std::string_view s, bool keep_slash) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string CanonicalRequest(const CanonicalInput& input) {
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : input.headers) {
    std::string key = Lower(name);
    std::string v = CanonicalValue(value);
    auto [it, added] = values.try_emplace(key, v);
    if (!added) it->second += "," + v;
  }
  std::vector<std::string> names;
  for (const std::string& n : input.signed_headers) names.push_back(Lower(n));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string headers, list;
  for (const std::string& n : names) {
    list += (list.empty() ? "" : ";") + n;
    auto it = values.find(n);
    if (it != values.end()) headers += n + ":" + it->second + "\n";
  }
  return input.method + "\n" + UriEncode(input.path.empty() ? "/" : input.path, true) + "\n" +
         CanonicalQuery(input.query) + "\n" + headers + "\n" + list + "\n" + input.payload_hash;
}

std::string CredentialScope(std::string_view date, std::string_view region,
                            std::string_view service) {
  return std::string(date) + "/" + std::string(region) + "/" + std::string(service) +
         "/aws4_request";
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  return std::string(kAlgorithm) + "\n" + std::string(amz_date) + "\n" + std::string(scope) + "\n" +
         Sha256Hex(canonical_request);
}

std::string SigningKey(std::string_view secret, std::string_view date, std::string_view region,
                       std::string_view service) {
  std::string k = HmacSha256("AWS4" + std::string(secret), date);
  k = HmacSha256(k, region);
  k = HmacSha256(k, service);
  return HmacSha256(k, "aws4_request");
}

std::string Signature(std::string_view signing_key, std::string_view string_to_sign) {
  return Hex(HmacSha256(signing_key, string_to_sign));
}

std::string AuthorizationHeader(const CanonicalInput& input, std::string_view access_key_id,
                                std::string_view secret, std::string_view amz_date,
                                std::string_view region, std::string_view service) {
  const std::string date(amz_date.substr(0, 8));
  const std::string scope = CredentialScope(date, region, service);
  std::vector<std::string> names;
  for (const std::string& n : input.signed_headers) names.push_back(Lower(n));
  std::sort(names.begin(), names.end());
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ";") + n;
  const std::string signature = Signature(SigningKey(secret, date, region, service),
                                          StringToSign(amz_date, scope, CanonicalRequest(input)));
  return std::string(kAlgorithm) + " Credential=" + std::string(access_key_id) + "/" + scope +
         ", SignedHeaders=" + list + ", Signature=" + signature;
}

}  // namespace berth::sigv4
