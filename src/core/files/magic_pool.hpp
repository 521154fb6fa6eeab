#pragma once
// libmagic's opinion of some bytes, as a media type ("application/pdf", "text/plain"...). A magic_t is
// not thread-safe and loading the database costs a few milliseconds, so handles are kept in a pool:
// each call borrows one, and a handle is never used by two threads at once.
#include <string>
#include <string_view>

namespace passerelle::files::detail {

// Lower case, without parameters; "application/octet-stream" when libmagic has no idea. Throws
// std::runtime_error when libmagic or its database cannot be loaded (an installation problem).
std::string magic_media_type(std::string_view bytes);

}  // namespace passerelle::files::detail
