#include <stdlib.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "common/appspec/parser.h"
#include "common/archive/archive.h"
#include "common/model/revision.h"
#include "common/s3/s3_client.h"

namespace berth::cli {
namespace {

struct PushFlags {
  std::string dir;
  std::string app;
  std::string description;
  std::string bundle_type = "tgz";
  std::string to;           // s3://bucket/key; empty = the controller's store
  std::string s3_endpoint;  // default $AWS_ENDPOINT_URL_S3, else AWS
};

// Uploads the bundle (multipart when large) and returns the S3 revision location with
// the ETag and versionId S3 answered, so every agent fetches exactly these bytes.
Result<nlohmann::json> UploadToS3(const PushFlags& flags, const std::string& bundle) {
  ASSIGN_OR_RETURN(s3::ObjectRef ref, s3::ParseS3Uri(flags.to));
  if (!ref.version.empty()) return InvalidArgument("--to takes no #version: S3 assigns it");
  s3::ClientOptions options = s3::OptionsFromEnv(s3::RealEnv);
  if (!flags.s3_endpoint.empty()) options.endpoint = flags.s3_endpoint;
  ASSIGN_OR_RETURN(s3::Credentials credentials, s3::LoadCredentials(s3::RealEnv));
  ASSIGN_OR_RETURN(s3::ObjectInfo info,
                   s3::NewCurlClient(options, credentials)->Put(ref.bucket, ref.key, bundle));
  nlohmann::json loc = {{"bucket", ref.bucket},
                        {"key", ref.key},
                        {"bundleType", flags.bundle_type},
                        {"eTag", info.etag}};
  if (!info.version_id.empty()) loc["version"] = info.version_id;
  return nlohmann::json{{"revisionType", "S3"}, {"s3Location", loc}};
}

// A file in $TMPDIR, removed when this goes out of scope.
class ScopedTempFile {
 public:
  ScopedTempFile() = default;
  ~ScopedTempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  ScopedTempFile(const ScopedTempFile&) = delete;
  ScopedTempFile& operator=(const ScopedTempFile&) = delete;

  Status Create(const std::string& suffix) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string pattern = (dir / ("berth-push-XXXXXX" + suffix)).string();
    int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    if (fd < 0) return Internal("cannot create a temporary file in " + dir.string());
    ::close(fd);
    path_ = pattern;
    return Status::Ok();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string HumanSize(int64_t bytes) {
  char buffer[32];
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) {
    std::snprintf(buffer, sizeof(buffer), "%.1f KiB", bytes / 1024.0);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
  return buffer;
}

Status CheckBundleDir(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return InvalidArgument(dir + " is not a directory");
  }
  Result<appspec::AppSpec> spec = appspec::LoadFromBundle(dir);
  if (!spec.ok()) return spec.status().WithContext("push " + dir);
  return Status::Ok();
}

void PrintNextSteps(const nlohmann::json& revision, const nlohmann::json& groups,
                    const std::string& app, std::ostream& out) {
  std::string id = JsonString(revision, "revisionId");
  out << "Registered revision " << id << " of " << app << ".\nDeploy it with:\n";
  const nlohmann::json& list = JsonArray(groups, "deploymentGroups");
  for (const auto& group : list) {
    out << "  berth deploy " << app << " " << JsonString(group, "deploymentGroupName")
        << " --revision " << id << "\n";
  }
  if (list.empty()) out << "  berth deploy " << app << " GROUP --revision " << id << "\n";
}

}  // namespace

CommandFn SetupPush(CLI::App* cmd) {
  auto flags = std::make_shared<PushFlags>();
  cmd->add_option("DIR", flags->dir, "Directory with appspec.yml at its root")->required();
  cmd->add_option("--app", flags->app, "Application the revision belongs to")->required();
  cmd->add_option("--description", flags->description, "Free text kept with the revision");
  cmd->add_option("--bundle-type", flags->bundle_type, "Archive format (default tgz)")
      ->check(CLI::IsMember({"tgz", "tar", "zip"}));
  cmd->add_option("--to", flags->to,
                  "Upload to S3 at s3://BUCKET/KEY instead of the controller's store");
  cmd->add_option("--s3-endpoint", flags->s3_endpoint,
                  "S3-compatible endpoint URL (default: $AWS_ENDPOINT_URL_S3, else AWS)");
  return [flags](Context& ctx) -> Result<int> {
    RETURN_IF_ERROR(CheckBundleDir(flags->dir));
    // Fails early (NOT_FOUND) for an unknown application, before packing and uploading.
    ASSIGN_OR_RETURN(
        nlohmann::json groups,
        GetAllPages(*ctx.api, "/applications/" + PathSegment(flags->app) + "/deployment-groups",
                    "deploymentGroups"));
    model::BundleType type = model::BundleType::kTgz;
    model::ParseBundleType(flags->bundle_type, &type);
    ScopedTempFile bundle;
    RETURN_IF_ERROR(bundle.Create("." + flags->bundle_type));
    RETURN_IF_ERROR(archive::PackDirectory(flags->dir, type, bundle.path()));
    nlohmann::json blob;
    nlohmann::json location;
    if (flags->to.empty()) {
      ASSIGN_OR_RETURN(blob, ctx.api->PostFile("/blobs", bundle.path()));
      location = {{"revisionType", "Store"},
                  {"storeLocation",
                   {{"sha256", JsonString(blob, "sha256")}, {"bundleType", flags->bundle_type}}}};
    } else {
      ASSIGN_OR_RETURN(location, UploadToS3(*flags, bundle.path()));
    }
    nlohmann::json body = {{"revision", location}};
    if (!flags->description.empty()) body["description"] = flags->description;
    ASSIGN_OR_RETURN(
        nlohmann::json revision,
        ctx.api->Post("/applications/" + PathSegment(flags->app) + "/revisions", body));
    return Emit(ctx, revision, [&](std::ostream& out) {
      if (flags->to.empty()) {
        out << "Uploaded " << flags->dir << " (" << flags->bundle_type << ", "
            << HumanSize(JsonInt(blob, "size")) << ", sha256 "
            << JsonString(blob, "sha256").substr(0, 12) << ")\n";
      } else {
        const nlohmann::json& s3 = JsonObject(location, "s3Location");
        out << "Uploaded " << flags->dir << " to " << flags->to << " (" << flags->bundle_type
            << ", eTag " << JsonString(s3, "eTag");
        if (s3.contains("version")) out << ", version " << JsonString(s3, "version");
        out << ")\n";
      }
      PrintNextSteps(revision, groups, flags->app, out);
    });
  };
}

}  // namespace berth::cli
