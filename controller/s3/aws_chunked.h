// Decodes an aws-chunked request body (Content-Encoding: aws-chunked, the framing of
// x-amz-content-sha256 STREAMING-*): chunks "<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n",
// a last chunk of size 0, then trailer lines "name:value\r\n" and an empty line.
// With signing, each chunk's signature is checked, chained from the seed signature
// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]), and so is the trailer's
// (x-amz-trailer-signature). Pure: bytes in, decoded bytes to a sink; no I/O.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/sha256.h"
#include "common/status.h"

namespace berth::s3 {

struct ChunkSigning {
  std::string signing_key;  // the raw SigV4 signing key of the request
  std::string amz_date;
  std::string scope;
  std::string seed_signature;  // the request's own signature
};

class AwsChunkedDecoder {
 public:
  using Sink = std::function<Status(std::string_view)>;

  // `signing`: nullopt for unsigned chunks (STREAMING-UNSIGNED-PAYLOAD-TRAILER).
  AwsChunkedDecoder(std::optional<ChunkSigning> signing, Sink sink);

  // The next bytes of the body as received. INVALID_ARGUMENT (reason kNone) for broken
  // framing; UNAUTHENTICATED (kSignatureMismatch) for a chunk whose signature is wrong;
  // the sink's own refusal. After a refusal the decoder takes nothing more.
  Status Feed(std::string_view data);
  // OK when the whole body arrived: the last chunk, its trailers and the empty line.
  Status Finish() const;

  // Trailer headers received, lower-case names (x-amz-checksum-crc32, ...).
  const std::map<std::string, std::string>& trailers() const { return trailers_; }
  int64_t decoded_bytes() const { return decoded_; }

 private:
  enum class State { kSizeLine, kData, kDataEnd, kTrailer, kDone, kFailed };

  Status ParseSizeLine(const std::string& line);
  Status EndChunk();
  Status ParseTrailerLine(const std::string& line);
  Status Fail(Status s);

  std::optional<ChunkSigning> signing_;
  Sink sink_;
  State state_ = State::kSizeLine;
  std::string line_;       // the line being read (size or trailer)
  int64_t remaining_ = 0;  // bytes of the current chunk's data still to come
  bool last_chunk_ = false;
  std::string chunk_signature_;  // as the size line claims
  std::string previous_signature_;
  std::optional<Sha256> chunk_hash_;
  std::string trailer_canonical_;  // "name:value\n" of each trailer, for its signature
  std::string trailer_signature_;
  std::map<std::string, std::string> trailers_;
  int64_t decoded_ = 0;
};

}  // namespace berth::s3
