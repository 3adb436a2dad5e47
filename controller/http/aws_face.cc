#include "controller/http/aws_face.h"

#include <spdlog/spdlog.h>

#include <memory>

#include "common/random.h"
#include "common/text/log_quote.h"
#include "controller/codedeploy/dispatcher.h"
#include "controller/codedeploy/errors.h"
#include "controller/sigv4/http_request.h"

namespace berth::http {
namespace {

void Write(httplib::Response& res, const codedeploy::AwsResponse& reply) {
  res.status = reply.status;
  res.set_header("x-amzn-RequestId", RandomUuid());
  res.set_content(reply.body, codedeploy::kContentType);
}

// A refusal before the body was read (or with it unread): the connection is closed, since
// the rest of the body would otherwise be taken for the next request.
void Refuse(const httplib::Request& req, httplib::Response& res,
            const codedeploy::AwsError& error) {
  spdlog::warn("refused {} from {}: {}: {}",
               text::QuoteForLog(req.get_header_value("X-Amz-Target")), req.remote_addr, error.type,
               error.message);
  Write(res, {error.http_status, codedeploy::ErrorBody(error)});
  res.set_header("Connection", "close");
}

}  // namespace

void RegisterAwsFace(Router& router, api::Service* service, Clock* clock, AwsFaceOptions options) {
  auto verifier = std::make_shared<sigv4::Verifier>(
      [service](const std::string& id) { return service->LookupAccessKey(id); }, clock,
      sigv4::VerifierOptions{.services = {"codedeploy"}});
  auto dispatcher = std::make_shared<codedeploy::Dispatcher>(
      service, codedeploy::DispatcherOptions{.page_size = options.page_size});
  router.PostRoot([verifier, dispatcher, options](const httplib::Request& req,
                                                  httplib::Response& res,
                                                  const httplib::ContentReader& reader) {
    const std::string target = req.get_header_value("X-Amz-Target");
    if (target.empty()) {
      Refuse(req, res,
             {400, "UnknownOperationException",
              "POST / needs an X-Amz-Target header naming a CodeDeploy_20141006.<Operation>"});
      return;
    }
    Result<sigv4::PendingRequest> pending = verifier->Begin(sigv4::SignedRequestOf(req));
    if (!pending.ok()) {
      Refuse(req, res, codedeploy::RequestError(pending.status()));
      return;
    }
    std::string body;
    bool too_big = false;
    reader([&](const char* data, size_t length) {
      if (body.size() + length > options.max_body_bytes) {
        too_big = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    if (too_big) {
      Refuse(req, res,
             {413, "InvalidInputException",
              "the request body is over the " + std::to_string(options.max_body_bytes) +
                  "-byte limit of a CodeDeploy call"});
      return;
    }
    Status verified = pending->VerifyBody(body);
    if (!verified.ok()) {
      Refuse(req, res, codedeploy::RequestError(verified));
      return;
    }
    Write(res, dispatcher->Handle(target, pending->principal(), body));
  });
}

}  // namespace berth::http
