// The label /metrics gives a route: its RouteRoles() pattern as docs/api.md writes it,
// "/api/v1/applications/{app}/deployment-groups/{group}", not the regex and never the
// raw path (which would make a series per application).
#pragma once

#include <string>

namespace berth::http {

// Each "([^/]+)" becomes "{name}", the name following the segment before it
// (applications -> app, deployment-groups -> group, revisions and deployments -> id, ...;
// "{}" after a segment not known here).
std::string RouteLabel(const std::string& pattern);

}  // namespace berth::http
