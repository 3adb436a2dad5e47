// Plain-text tables: a header row and left-aligned columns two spaces apart.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace berth::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  // Missing cells print empty; extra cells are dropped.
  void AddRow(std::vector<std::string> cells);
  // Prints the header and every row; with no rows, `empty_note` instead of the header.
  void Print(std::ostream& out, const std::string& empty_note = "") const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// "Key:   value" lines with the values aligned; empty values are skipped.
class KeyValueList {
 public:
  void Add(std::string key, std::string value);
  void Print(std::ostream& out) const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace berth::cli
