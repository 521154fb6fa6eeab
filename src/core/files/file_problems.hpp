#pragma once
// The refusals of an uploaded file, all naming the form field "file" so that the screen can show the
// sentence next to the upload button.
#include <cstddef>
#include <string>

#include "core/problem.hpp"

namespace passerelle::files::detail {

// 422: `message` is a whole sentence for the person who sent the file.
Problem file_refused(std::string message);
// 413: the file as received is over `max_bytes`.
Problem file_too_large(std::size_t max_bytes);
// "20 Mo", how sizes are written in messages.
std::string megabytes(std::size_t bytes);

}  // namespace passerelle::files::detail
