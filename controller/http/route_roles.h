// The one table of which role each REST route needs (docs/security.md "Roles"). Every
// route a Router registers must be listed here; the pre-routing check consults it before
// a request's body is read.
#pragma once

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

// Routes served to anyone, without a token: only what a host that is not enrolled yet
// needs to bootstrap itself. Every public route a Router registers must be listed here.
struct PublicRoute {
  const char* method;
  const char* pattern;  // exactly as registered (a cpp-httplib regex)
};

const std::vector<PublicRoute>& PublicRoutes();

}  // namespace berth::http
