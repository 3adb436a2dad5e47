#include "controller/triggers/destination_policy.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

namespace berth::triggers {
namespace {

struct UrlParts {
  std::string scheme, host;
  int port = 0;
};

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

std::string Part(CURLU* u, CURLUPart part) {
  char* value = nullptr;
  if (curl_url_get(u, part, &value, CURLU_DEFAULT_PORT) != CURLUE_OK || value == nullptr) {
    return "";
  }
  std::string out = value;
  curl_free(value);
  return out;
}

Result<UrlParts> ParseUrl(const std::string& url) {
  std::unique_ptr<CURLU, UrlDeleter> u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return InvalidArgument("is not a URL");
  }
  UrlParts parts;
  parts.scheme = Part(u.get(), CURLUPART_SCHEME);
  parts.host = Part(u.get(), CURLUPART_HOST);
  std::string port = Part(u.get(), CURLUPART_PORT);
  if (parts.scheme != "http" && parts.scheme != "https") {
    return InvalidArgument("is not an http:// or https:// URL");
  }
  if (parts.host.empty()) return InvalidArgument("has no host");
  if (parts.host.front() == '[' && parts.host.back() == ']') {
    parts.host = parts.host.substr(1, parts.host.size() - 2);
  }
  parts.port = port.empty() ? (parts.scheme == "https" ? 443 : 80) : std::atoi(port.c_str());
  return parts;
}

bool InV4(uint32_t a, uint32_t net, int bits) {
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (a & mask) == (net & mask);
}

std::string KindV4(uint32_t a) {
  if (InV4(a, 0x7F000000, 8)) return "loopback";
  if (InV4(a, 0xA9FE0000, 16)) return "link-local";
  if (InV4(a, 0x0A000000, 8) || InV4(a, 0xAC100000, 12) || InV4(a, 0xC0A80000, 16)) {
    return "private";
  }
  if (InV4(a, 0x64400000, 10)) return "shared (carrier-grade NAT)";
  if (InV4(a, 0x00000000, 8)) return "unspecified";
  if (InV4(a, 0xE0000000, 4) || InV4(a, 0xF0000000, 4)) return "multicast or reserved";
  return "";
}

bool Allowed(const std::string& host, const std::string& address,
             const DestinationPolicy& policy) {
  if (policy.allow_private) return true;
  return std::any_of(policy.allowlist.begin(), policy.allowlist.end(),
                     [&](const std::string& entry) { return entry == host || entry == address; });
}

}  // namespace

std::string NonPublicKind(const std::string& address) {
  in_addr v4{};
  if (::inet_pton(AF_INET, address.c_str(), &v4) == 1) return KindV4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (::inet_pton(AF_INET6, address.c_str(), &v6) != 1) return "invalid";
  const uint8_t* b = v6.s6_addr;
  static constexpr std::array<uint8_t, 16> kLoopback = {0, 0, 0, 0, 0, 0, 0, 0,
                                                        0, 0, 0, 0, 0, 0, 0, 1};
  static constexpr std::array<uint8_t, 16> kAny = {};
  if (std::memcmp(b, kLoopback.data(), 16) == 0) return "loopback";
  if (std::memcmp(b, kAny.data(), 16) == 0) return "unspecified";
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses: judge the IPv4 inside.
  static constexpr std::array<uint8_t, 12> kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(b, kMapped.data(), 12) == 0 || std::memcmp(b, kAny.data(), 12) == 0) {
    uint32_t a = (uint32_t{b[12]} << 24) | (uint32_t{b[13]} << 16) | (uint32_t{b[14]} << 8) | b[15];
    std::string kind = KindV4(a);
    return kind;
  }
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return "link-local";
  if ((b[0] & 0xFE) == 0xFC) return "unique-local (private)";
  if (b[0] == 0xFF) return "multicast";
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return "site-local (private)";
  if (b[0] == 0x20 && b[1] == 0x02) return "6to4 (may embed a private IPv4)";
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) return "NAT64";
  return "";
}

Result<std::vector<std::string>> ResolveWithGetaddrinfo(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (rc != 0) return Unavailable("cannot resolve " + host + ": " + ::gai_strerror(rc));
  std::vector<std::string> addresses;
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* where = ai->ai_family == AF_INET
                            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr)
                            : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr);
    if (::inet_ntop(ai->ai_family, where, text, sizeof(text)) != nullptr) {
      if (std::find(addresses.begin(), addresses.end(), text) == addresses.end()) {
        addresses.push_back(text);
      }
    }
  }
  ::freeaddrinfo(found);
  if (addresses.empty()) return Unavailable("cannot resolve " + host + ": no addresses");
  return addresses;
}

Result<Destination> CheckDestination(const std::string& url, const DestinationPolicy& policy) {
  Result<UrlParts> parts = ParseUrl(url);
  if (!parts.ok()) return InvalidArgument(RedactUrl(url) + " " + parts.status().message());
  Destination d{parts->scheme, parts->host, parts->port, ""};
  std::vector<std::string> addresses;
  std::string lower = d.host;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (NonPublicKind(d.host) != "invalid") {
    addresses = {d.host};  // an IP literal
  } else if (lower == "localhost" || lower.ends_with(".localhost")) {
    addresses = {"127.0.0.1"};  // RFC 6761: always loopback, whatever DNS says
  } else if (policy.resolve) {
    ASSIGN_OR_RETURN(addresses, policy.resolve(d.host));
  } else {
    return d;  // judged at delivery, on the address connected to
  }
  // Every address the name has must be allowed: DNS may answer differently next time.
  for (const std::string& address : addresses) {
    const std::string kind = NonPublicKind(address);
    if (!kind.empty() && !Allowed(d.host, address, policy)) {
      std::string which = address == d.host ? address : d.host + " resolves to " + address;
      return PermissionDenied(which + ", a " + kind +
                              " address; trigger destinations must be public unless the "
                              "controller runs with --trigger-allow-private or "
                              "--trigger-allow-host " + d.host);
    }
  }
  d.address = addresses.front();
  return d;
}

std::string RedactUrl(const std::string& url) {
  Result<UrlParts> parts = ParseUrl(url);
  if (!parts.ok()) {
    std::unique_ptr<CURLU, UrlDeleter> u(curl_url());
    if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
                  CURLUE_OK) {
      return "(invalid URL)";
    }
    std::string scheme = Part(u.get(), CURLUPART_SCHEME);
    std::string host = Part(u.get(), CURLUPART_HOST);
    return host.empty() ? "(invalid URL)" : scheme + "://" + host;
  }
  std::string host = parts->host.find(':') != std::string::npos ? "[" + parts->host + "]"
                                                                 : parts->host;
  const bool default_port = (parts->scheme == "http" && parts->port == 80) ||
                            (parts->scheme == "https" && parts->port == 443);
  return parts->scheme + "://" + host + (default_port ? "" : ":" + std::to_string(parts->port));
}

}  // namespace berth::triggers
