// Serves the dashboard under /ui/ on the API listener (controller/ui/pages.h). The pages
// are public: they hold no data. The data comes from /api/v1/ with the bearer token the
// user types in, so these routes are not in controller/http/route_roles.cc.
#pragma once

#include <httplib.h>

namespace berth::ui {

void RegisterUiRoutes(httplib::Server* server);

}  // namespace berth::ui
