#pragma once
// Office documents are zip archives: Office Open XML (.docx, .xlsx, .pptx) names its main part in
// [Content_Types].xml, OpenDocument (.odt, .ods, .odp) starts with a stored "mimetype" entry. Before
// either is believed, the archive itself is judged: entry count, paths, encryption, declared sizes and
// compression ratios (a zip bomb is refused from its directory, before anything is inflated), then
// every entry is inflated under the size budget with its CRC checked, so that sizes that lie are caught.
#include <optional>
#include <string_view>

#include "core/files/file_kind.hpp"

namespace passerelle::files::detail {

enum class OfficeKind { docx, xlsx, pptx, odt, ods, odp };

bool looks_like_zip(std::string_view bytes);  // a local file header at the start

// Nothing when the archive is sound but none of the accepted documents (a plain .zip, an .epub, a
// template); the 422 file Problem when it is unreadable, hostile, encrypted or holds macros.
std::optional<OfficeKind> inspect_office_zip(std::string_view bytes, const SniffOptions& options);

}  // namespace passerelle::files::detail
