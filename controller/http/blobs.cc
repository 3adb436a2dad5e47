#include "controller/http/routes.h"

namespace berth::http {

void RegisterBlobRoutes(Router& router, api::Service* service) {
  router.PostStream(
      R"(/api/v1/blobs)",
      [service](const httplib::Request&, const httplib::ContentReader& reader) -> Result<Reply> {
        ASSIGN_OR_RETURN(std::unique_ptr<blobs::BlobWriter> writer, service->blobs()->NewWriter());
        Status write_status;
        bool complete = reader([&](const char* data, size_t len) {
          write_status = writer->Append(std::string_view(data, len));
          return write_status.ok();
        });
        if (!write_status.ok()) return write_status;
        if (!complete) return InvalidArgument("upload ended before the whole body arrived");
        ASSIGN_OR_RETURN(blobs::BlobInfo info, writer->Commit());
        return Reply{201, {{"sha256", info.sha256}, {"size", info.size}}};
      });
}

}  // namespace berth::http
