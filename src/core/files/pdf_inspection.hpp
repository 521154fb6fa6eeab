#pragma once
// A PDF is accepted when it is complete (header at the start, %%EOF in its last kilobyte) and carries
// no JavaScript nor launch action. This is a scan for names, not a PDF parser: it reads the names of
// the file's objects, including those packed in compressed object streams (PDF 1.5+), with their
// #xx escapes decoded (/J#61vaScript is /JavaScript). A script action needs the name /JavaScript and a
// launch action the name /Launch, so finding neither is enough to refuse both. Downloads must still be
// served as attachments: this check is a second line, not the first.
#include <cstddef>
#include <string_view>

namespace passerelle::files::detail {

struct PdfFindings {
  bool embeds_files = false;
};

bool looks_like_pdf(std::string_view bytes);  // the header alone

// Throws the 422 file Problem for a truncated PDF, one with scripts or launch actions, or one whose
// object streams cannot be read (encrypted, unusual filters, or inflating past `max_inflated_bytes`).
PdfFindings inspect_pdf(std::string_view bytes, std::size_t max_inflated_bytes);

}  // namespace passerelle::files::detail
