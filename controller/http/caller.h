// Who makes a REST request, for the few handlers whose behaviour depends on it beyond the
// route's role (route_roles.cc decides that before the handler runs).
#pragma once

#include <httplib.h>

#include <string>

#include "controller/api/service.h"

namespace berth::http {

// The principal of the request's bearer token (already accepted by the router).
Result<api::Principal> CallerOf(const httplib::Request& request, api::Service* service);

// When `asked` (a request's "overrideFreeze": true): the calling token's id if it is an
// admin's, else PERMISSION_DENIED naming the role needed and the caller's. "" when not
// asked.
Result<std::string> FreezeOverrider(const httplib::Request& request, api::Service* service,
                                    bool asked);

}  // namespace berth::http
