// What the controller answers under /ui/ (docs/dashboard.md): the dashboard is one page
// whose routes are drawn in the browser, so every path that is not an asset gets
// index.html, and a bookmark of /ui/deployments/d-... opens that deployment. Files under
// /ui/assets/ are the embedded assets; a missing one is 404, never index.html, so a broken
// reference fails visibly. Pure: no server, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/embedded_file.h"

namespace berth::ui {

// The Content-Security-Policy every /ui/ answer carries: everything from the controller
// itself, no inline script or style, no plugins, no framing, no form submission.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

struct UiAnswer {
  int status = 200;
  std::string content_type;
  std::string_view body;  // points into the embedded files (or a static message)
  std::vector<std::pair<std::string, std::string>> headers;  // security and cache headers
};

// The answer to GET `path` (the request path without its query), `path` being "/ui" or
// starting with "/ui/". `files` are the assets (Assets() in the controller).
UiAnswer AnswerUiRequest(std::string_view path, const std::vector<EmbeddedFile>& files);

// "text/javascript; charset=utf-8" for "x.js", and so on; "application/octet-stream" for
// an extension the dashboard does not use.
std::string ContentTypeFor(std::string_view path);

}  // namespace berth::ui
