#include "cli/revision_source.h"

#include <CLI/CLI.hpp>

#include "cli/json_fields.h"
#include "common/s3/s3_uri.h"

namespace berth::cli {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string BundleTypeFromName(const std::string& name, const std::string& fallback) {
  std::string path = name.substr(0, name.find_first_of("?#"));
  if (EndsWith(path, ".zip")) return "zip";
  if (EndsWith(path, ".tar")) return "tar";
  if (EndsWith(path, ".tgz") || EndsWith(path, ".tar.gz")) return "tgz";
  return fallback;
}

void AddRevisionSourceFlags(CLI::App* cmd, RevisionSourceFlags* flags) {
  cmd->add_option("--s3", flags->s3, "A bundle in S3: s3://BUCKET/KEY[#VERSION]");
  cmd->add_option("--etag", flags->etag, "With --s3: the ETag the agents must find");
  cmd->add_option("--git", flags->git,
                  "A git commit: REPO@COMMIT (REPO: https, ssh or file URL, or owner/repo "
                  "on GitHub)");
  cmd->add_option("--url", flags->url, "A bundle at an HTTPS URL (needs --sha256)");
  cmd->add_option("--sha256", flags->sha256, "With --url: the bundle's sha256");
  cmd->add_option("--bundle", flags->bundle, "A local bundle file, uploaded to the store");
  cmd->add_option("--bundle-type", flags->bundle_type,
                  "tar, tgz or zip (default: from the name, else tgz)")
      ->check(CLI::IsMember({"tgz", "tar", "zip"}));
}

int CountRevisionSources(const RevisionSourceFlags& f) {
  return !f.s3.empty() + !f.git.empty() + !f.url.empty() + !f.bundle.empty();
}

Result<nlohmann::json> RevisionLocationJson(Context& ctx, const RevisionSourceFlags& f) {
  if (!f.s3.empty()) {
    ASSIGN_OR_RETURN(s3::ObjectRef ref, s3::ParseS3Uri(f.s3));
    nlohmann::json loc = {{"bucket", ref.bucket},
                          {"key", ref.key},
                          {"bundleType", f.bundle_type.empty()
                                             ? BundleTypeFromName(ref.key, "tgz")
                                             : f.bundle_type}};
    if (!ref.version.empty()) loc["version"] = ref.version;
    if (!f.etag.empty()) loc["eTag"] = f.etag;
    return nlohmann::json{{"revisionType", "S3"}, {"s3Location", loc}};
  }
  if (!f.git.empty()) {
    auto at = f.git.rfind('@');
    if (at == std::string::npos || at == 0 || at + 1 == f.git.size()) {
      return InvalidArgument("--git \"" + f.git + "\" is not REPO@COMMIT");
    }
    return nlohmann::json{
        {"revisionType", "GitHub"},
        {"gitHubLocation", {{"repository", f.git.substr(0, at)}, {"commitId", f.git.substr(at + 1)}}}};
  }
  if (!f.url.empty()) {
    if (f.sha256.empty()) return InvalidArgument("--url needs --sha256 (the bundle's digest)");
    return nlohmann::json{
        {"revisionType", "Https"},
        {"httpsLocation",
         {{"url", f.url},
          {"sha256", f.sha256},
          {"bundleType",
           f.bundle_type.empty() ? BundleTypeFromName(f.url, "tgz") : f.bundle_type}}}};
  }
  if (!f.bundle.empty()) {
    ASSIGN_OR_RETURN(nlohmann::json blob, ctx.api->PostFile("/blobs", f.bundle));
    return nlohmann::json{
        {"revisionType", "Store"},
        {"storeLocation",
         {{"sha256", JsonString(blob, "sha256")},
          {"bundleType",
           f.bundle_type.empty() ? BundleTypeFromName(f.bundle, "tgz") : f.bundle_type}}}};
  }
  return InvalidArgument("name a revision: --s3, --git, --url or --bundle");
}

Result<nlohmann::json> RegisterRevision(Context& ctx, const std::string& app,
                                        const nlohmann::json& location,
                                        const std::string& description) {
  nlohmann::json body = {{"revision", location}};
  if (!description.empty()) body["description"] = description;
  return ctx.api->Post("/applications/" + PathSegment(app) + "/revisions", body);
}

}  // namespace berth::cli
