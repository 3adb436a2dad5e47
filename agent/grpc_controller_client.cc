#include "agent/grpc_controller_client.h"

#include <grpcpp/grpcpp.h>

#include <chrono>

#include "agent/identity/server_chain.h"
#include "agent/host_command.h"
#include "berth/v1/agent.grpc.pb.h"
#include "common/text/utf8.h"

namespace berth::agent {
namespace {

// Every string the agent sends passes through here: proto3 `string` fields must be
// UTF-8, or the controller refuses the whole message (hook output is arbitrary bytes).
std::string Utf8(const std::string& s) { return text::ToValidUtf8(s); }

Status FromGrpc(const grpc::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  return Status(static_cast<Code>(s.error_code()), what + ": " + s.error_message());
}

}  // namespace

struct GrpcControllerClient::Impl {
  std::string address;
  bool insecure = false;
  std::mutex mu;
  std::shared_ptr<v1::AgentService::Stub> stub;  // guarded by mu
  std::string secret;                            // guarded by mu

  // The stub for one call, with its credential and deadline set. With `wait_for_ready`
  // the call waits (until its deadline) for the channel to connect instead of failing at
  // once while it is between reconnection attempts: on a network that keeps cutting
  // connections, calls made in such gaps failed every time, and the agent's own retries
  // rarely met a connected channel (tests/integration/proxy_fault_test.cc). Enrollment
  // and renewal fail at once, so that a refused TLS handshake (a controller whose CA is
  // not the one trusted) is reported as such.
  std::shared_ptr<v1::AgentService::Stub> Prepare(grpc::ClientContext* ctx,
                                                   std::chrono::seconds timeout,
                                                   bool wait_for_ready = true) {
    std::lock_guard<std::mutex> lock(mu);
    if (!secret.empty()) ctx->AddMetadata("authorization", "Bearer " + secret);
    ctx->set_deadline(std::chrono::system_clock::now() + timeout);
    ctx->set_wait_for_ready(wait_for_ready);
    return stub;
  }

  void Connect(const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH, 8 << 20);
    // Reconnect quickly after a controller restart.
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    auto channel = grpc::CreateCustomChannel(address, credentials, args);
    std::lock_guard<std::mutex> lock(mu);
    stub = v1::AgentService::NewStub(channel);
  }
};

GrpcControllerClient::GrpcControllerClient(const std::string& address, bool insecure)
    : impl_(std::make_unique<Impl>()) {
  impl_->address = address;
  impl_->insecure = insecure;
  // Until SetIdentity: plaintext, or TLS that trusts the system's CAs only.
  impl_->Connect(insecure ? grpc::InsecureChannelCredentials()
                          : grpc::SslCredentials(grpc::SslCredentialsOptions()));
}

GrpcControllerClient::~GrpcControllerClient() = default;

void GrpcControllerClient::SetCredential(const std::string& secret) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->secret = secret;
}

void GrpcControllerClient::SetIdentity(const ChannelIdentity& identity) {
  if (impl_->insecure) return;
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = identity.ca_pem;
  options.pem_private_key = identity.key_pem;
  options.pem_cert_chain = identity.cert_pem;
  impl_->Connect(grpc::SslCredentials(options));
}

Result<std::vector<std::string>> GrpcControllerClient::FetchServerChain() {
  return agent::FetchServerChain(impl_->address);
}

Result<std::string> GrpcControllerClient::RenewCertificate(const std::string& csr_pem) {
  v1::RenewCertificateRequest req;
  req.set_csr_pem(csr_pem);
  v1::RenewCertificateResponse resp;
  grpc::ClientContext ctx;
  auto stub = impl_->Prepare(&ctx, std::chrono::seconds(20), /*wait_for_ready=*/false);
  RETURN_IF_ERROR(FromGrpc(stub->RenewCertificate(&ctx, req, &resp), "renew certificate"));
  return resp.certificate_pem();
}

Result<Credential> GrpcControllerClient::Enroll(const EnrollParams& params) {
  v1::EnrollRequest req;
  req.set_enroll_token(Utf8(params.enroll_token));
  req.set_name(Utf8(params.name));
  for (const auto& [k, v] : params.tags) (*req.mutable_tags())[Utf8(k)] = Utf8(v);
  req.set_agent_version(Utf8(params.agent_version));
  req.set_csr_pem(params.csr_pem);
  v1::EnrollResponse resp;
  grpc::ClientContext ctx;
  auto stub = impl_->Prepare(&ctx, std::chrono::seconds(20), /*wait_for_ready=*/false);
  RETURN_IF_ERROR(FromGrpc(stub->Enroll(&ctx, req, &resp), "enroll"));
  return Credential{resp.instance_id(), resp.credential(), resp.certificate_pem()};
}

Result<std::optional<EventRequest>> GrpcControllerClient::Poll(int wait_seconds) {
  v1::PollCommandRequest req;
  req.set_wait_seconds(wait_seconds);
  v1::PollCommandResponse resp;
  grpc::ClientContext ctx;
  auto stub = impl_->Prepare(&ctx, std::chrono::seconds(wait_seconds + 15));
  RETURN_IF_ERROR(FromGrpc(stub->PollCommand(&ctx, req, &resp), "poll"));
  if (!resp.has_command()) return std::optional<EventRequest>();
  return std::optional<EventRequest>(EventRequestFromProto(resp.command()));
}

Status GrpcControllerClient::Ack(const std::string& command_id) {
  v1::AckCommandRequest req;
  req.set_command_id(command_id);
  v1::AckCommandResponse resp;
  grpc::ClientContext ctx;
  auto stub = impl_->Prepare(&ctx, std::chrono::seconds(15));
  return FromGrpc(stub->AckCommand(&ctx, req, &resp), "ack " + command_id);
}

Result<std::optional<EventRequest>> GrpcControllerClient::Complete(const std::string& command_id,
                                                                   const EventResult& result) {
  v1::CompleteCommandRequest req;
  req.set_command_id(command_id);
  req.set_succeeded(result.succeeded);
  v1::Diagnostics* d = req.mutable_diagnostics();
  d->set_error_code(Utf8(result.diagnostics.error_code));
  d->set_script_name(Utf8(result.diagnostics.script_name));
  d->set_message(Utf8(result.diagnostics.message));
  d->set_log_tail(Utf8(result.diagnostics.log_tail));
  v1::CompleteCommandResponse resp;
  grpc::ClientContext ctx;
  auto stub = impl_->Prepare(&ctx, std::chrono::seconds(15));
  RETURN_IF_ERROR(FromGrpc(stub->CompleteCommand(&ctx, req, &resp), "complete " + command_id));
  if (!resp.has_next_command()) return std::optional<EventRequest>();
  return std::optional<EventRequest>(EventRequestFromProto(resp.next_command()));
}

Result<BlobChunk> GrpcControllerClient::FetchBlob(const std::string& sha256, int64_t offset,
                                                  int max_bytes) {
  v1::FetchBlobRequest req;
  req.set_sha256(sha256);
  req.set_offset(offset);
  req.set_max_bytes(max_bytes);
  v1::FetchBlobResponse resp;
  grpc::ClientContext ctx;
  auto stub = impl_->Prepare(&ctx, std::chrono::seconds(60));
  RETURN_IF_ERROR(FromGrpc(stub->FetchBlob(&ctx, req, &resp), "fetch blob " + sha256));
  return BlobChunk{std::move(*resp.mutable_data()), resp.total_size()};
}

Status GrpcControllerClient::AppendEventLog(const std::string& command_id,
                                            const std::vector<LogLine>& lines) {
  v1::AppendEventLogRequest req;
  req.set_command_id(command_id);
  for (const LogLine& line : lines) {
    v1::EventLogLine* out = req.add_lines();
    out->set_line_no(line.line_no);
    out->set_time_ms(line.time_ms);
    out->set_stream(Utf8(line.stream));
    out->set_text(Utf8(line.text));
  }
  v1::AppendEventLogResponse resp;
  grpc::ClientContext ctx;
  auto stub = impl_->Prepare(&ctx, std::chrono::seconds(10));
  return FromGrpc(stub->AppendEventLog(&ctx, req, &resp), "append log of " + command_id);
}

Status GrpcControllerClient::Heartbeat(const std::string& command_id) {
  v1::HeartbeatRequest req;
  req.set_command_id(command_id);
  v1::HeartbeatResponse resp;
  grpc::ClientContext ctx;
  auto stub = impl_->Prepare(&ctx, std::chrono::seconds(10));
  return FromGrpc(stub->Heartbeat(&ctx, req, &resp), "heartbeat of " + command_id);
}

}  // namespace berth::agent
