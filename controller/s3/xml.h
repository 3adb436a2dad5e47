// The S3 face's XML: responses written with tinyxml2's printer (which escapes), and the
// two request bodies it reads (CompleteMultipartUpload, PutBucketVersioning) parsed with
// tinyxml2. Nothing here throws; a body that is not the expected XML is INVALID_ARGUMENT
// (S3's MalformedXML).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "controller/api/service.h"

namespace berth::s3 {

inline constexpr char kContentType[] = "application/xml";

// One response document: <?xml ...?><Root xmlns="http://s3.amazonaws.com/doc/2006-03-01/">.
class XmlDocument {
 public:
  explicit XmlDocument(const char* root, bool with_namespace = true);
  ~XmlDocument();
  XmlDocument(const XmlDocument&) = delete;
  XmlDocument& operator=(const XmlDocument&) = delete;

  void Open(const char* element);
  void Close();
  // <element>value</element>
  void Text(const char* element, const std::string& value);
  // The document, every open element closed. Call once.
  std::string Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The <Part>s of a CompleteMultipartUpload body, in the order given.
Result<std::vector<api::CompletedPart>> ParseCompleteMultipartUpload(const std::string& body);
// The <Status> of a VersioningConfiguration body ("Enabled", "Suspended" or "").
Result<std::string> ParseVersioningStatus(const std::string& body);

}  // namespace berth::s3
