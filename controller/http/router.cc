#include "controller/http/router.h"

#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include "common/text/json_depth.h"
#include "common/text/log_quote.h"

namespace berth::http {

Router::Router(httplib::Server* server, std::string admin_token)
    : server_(server), admin_token_(std::move(admin_token)) {
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

Status Router::Authorize(const httplib::Request& request) const {
  return AuthorizeBearer(request, admin_token_);
}

Status AuthorizeBearer(const httplib::Request& request, const std::string& admin_token) {
  const std::string header = request.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.empty()) return Unauthenticated("missing Authorization: Bearer <token> header");
  if (header.rfind(prefix, 0) != 0) return Unauthenticated("Authorization is not a Bearer token");
  const std::string token = header.substr(prefix.size());
  if (token.size() != admin_token.size() ||
      CRYPTO_memcmp(token.data(), admin_token.data(), token.size()) != 0) {
    return Unauthenticated("invalid token");
  }
  return Status::Ok();
}

httplib::Server::Handler Router::Wrap(Handler handler) const {
  return [token = admin_token_, handler](const httplib::Request& req, httplib::Response& res) {
    Status auth = AuthorizeBearer(req, token);
    if (!auth.ok()) {
      spdlog::warn("refused {} {} from {}: {}", text::QuoteForLog(req.method),
                   text::QuoteForLog(req.path), req.remote_addr, auth.message());
      WriteReply(res, auth);
      return;
    }
    WriteReply(res, handler(req));
  };
}

void Router::Get(const std::string& pattern, Handler handler) {
  server_->Get(pattern, Wrap(std::move(handler)));
}

void Router::Post(const std::string& pattern, Handler handler) {
  server_->Post(pattern, Wrap(std::move(handler)));
}

void Router::Put(const std::string& pattern, Handler handler) {
  server_->Put(pattern, Wrap(std::move(handler)));
}

void Router::Patch(const std::string& pattern, Handler handler) {
  server_->Patch(pattern, Wrap(std::move(handler)));
}

void Router::Delete(const std::string& pattern, Handler handler) {
  server_->Delete(pattern, Wrap(std::move(handler)));
}

void Router::PostStream(
    const std::string& pattern,
    std::function<Result<Reply>(const httplib::Request&, const httplib::ContentReader&)> handler) {
  server_->Post(pattern,
                [token = admin_token_, handler](const httplib::Request& req, httplib::Response& res,
                                                const httplib::ContentReader& reader) {
                  Status auth = AuthorizeBearer(req, token);
                  if (!auth.ok()) {
                    WriteReply(res, auth);
                    return;
                  }
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
    return InvalidArgument("request body nests deeper than " +
                           std::to_string(text::kMaxJsonDepth) + " levels");
  }
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return InvalidArgument("request body is not valid JSON");
  if (!body.is_object()) return InvalidArgument("request body must be a JSON object");
  return body;
}

}  // namespace berth::http
