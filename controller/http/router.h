// Router: registers REST handlers on a cpp-httplib server with bearer-token checks, JSON
// bodies and `{"code","message"}` errors (docs/api.md).
#pragma once

#include <httplib.h>

#include <functional>
#include <string>

#include "common/status.h"
#include "controller/http/json_model.h"

namespace berth::http {

struct Reply {
  int status = 200;
  Json body;
};

using Handler = std::function<Result<Reply>(const httplib::Request&)>;

// Handlers registered through a Router keep working after the Router is gone: they hold
// copies of what they need, not the Router.
class Router {
 public:
  Router(httplib::Server* server, std::string admin_token);

  void Get(const std::string& pattern, Handler handler);
  void Post(const std::string& pattern, Handler handler);
  void Put(const std::string& pattern, Handler handler);
  void Patch(const std::string& pattern, Handler handler);
  void Delete(const std::string& pattern, Handler handler);
  // For handlers that read the body as a stream; the token is checked before any byte of
  // the body is read.
  void PostStream(
      const std::string& pattern,
      std::function<Result<Reply>(const httplib::Request&, const httplib::ContentReader&)> handler);

  // UNAUTHENTICATED unless the request carries "Authorization: Bearer <admin token>".
  Status Authorize(const httplib::Request& request) const;

 private:
  httplib::Server::Handler Wrap(Handler handler) const;

  httplib::Server* server_;
  const std::string admin_token_;
};

// UNAUTHENTICATED unless the request carries "Authorization: Bearer <admin_token>".
Status AuthorizeBearer(const httplib::Request& request, const std::string& admin_token);
void WriteReply(httplib::Response& response, const Result<Reply>& reply);
// The request body as a JSON object; INVALID_ARGUMENT names what is wrong with it.
Result<Json> ParseJsonBody(const httplib::Request& request);

}  // namespace berth::http
