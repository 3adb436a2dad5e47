#include "controller/s3/xml.h"

#include <tinyxml2.h>

namespace berth::s3 {

struct XmlDocument::Impl {
  tinyxml2::XMLPrinter printer{nullptr, /*compact=*/true};
  int open = 0;
};

XmlDocument::XmlDocument(const char* root, bool with_namespace) : impl_(std::make_unique<Impl>()) {
  impl_->printer.PushHeader(false, true);
  impl_->printer.OpenElement(root, true);
  if (with_namespace) {
    impl_->printer.PushAttribute("xmlns", "http://s3.amazonaws.com/doc/2006-03-01/");
  }
  impl_->open = 1;
}

XmlDocument::~XmlDocument() = default;

void XmlDocument::Open(const char* element) {
  impl_->printer.OpenElement(element, true);
  ++impl_->open;
}

void XmlDocument::Close() {
  impl_->printer.CloseElement(true);
  --impl_->open;
}

void XmlDocument::Text(const char* element, const std::string& value) {
  impl_->printer.OpenElement(element, true);
  impl_->printer.PushText(value.c_str());
  impl_->printer.CloseElement(true);
}

std::string XmlDocument::Finish() {
  while (impl_->open > 0) Close();
  return std::string(impl_->printer.CStr(), impl_->printer.CStrSize() - 1);
}

namespace {

Status Malformed(const std::string& what) {
  return InvalidArgument("the XML body is not well-formed or does not match the schema: " + what);
}

const char* ChildText(const tinyxml2::XMLElement* parent, const char* name) {
  const tinyxml2::XMLElement* child = parent->FirstChildElement(name);
  if (child == nullptr) return nullptr;
  const char* text = child->GetText();
  return text == nullptr ? "" : text;
}

}  // namespace

Result<std::vector<api::CompletedPart>> ParseCompleteMultipartUpload(const std::string& body) {
  tinyxml2::XMLDocument doc;
  if (doc.Parse(body.data(), body.size()) != tinyxml2::XML_SUCCESS) {
    return Malformed(doc.ErrorStr());
  }
  const tinyxml2::XMLElement* root = doc.FirstChildElement("CompleteMultipartUpload");
  if (root == nullptr) return Malformed("no CompleteMultipartUpload element");
  std::vector<api::CompletedPart> parts;
  for (const tinyxml2::XMLElement* part = root->FirstChildElement("Part"); part != nullptr;
       part = part->NextSiblingElement("Part")) {
    const char* number = ChildText(part, "PartNumber");
    const char* etag = ChildText(part, "ETag");
    if (number == nullptr || etag == nullptr) return Malformed("a Part needs PartNumber and ETag");
    char* end = nullptr;
    const long n = std::strtol(number, &end, 10);
    if (end == number || *end != '\0' || n < 1 || n > 10000) {
      return Malformed("PartNumber \"" + std::string(number).substr(0, 20) +
                       "\" is not 1 to 10000");
    }
    parts.push_back({static_cast<int>(n), etag});
  }
  return parts;
}

Result<std::string> ParseVersioningStatus(const std::string& body) {
  tinyxml2::XMLDocument doc;
  if (doc.Parse(body.data(), body.size()) != tinyxml2::XML_SUCCESS) {
    return Malformed(doc.ErrorStr());
  }
  const tinyxml2::XMLElement* root = doc.FirstChildElement("VersioningConfiguration");
  if (root == nullptr) return Malformed("no VersioningConfiguration element");
  const char* status = ChildText(root, "Status");
  return std::string(status == nullptr ? "" : status);
}

}  // namespace berth::s3
