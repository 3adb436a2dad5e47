#include "controller/http/compression.h"

namespace berth::http {

std::string WithoutBrotli(std::string_view accept_encoding) {
  std::string out;
  size_t start = 0;
  while (start <= accept_encoding.size()) {
    size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) end = accept_encoding.size();
    std::string_view item = accept_encoding.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    std::string_view coding = item.substr(0, item.find(';'));
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (!item.empty() && coding != "br") {
      if (!out.empty()) out += ", ";
      out += item;
    }
    start = end + 1;
  }
  return out;
}

void PreferGzip(const httplib::Request& request) {
  // httplib hands handlers a const view of a request it owns as a mutable local.
  auto& headers = const_cast<httplib::Request&>(request).headers;
  auto it = headers.find("Accept-Encoding");
  if (it == headers.end()) return;
  it->second = WithoutBrotli(it->second);
}

}  // namespace berth::http
