#include "agent/revision/s3_fetcher.h"

namespace berth::agent {

S3Fetcher::ClientFactory S3Fetcher::RealClients(s3::ClientOptions options, s3::EnvLookup env) {
  return [options, env]() -> Result<std::unique_ptr<s3::Client>> {
    ASSIGN_OR_RETURN(s3::Credentials credentials, s3::LoadCredentials(env));
    return s3::NewCurlClient(options, std::move(credentials));
  };
}

Status S3Fetcher::Fetch(const model::RevisionLocation& location, const std::string& dest_path) {
  if (location.type != model::RevisionType::kS3) {
    return InvalidArgument(std::string("the S3 fetcher cannot fetch a ") +
                           model::RevisionTypeName(location.type) + " revision");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<s3::Client> client, factory_());
  s3::ObjectRef ref{location.bucket, location.key, location.version};
  return client->Get(ref, location.etag, dest_path).status();
}

}  // namespace berth::agent
