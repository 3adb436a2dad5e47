// Which compression the API answers with. Debian's cpp-httplib (0.11) compresses with
// brotli at its highest quality whenever a client offers "br", as browsers and httplib's
// own client (the CLI) do: measured on a 1,000-target page of GET .../targets (1.6 MB of
// JSON), 3.5 s of controller CPU with br against 0.18 s with gzip (docs/benchmarks.md
// "Dashboard"). So the controller takes br off the offer before routing, and httplib
// picks gzip (or nothing) instead.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

namespace berth::http {

// `accept_encoding` without its "br" entries ("br, gzip, deflate" -> "gzip, deflate").
std::string WithoutBrotli(std::string_view accept_encoding);

// Rewrites the request's Accept-Encoding with WithoutBrotli. Called from the pre-routing
// handler, whose request httplib owns as a mutable object.
void PreferGzip(const httplib::Request& request);

}  // namespace berth::http
