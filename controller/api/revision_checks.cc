#include "controller/api/revision_checks.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "common/text/url_redact.h"

namespace berth::api {
namespace {

bool IsHex40(const std::string& s) {
  return s.size() == 40 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
           return std::isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// "git@github.com:o/r.git": a user, a host, a colon before any slash.
bool IsScpLike(const std::string& repository) {
  const size_t colon = repository.find(':');
  const size_t slash = repository.find('/');
  const size_t at = repository.find('@');
  return colon != std::string::npos && at != std::string::npos && at < colon &&
         (slash == std::string::npos || colon < slash) && at > 0 && colon > at + 1;
}

// GitHub's "owner/name" shorthand, which the agent turns into an https URL.
bool IsShorthand(const std::string& repository) {
  return repository.find(':') == std::string::npos &&
         std::count(repository.begin(), repository.end(), '/') == 1 && repository.front() != '/' &&
         repository.front() != '.';
}

Status CheckGit(const model::RevisionLocation& location, bool allow_insecure_git) {
  if (location.repository.empty() || location.commit_id.empty()) {
    return InvalidArgument("gitHubLocation needs both repository and commitId");
  }
  const std::string shown = text::RedactUserinfo(location.repository);
  if (!IsHex40(location.commit_id)) {
    return InvalidArgument("gitHubLocation.commitId \"" + location.commit_id.substr(0, 80) +
                           "\" is not a 40-character commit id; branches and tags move, so "
                           "a revision names the commit itself (git rev-parse)");
  }
  const bool secure = StartsWith(location.repository, "https://") ||
                      StartsWith(location.repository, "ssh://") ||
                      IsScpLike(location.repository) || IsShorthand(location.repository);
  if (!secure && !allow_insecure_git) {
    return InvalidArgument("gitHubLocation.repository " + shown +
                           " is not an https:// or ssh repository; the controller accepts "
                           "http://, git:// and file:// only with --allow-insecure-git");
  }
  return Status::Ok();
}

}  // namespace

bool IsValidS3BucketName(const std::string& name) {
  if (name.size() < 3 || name.size() > 63) return false;
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '.' || c == '-')) {
      return false;
    }
  }
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  if (name.find("..") != std::string::npos) return false;
  in_addr v4{};
  if (::inet_pton(AF_INET, name.c_str(), &v4) == 1) return false;
  if (StartsWith(name, "xn--")) return false;
  if (name.size() >= 8 && name.compare(name.size() - 8, 8, "-s3alias") == 0) return false;
  return true;
}

Status CheckRevisionLocation(const model::RevisionLocation& location, bool allow_insecure_git) {
  switch (location.type) {
    case model::RevisionType::kGit:
      return CheckGit(location, allow_insecure_git);
    case model::RevisionType::kS3:
      if (!location.bucket.empty() && !IsValidS3BucketName(location.bucket)) {
        return InvalidArgument("s3Location.bucket \"" + location.bucket.substr(0, 80) +
                               "\" is not a valid S3 bucket name (3-63 characters of a-z, 0-9, "
                               "'.' and '-', starting and ending with a letter or digit)");
      }
      return Status::Ok();
    case model::RevisionType::kHttps:
    case model::RevisionType::kStore:
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace berth::api
