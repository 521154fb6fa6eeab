#pragma once
// An XLSX file is a zip archive. This reads one held in memory with minizip and inflates its parts under
// a budget, because a few hundred kilobytes of zip can inflate to gigabytes (a "zip bomb").
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::tabular::detail {

class ZipReader {
 public:
  // `bytes` must outlive the reader. Throws the unreadable-XLSX Problem when it is not a readable zip
  // (a truncated file loses its central directory, which sits at the end).
  ZipReader(std::string_view bytes, std::size_t max_uncompressed_bytes);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // Whether a readable zip lists `name`; nothing when the archive cannot be read at all.
  static std::optional<bool> has_entry(std::string_view bytes, std::string_view name);

  bool contains(std::string_view name) const;

  // The inflated bytes of an entry, chunk by chunk, so that a large worksheet is parsed without being
  // held in memory. All entries share one budget: an entry whose declared size exceeds what is left is
  // refused before inflating (413), and bytes are counted while inflating in case the size lied.
  // A damaged entry (bad deflate data, wrong CRC) is the unreadable-XLSX Problem.
  void stream(std::string_view name, const std::function<void(std::string_view)>& sink);
  std::string read(std::string_view name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace passerelle::tabular::detail
