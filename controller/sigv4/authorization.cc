#include "controller/sigv4/authorization.h"

#include <cctype>

#include "common/sigv4/canonical.h"

namespace berth::sigv4 {
namespace {

Status Malformed(const std::string& what) {
  return Status(Code::kUnauthenticated, "Authorization header: " + what,
                Reason::kMalformedAuthorization);
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool IsDigits(const std::string& s, size_t n) {
  if (s.size() != n) return false;
  for (unsigned char c : s) {
    if (!std::isdigit(c)) return false;
  }
  return true;
}

bool IsLowerHex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

}  // namespace

Result<Authorization> ParseAuthorization(std::string_view header) {
  const std::string algorithm = std::string(kAlgorithm) + " ";
  if (header.substr(0, algorithm.size()) != algorithm) {
    return Malformed("the algorithm must be " + std::string(kAlgorithm));
  }
  Authorization out;
  bool credential = false, signed_headers = false, signature = false;
  for (const std::string& raw : Split(header.substr(algorithm.size()), ',')) {
    const std::string part = Trim(raw);
    const size_t eq = part.find('=');
    if (eq == std::string::npos)
      return Malformed("\"" + part.substr(0, 40) + "\" is not Name=value");
    const std::string name = part.substr(0, eq), value = part.substr(eq + 1);
    if (name == "Credential") {
      std::vector<std::string> scope = Split(value, '/');
      if (scope.size() != 5 || scope[4] != "aws4_request" || scope[0].empty()) {
        return Malformed("Credential must be KEY/YYYYMMDD/REGION/SERVICE/aws4_request");
      }
      if (!IsDigits(scope[1], 8))
        return Malformed("Credential date \"" + scope[1] + "\" is not YYYYMMDD");
      out.access_key_id = scope[0];
      out.date = scope[1];
      out.region = scope[2];
      out.service = scope[3];
      credential = true;
    } else if (name == "SignedHeaders") {
      out.signed_headers = Split(value, ';');
      signed_headers = !value.empty();
    } else if (name == "Signature") {
      if (!IsLowerHex(value)) return Malformed("Signature is not 64 lower-case hex digits");
      out.signature = value;
      signature = true;
    }
  }
  if (!credential) return Malformed("Credential is missing");
  if (!signed_headers) return Malformed("SignedHeaders is missing");
  if (!signature) return Malformed("Signature is missing");
  return out;
}

}  // namespace berth::sigv4
