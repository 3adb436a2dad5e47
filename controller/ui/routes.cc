#include "controller/ui/routes.h"

#include "controller/ui/assets.h"
#include "controller/ui/pages.h"

namespace berth::ui {

void RegisterUiRoutes(httplib::Server* server) {
  // httplib answers HEAD through the GET handler.
  server->Get(R"(/ui(/.*)?)", [](const httplib::Request& req, httplib::Response& res) {
    UiAnswer answer = AnswerUiRequest(req.path, Assets());
    res.status = answer.status;
    for (const auto& [name, value] : answer.headers) res.set_header(name, value);
    res.set_content(answer.body.data(), answer.body.size(), answer.content_type);
  });
}

}  // namespace berth::ui
