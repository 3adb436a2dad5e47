#include "cli/table.h"

#include <algorithm>
#include <utility>

namespace berth::cli {
namespace {

void PrintRow(std::ostream& out, const std::vector<std::string>& cells,
              const std::vector<size_t>& widths) {
  std::string line;
  for (size_t i = 0; i < widths.size(); ++i) {
    const std::string& cell = i < cells.size() ? cells[i] : std::string();
    line += cell;
    if (i + 1 < widths.size()) line += std::string(widths[i] - cell.size() + 2, ' ');
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out << line << "\n";
}

}  // namespace

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out, const std::string& empty_note) const {
  if (rows_.empty() && !empty_note.empty()) {
    out << empty_note << "\n";
    return;
  }
  std::vector<size_t> widths(headers_.size());
  for (size_t i = 0; i < headers_.size(); ++i) {
    widths[i] = headers_[i].size();
    for (const auto& row : rows_) widths[i] = std::max(widths[i], row[i].size());
  }
  PrintRow(out, headers_, widths);
  for (const auto& row : rows_) PrintRow(out, row, widths);
}

void KeyValueList::Add(std::string key, std::string value) {
  if (value.empty()) return;
  items_.emplace_back(std::move(key), std::move(value));
}

void KeyValueList::Print(std::ostream& out) const {
  size_t width = 0;
  for (const auto& [key, value] : items_) width = std::max(width, key.size());
  for (const auto& [key, value] : items_) {
    out << key << ":" << std::string(width - key.size() + 2, ' ') << value << "\n";
  }
}

}  // namespace berth::cli
