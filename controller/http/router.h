// Router: registers REST handlers on a cpp-httplib server with JSON bodies and
// `{"code","message"}` errors (docs/api.md). Authentication and the role check run in the
// server's pre-routing and Expect: 100-continue handlers, from the table in route_roles.h,
// before any byte of a request's body is read. Every answered request of the server, the
// refused ones too, is counted for /metrics by its route in that table (the server's
// logger), never by its raw path.
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "controller/api/service.h"
#include "controller/http/json_model.h"
#include "controller/http/server_limits.h"
#include "controller/metrics/recorder.h"

namespace berth::http {

struct Reply {
  int status = 200;
  Json body;
};

using Handler = std::function<Result<Reply>(const httplib::Request&)>;
// The principal a bearer token belongs to; UNAUTHENTICATED says why there is none.
using Authenticator = std::function<Result<api::Principal>(const std::string& token)>;
// Limits checked from the request line and headers before the body is read
// (server_limits.h CheckBeforeBody); nullopt to go on.
using BodyCheck = std::function<std::optional<EarlyRefusal>(const httplib::Request&)>;

// Handlers registered through a Router keep working after the Router is gone: they hold
// copies of what they need, not the Router.
class Router {
 public:
  // Installs the authorization check on `server`. A route registered below that is
  // missing from RouteRoles() is a programming error: the process aborts at start.
  Router(httplib::Server* server, Authenticator authenticate, BodyCheck before_body = nullptr);

  // Where requests are counted: route index i is RouteRoles()[i], -1 a request no route
  // in the table matched. Not owned. Default: nowhere. Call before serving.
  void SetMetrics(metrics::Recorder* metrics);
  // Serves `method` `pattern` (a RouteRoles() entry) without a token (--metrics-public).
  // Call before serving.
  void MakePublic(const std::string& method, const std::string& pattern);

  // What the server's handlers share with the Router (router.cc).
  struct Shared;

  void Get(const std::string& pattern, Handler handler);
  void Post(const std::string& pattern, Handler handler);
  void Put(const std::string& pattern, Handler handler);
  void Patch(const std::string& pattern, Handler handler);
  void Delete(const std::string& pattern, Handler handler);
  // POST / on this listener: the AWS-compatible faces (http/aws_face.h), which
  // authenticate by SigV4 instead of a bearer token and are told apart by their headers
  // (X-Amz-Target for CodeDeploy). Not in RouteRoles(): each operation needs the role of
  // the REST route it corresponds to.
  void PostRoot(std::function<void(const httplib::Request&, httplib::Response&,
                                   const httplib::ContentReader&)>
                    handler);
  // Requests whose path matches `pattern` and that no handler registered before
  // answers: the S3 face (controller/s3), which authenticates by SigV4. Register last.
  // httplib tries handlers that stream a body before every other one, so `pattern` must
  // not match the listener's own paths. `reader` is null for GET and HEAD.
  void Fallback(const std::string& pattern,
                std::function<void(const httplib::Request&, httplib::Response&,
                                   const httplib::ContentReader* reader)>
                    handler);
  // A route from PublicRoutes() whose handler writes the whole response itself (a
  // script, a file), with no token check.
  void GetPublic(const std::string& pattern, httplib::Server::Handler handler);
  // For handlers that answer something other than JSON (/metrics' text).
  void GetRaw(const std::string& pattern, httplib::Server::Handler handler);
  // For handlers that read the body as a stream.
  void PostStream(
      const std::string& pattern,
      std::function<Result<Reply>(const httplib::Request&, const httplib::ContentReader&)> handler);

 private:
  void Require(const char* method, const std::string& pattern) const;
  void Add(const char* method, const std::string& pattern, Handler handler);

  httplib::Server* server_;
  std::shared_ptr<Shared> shared_;
};

// Whether `request` may be served: OK, UNAUTHENTICATED (no or a bad token) or
// PERMISSION_DENIED naming the role needed. Requests no route in RouteRoles() matches
// are OK here (they get 404 from routing).
Status CheckAccess(const httplib::Request& request, const Authenticator& authenticate);
void WriteReply(httplib::Response& response, const Result<Reply>& reply);
// The request body as a JSON object; INVALID_ARGUMENT names what is wrong with it.
Result<Json> ParseJsonBody(const httplib::Request& request);

}  // namespace berth::http
