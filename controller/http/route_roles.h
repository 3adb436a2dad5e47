// The one table of which role each REST route needs (docs/security.md "Roles"). Every
// route a Router registers must be listed here; the pre-routing check consults it before
// a request's body is read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/model/access.h"

namespace berth::http {

struct RouteRole {
  const char* method;   // "GET", "POST", ...
  const char* pattern;  // exactly as registered (a cpp-httplib regex)
  model::Role role;
};

const std::vector<RouteRole>& RouteRoles();

// The role a request for `method` `path` needs; nullopt when no route matches. The
// CodeDeploy-compatible face asks it with the REST route each operation corresponds to,
// so both fronts follow this one table.
std::optional<model::Role> RoleForRoute(const std::string& method, const std::string& path);
// The index in RouteRoles() of the route `method` `path` is for, or -1.
int MatchRouteIndex(const std::string& method, const std::string& path);
// Routes served to anyone, without a token: only what a host that is not enrolled yet
// needs to bootstrap itself. Every public route a Router registers must be listed here.
struct PublicRoute {
  const char* method;
  const char* pattern;  // exactly as registered (a cpp-httplib regex)
};

const std::vector<PublicRoute>& PublicRoutes();

}  // namespace berth::http
