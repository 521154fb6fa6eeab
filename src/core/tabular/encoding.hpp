#pragma once
// Text encodings met in CSV files from French offices: UTF-8 (from recent Excel "CSV UTF-8", with a BOM),
// Windows-1252 (Excel's plain "CSV (séparateur : point-virgule)"), UTF-16 ("Texte Unicode").
#include <cstddef>
#include <string>
#include <string_view>

namespace passerelle::tabular::detail {

// The text as UTF-8 without BOM. Bytes that are not valid UTF-8 can only be Windows-1252, the one
// 8-bit encoding Excel writes in France; that guess never fails since every byte has a meaning there.
std::string decode_text(std::string_view bytes);

bool is_utf8(std::string_view bytes);
// Characters of a valid UTF-8 text (limits are in characters, as a person counts them).
std::size_t count_characters(std::string_view utf8);
void append_utf8(std::string& out, char32_t code_point);

}  // namespace passerelle::tabular::detail
