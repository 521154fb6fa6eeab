#pragma once
// What an uploaded file really is, decided by its content and never by its name: the name and the media
// type a browser announces are only claims, checked against the content. Everything refused ends as a
// passerelle::Problem naming the field "file" (422, or 413 for a file over the size limit), with a
// sentence written for the person who sent it.
#include <cstddef>
#include <string>
#include <string_view>

namespace passerelle::files {

struct FileKind {
  std::string media_type;  // for the Content-Type of downloads, e.g. "application/pdf"
  std::string extension;   // with its dot, for the download name, e.g. ".pdf"
  std::string label;       // in French, for the screen, e.g. "Document PDF"
  // A PDF carrying attachments (/EmbeddedFile): accepted, but worth telling the person, since what is
  // attached was not checked.
  bool embeds_files = false;
};

struct SniffOptions {
  std::size_t max_bytes = 20 * 1024 * 1024;  // the file as received -> 413
  // Office documents are zip archives; these guard against archives built to explode when opened.
  std::size_t max_uncompressed_bytes = 100 * 1024 * 1024;  // all entries once inflated -> 422
  std::size_t max_zip_entries = 5000;                      // a large presentation has a few hundred
  // Above this many bytes, an entry inflating more than `max_compression_ratio` times its compressed
  // size is a bomb: text XML compresses 10 to 20 times, a run of zeros a thousand times.
  std::size_t compression_ratio_grace_bytes = 1024 * 1024;
  std::size_t max_compression_ratio = 100;
  // PDF object streams are inflated to look for scripts inside them, within this budget -> 422.
  std::size_t max_pdf_inflated_bytes = 64 * 1024 * 1024;
};

// The accepted kinds: PDF; PNG, JPEG, WebP and TIFF images; Word, Excel and PowerPoint documents
// (.docx, .xlsx, .pptx, without macros); OpenDocument text, spreadsheet and presentation (.odt, .ods,
// .odp); UTF-8 plain text (.txt, .csv). Refused, among others: legacy .doc/.xls/.ppt and password-protected
// office files (both OLE2 containers that cannot be checked), PDFs with JavaScript or launch actions,
// zip archives that are bombs, encrypted, or hold paths escaping the archive.
//
// `declared_name` is the file name as sent (only its extension is used; a missing extension is no
// claim); `declared_media_type` is the part's Content-Type ("" or application/octet-stream: no claim).
// Thread-safe.
FileKind sniff(std::string_view bytes, std::string_view declared_name, std::string_view declared_media_type,
               const SniffOptions& options = {});

}  // namespace passerelle::files
