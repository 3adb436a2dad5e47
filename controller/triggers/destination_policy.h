// Where trigger webhooks may go. A trigger URL is chosen by whoever may edit a deployment
// group, and the controller POSTs from inside the network: without this check a URL such
// as http://169.254.169.254/latest/meta-data reads cloud credentials, and
// http://127.0.0.1:... reaches services that trust localhost. Checked when a group is
// created or updated, and again at every delivery, where the address checked is the
// address connected to (no second DNS lookup for curl to be fooled by).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/status.h"

namespace berth::triggers {

// Resolves a host name to its addresses (numeric strings); the real one is getaddrinfo.
using Resolver = std::function<Result<std::vector<std::string>>(const std::string& host)>;
Result<std::vector<std::string>> ResolveWithGetaddrinfo(const std::string& host);

struct DestinationPolicy {
  bool allow_private = false;          // --trigger-allow-private
  std::vector<std::string> allowlist;  // --trigger-allow-host: host names or IP addresses
  // Null: host names are not resolved (only IP literals and localhost are judged), for
  // checks that must not wait on DNS, such as a group update inside a transaction.
  Resolver resolve = ResolveWithGetaddrinfo;
};

// A URL's parts and the one address a request to it must use.
struct Destination {
  std::string scheme;   // "http" | "https"
  std::string host;     // as in the URL, without brackets
  int port = 0;
  std::string address;  // numeric, the first allowed address the host resolves to
};

// INVALID_ARGUMENT when `url` is not an http(s) URL with a host; PERMISSION_DENIED naming
// the address and its kind ("169.254.169.254 is a link-local address") when the host is
// or resolves to a loopback, link-local, private, unique-local, unspecified or multicast
// address and neither allow_private nor the allowlist permits it; UNAVAILABLE when the
// name does not resolve.
Result<Destination> CheckDestination(const std::string& url, const DestinationPolicy& policy);

// "scheme://host[:port]": a URL as logs and API answers show it. Paths and queries (a
// Slack webhook's secret) and userinfo are dropped; text that is no URL becomes "(invalid
// URL)".
std::string RedactUrl(const std::string& url);

// The kind of a non-public address ("loopback", "link-local", "private", ...), or "" for
// a public one. `address` is numeric IPv4 or IPv6; anything else is "invalid".
std::string NonPublicKind(const std::string& address);

}  // namespace berth::triggers
