#include "controller/s3/aws_chunked.h"

#include <algorithm>
#include <cctype>

#include "common/secrets.h"
#include "common/sigv4/canonical.h"

namespace berth::s3 {
namespace {

constexpr size_t kMaxLine = 4096;
constexpr int64_t kMaxChunk = int64_t{1} << 30;
const char kEmptySha256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

Status Framing(const std::string& what) {
  return InvalidArgument("the aws-chunked body is malformed: " + what);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

Status BadSignature(const std::string& what) {
  return Status(Code::kUnauthenticated,
                "the signature of " + what +
                    " does not match the one computed with the request's signing key",
                Reason::kSignatureMismatch);
}

}  // namespace

AwsChunkedDecoder::AwsChunkedDecoder(std::optional<ChunkSigning> signing, Sink sink)
    : signing_(std::move(signing)), sink_(std::move(sink)) {
  if (signing_) previous_signature_ = signing_->seed_signature;
}

Status AwsChunkedDecoder::Fail(Status s) {
  state_ = State::kFailed;
  return s;
}

Status AwsChunkedDecoder::Feed(std::string_view data) {
  size_t at = 0;
  while (at < data.size()) {
    switch (state_) {
      case State::kFailed:
        return Framing("a refused body cannot go on");
      case State::kDone:
        return Fail(Framing("bytes after the final empty line"));
      case State::kData: {
        const size_t n = static_cast<size_t>(
            std::min<int64_t>(remaining_, static_cast<int64_t>(data.size() - at)));
        const std::string_view piece = data.substr(at, n);
        if (chunk_hash_) chunk_hash_->Update(piece);
        Status s = sink_(piece);
        if (!s.ok()) return Fail(s);
        decoded_ += static_cast<int64_t>(n);
        remaining_ -= static_cast<int64_t>(n);
        at += n;
        if (remaining_ == 0) state_ = State::kDataEnd;
        break;
      }
      case State::kSizeLine:
      case State::kDataEnd:
      case State::kTrailer: {
        const size_t nl = data.find('\n', at);
        const size_t end = nl == std::string_view::npos ? data.size() : nl;
        line_.append(data.substr(at, end - at));
        if (line_.size() > kMaxLine) return Fail(Framing("a line is over 4096 bytes"));
        at = nl == std::string_view::npos ? data.size() : nl + 1;
        if (nl == std::string_view::npos) break;
        if (line_.empty() || line_.back() != '\r')
          return Fail(Framing("a line does not end in CRLF"));
        line_.pop_back();
        std::string line = std::move(line_);
        line_.clear();
        Status s = state_ == State::kSizeLine  ? ParseSizeLine(line)
                   : state_ == State::kDataEnd ? (line.empty() ? EndChunk()
                                                               : Framing("chunk data is longer "
                                                                         "than its size"))
                                               : ParseTrailerLine(line);
        if (!s.ok()) return Fail(s);
        break;
      }
    }
  }
  return Status::Ok();
}

Status AwsChunkedDecoder::ParseSizeLine(const std::string& line) {
  const size_t semi = line.find(';');
  const std::string hex = line.substr(0, semi);
  if (hex.empty() || hex.size() > 16 ||
      !std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c); })) {
    return Framing("chunk size \"" + hex.substr(0, 20) + "\" is not hexadecimal");
  }
  const int64_t size = std::stoll(hex, nullptr, 16);
  if (size > kMaxChunk) return Framing("a chunk of " + std::to_string(size) + " bytes is too big");
  chunk_signature_.clear();
  if (semi != std::string::npos) {
    const std::string ext = line.substr(semi + 1);
    const std::string prefix = "chunk-signature=";
    if (ext.rfind(prefix, 0) != 0)
      return Framing("unknown chunk extension \"" + ext.substr(0, 40) + "\"");
    chunk_signature_ = ext.substr(prefix.size());
  }
  if (signing_ && chunk_signature_.empty())
    return Framing("a signed body's chunk has no chunk-signature");
  remaining_ = size;
  last_chunk_ = size == 0;
  if (signing_) chunk_hash_.emplace();
  if (last_chunk_) {
    RETURN_IF_ERROR(EndChunk());
    return Status::Ok();
  }
  state_ = State::kData;
  return Status::Ok();
}

Status AwsChunkedDecoder::EndChunk() {
  if (signing_) {
    const std::string chunk_sha = chunk_hash_->HexDigest();
    chunk_hash_.reset();
    const std::string to_sign = std::string("AWS4-HMAC-SHA256-PAYLOAD\n") + signing_->amz_date +
                                "\n" + signing_->scope + "\n" + previous_signature_ + "\n" +
                                kEmptySha256 + "\n" + chunk_sha;
    const std::string expected = sigv4::Signature(signing_->signing_key, to_sign);
    if (!SecretEquals(expected, chunk_signature_)) {
      return BadSignature("chunk " + std::to_string(decoded_) + "+");
    }
    previous_signature_ = expected;
  }
  state_ = last_chunk_ ? State::kTrailer : State::kSizeLine;
  return Status::Ok();
}

Status AwsChunkedDecoder::ParseTrailerLine(const std::string& line) {
  if (line.empty()) {
    if (signing_ && !trailers_.empty()) {
      if (trailer_signature_.empty())
        return Framing("signed trailers need x-amz-trailer-signature");
      const std::string to_sign = std::string("AWS4-HMAC-SHA256-TRAILER\n") + signing_->amz_date +
                                  "\n" + signing_->scope + "\n" + previous_signature_ + "\n" +
                                  Sha256Hex(trailer_canonical_);
      if (!SecretEquals(sigv4::Signature(signing_->signing_key, to_sign), trailer_signature_)) {
        return BadSignature("the trailer");
      }
    }
    state_ = State::kDone;
    return Status::Ok();
  }
  const size_t colon = line.find(':');
  if (colon == std::string::npos)
    return Framing("trailer \"" + line.substr(0, 40) + "\" has no ':'");
  const std::string name = Lower(Trim(line.substr(0, colon)));
  const std::string value = Trim(line.substr(colon + 1));
  if (name == "x-amz-trailer-signature") {
    trailer_signature_ = value;
    return Status::Ok();
  }
  if (trailers_.size() >= 8) return Framing("more than 8 trailers");
  trailers_[name] = value;
  trailer_canonical_ += name + ":" + value + "\n";
  return Status::Ok();
}

Status AwsChunkedDecoder::Finish() const {
  if (state_ == State::kDone) return Status::Ok();
  if (state_ == State::kFailed) return Framing("the body was refused");
  return Framing("the body ended before its last chunk and final empty line");
}

}  // namespace berth::s3
