#include "controller/http/router.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <regex>

#include "common/text/json_depth.h"
#include "common/text/log_quote.h"
#include "controller/http/compression.h"
#include "controller/http/route_roles.h"

namespace berth::http {

struct Router::Shared {
  std::atomic<metrics::Recorder*> metrics{metrics::NullRecorder()};
  std::vector<bool> public_routes = std::vector<bool>(RouteRoles().size(), false);
};

namespace {

// The request this server thread is answering, from the moment its headers are in
// (pre-routing, or Expect: 100-continue before it) until the server's logger counts it.
struct Served {
  bool set = false;
  int route = -1;  // in RouteRoles()
  std::chrono::steady_clock::time_point start;
};
thread_local Served t_served;

std::string BearerToken(const httplib::Request& request) {
  const std::string header = request.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  return header.rfind(prefix, 0) == 0 ? header.substr(prefix.size()) : "";
}

// The refusal written before the body is read: the connection is closed afterwards, since
// the unread body would otherwise be taken for the next request.
void Refuse(const httplib::Request& req, httplib::Response& res, const Status& status,
            int http_status = 0) {
  spdlog::warn("refused {} {} from {}: {}", text::QuoteForLog(req.method),
               text::QuoteForLog(req.path), req.remote_addr, status.message());
  WriteReply(res, status);
  if (http_status != 0) res.status = http_status;
  res.set_header("Connection", "close");
}

// The index in RouteRoles() of the route `request` is for, or -1.
int MatchRoute(const httplib::Request& request) {
  return MatchRouteIndex(request.method, request.path);
}

Status CheckAccessTo(int route_index, const httplib::Request& request,
                     const Authenticator& authenticate) {
  if (route_index < 0) return Status::Ok();
  const RouteRole* route = &RouteRoles()[route_index];
  if (!request.has_header("Authorization")) {
    return Unauthenticated("missing Authorization: Bearer <token> header");
  }
  const std::string token = BearerToken(request);
  if (token.empty()) return Unauthenticated("Authorization is not a Bearer token");
  ASSIGN_OR_RETURN(api::Principal principal, authenticate(token));
  if (!model::RoleAllows(principal.role, route->role)) {
    return PermissionDenied(request.method + " " + request.path + " needs the " +
                            std::string(model::RoleName(route->role)) + " role; token " +
                            principal.token_id + " has the " +
                            std::string(model::RoleName(principal.role)) + " role");
  }
  return Status::Ok();
}

// Access first (401/403: an unauthorized client learns nothing about the limits), then
// the limits on the body; true when the request was refused. Public routes need no token.
bool RefuseEarly(const httplib::Request& req, httplib::Response& res,
                 const Authenticator& authenticate, const BodyCheck& before_body,
                 const Router::Shared& shared) {
  const int route = MatchRoute(req);
  t_served = {true, route, std::chrono::steady_clock::now()};
  const bool is_public = route >= 0 && shared.public_routes[route];
  Status access = is_public ? Status::Ok() : CheckAccessTo(route, req, authenticate);
  if (!access.ok()) {
    if (access.code() == Code::kUnauthenticated) {
      shared.metrics.load()->AuthenticationRefused(metrics::AuthFace::kApi);
    }
    Refuse(req, res, access);
    return true;
  }
  if (before_body) {
    if (std::optional<EarlyRefusal> refusal = before_body(req)) {
      Refuse(req, res, refusal->status, refusal->http_status);
      return true;
    }
  }
  return false;
}

}  // namespace

Status CheckAccess(const httplib::Request& request, const Authenticator& authenticate) {
  return CheckAccessTo(MatchRoute(request), request, authenticate);
}

Router::Router(httplib::Server* server, Authenticator authenticate, BodyCheck before_body)
    : server_(server), shared_(std::make_shared<Shared>()) {
  std::shared_ptr<Shared> shared = shared_;
  server_->set_pre_routing_handler(
      [authenticate, before_body, shared](const httplib::Request& req, httplib::Response& res) {
        PreferGzip(req);  // compression.h: brotli at httplib's quality costs seconds per page
        return RefuseEarly(req, res, authenticate, before_body, *shared)
                   ? httplib::Server::HandlerResponse::Handled
                   : httplib::Server::HandlerResponse::Unhandled;
      });
  // By default httplib answers "100 Continue" before routing; refuse here instead, so a
  // refused client never sends its body.
  server_->set_expect_100_continue_handler(
      [authenticate, before_body, shared](const httplib::Request& req, httplib::Response& res) {
        return RefuseEarly(req, res, authenticate, before_body, *shared) ? res.status : 100;
      });
  // Called once each answer is written, on the thread that served the request.
  server_->set_logger([shared](const httplib::Request& req, const httplib::Response& res) {
    const Served served = t_served;
    t_served = {};
    const double seconds =
        served.set
            ? std::chrono::duration<double>(std::chrono::steady_clock::now() - served.start).count()
            : 0.0;
    shared->metrics.load()->HttpRequest(served.set ? served.route : MatchRoute(req), res.status,
                                        seconds);
  });
  // Requests no route answers, and handler bugs, still get a JSON error naming the problem.
  server_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      WriteReply(res, NotFound("no such endpoint: " + req.method + " " + req.path));
    } else {
      Json body = {{"code", res.status == 413 ? "RESOURCE_EXHAUSTED" : "INVALID_ARGUMENT"},
                   {"message",
                    "HTTP " + std::to_string(res.status) + " for " + req.method + " " + req.path}};
      res.set_content(body.dump(), "application/json");
    }
  });
  server_->set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        spdlog::error("{} {} failed: {}", text::QuoteForLog(req.method),
                      text::QuoteForLog(req.path), what);
        WriteReply(res, Internal("internal error handling " + req.method + " " + req.path));
      });
}

void Router::SetMetrics(metrics::Recorder* metrics) { shared_->metrics.store(metrics); }

void Router::MakePublic(const std::string& method, const std::string& pattern) {
  Require(method.c_str(), pattern);
  const std::vector<RouteRole>& routes = RouteRoles();
  for (size_t i = 0; i < routes.size(); ++i) {
    if (method == routes[i].method && pattern == routes[i].pattern) {
      shared_->public_routes[i] = true;
    }
  }
}

void Router::Require(const char* method, const std::string& pattern) const {
  for (const RouteRole& r : RouteRoles()) {
    if (method == std::string(r.method) && pattern == r.pattern) return;
  }
  spdlog::critical("route {} {} has no entry in RouteRoles() (controller/http/route_roles.cc)",
                   method, pattern);
  std::abort();
}

void Router::GetPublic(const std::string& pattern, httplib::Server::Handler handler) {
  bool listed = false;
  for (const PublicRoute& r : PublicRoutes()) {
    listed = listed || (std::string(r.method) == "GET" && pattern == r.pattern);
  }
  if (!listed) {
    spdlog::critical(
        "public route GET {} has no entry in PublicRoutes() (controller/http/route_roles.cc)",
        pattern);
    std::abort();
  }
  server_->Get(pattern, std::move(handler));
}

void Router::Add(const char* method, const std::string& pattern, Handler handler) {
  Require(method, pattern);
  httplib::Server::Handler wrapped = [handler](const httplib::Request& req,
                                               httplib::Response& res) {
    WriteReply(res, handler(req));
  };
  const std::string m = method;
  if (m == "GET") server_->Get(pattern, wrapped);
  if (m == "POST") server_->Post(pattern, wrapped);
  if (m == "PUT") server_->Put(pattern, wrapped);
  if (m == "PATCH") server_->Patch(pattern, wrapped);
  if (m == "DELETE") server_->Delete(pattern, wrapped);
}

void Router::Get(const std::string& pattern, Handler handler) { Add("GET", pattern, handler); }
void Router::Post(const std::string& pattern, Handler handler) { Add("POST", pattern, handler); }
void Router::Put(const std::string& pattern, Handler handler) { Add("PUT", pattern, handler); }
void Router::Patch(const std::string& pattern, Handler handler) { Add("PATCH", pattern, handler); }
void Router::Delete(const std::string& pattern, Handler handler) {
  Add("DELETE", pattern, handler);
}

void Router::PostRoot(
    std::function<void(const httplib::Request&, httplib::Response&, const httplib::ContentReader&)>
        handler) {
  server_->Post("/", std::move(handler));
}

void Router::Fallback(const std::string& pattern,
                      std::function<void(const httplib::Request&, httplib::Response&,
                                         const httplib::ContentReader*)>
                          handler) {
  server_->Get(pattern, [handler](const httplib::Request& req, httplib::Response& res) {
    handler(req, res, nullptr);
  });
  const httplib::Server::HandlerWithContentReader with_body =
      [handler](const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader& reader) { handler(req, res, &reader); };
  server_->Put(pattern, with_body);
  server_->Post(pattern, with_body);
  server_->Delete(pattern, with_body);
}

void Router::GetRaw(const std::string& pattern, httplib::Server::Handler handler) {
  Require("GET", pattern);
  server_->Get(pattern, std::move(handler));
}

void Router::PostStream(
    const std::string& pattern,
    std::function<Result<Reply>(const httplib::Request&, const httplib::ContentReader&)> handler) {
  Require("POST", pattern);
  server_->Post(pattern, [handler](const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& reader) {
    WriteReply(res, handler(req, reader));
  });
}

void WriteReply(httplib::Response& response, const Result<Reply>& reply) {
  if (!reply.ok()) {
    const Status& s = reply.status();
    response.status = HttpStatusFor(s.code());
    Json body = {{"code", std::string(CodeName(s.code()))}, {"message", s.message()}};
    response.set_content(body.dump(), "application/json");
    return;
  }
  response.status = reply->status;
  response.set_content(reply->body.dump(), "application/json");
}

Result<Json> ParseJsonBody(const httplib::Request& request) {
  if (text::JsonDepth(request.body) > text::kMaxJsonDepth) {
    return InvalidArgument("request body nests deeper than " + std::to_string(text::kMaxJsonDepth) +
                           " levels");
  }
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return InvalidArgument("request body is not valid JSON");
  if (!body.is_object()) return InvalidArgument("request body must be a JSON object");
  return body;
}

}  // namespace berth::http
