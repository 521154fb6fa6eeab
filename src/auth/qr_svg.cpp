#include "auth/qr_svg.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace passerelle::auth {
namespace {

constexpr int quiet_zone = 4;

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

std::string qr_code_svg(std::string_view text) {
  // QRcode_encodeData is QRcode_encodeString in 8-bit mode taking a length, so a NUL byte cannot
  // silently cut the text short. Version 0 lets libqrencode pick the smallest symbol that fits.
  errno = 0;
  std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeData(
      static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    const int error = errno;
    throw std::runtime_error(error == ERANGE ? "text too long for a QR code"
                                             : std::string("QR code encoding failed: ") + std::strerror(error));
  }

  const int width = code->width;
  const int size = width + 2 * quiet_zone;
  const auto n = std::to_string(size);
  // A white background keeps the code readable on a dark page; scanners need dark on light.
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
                    "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Code QR\">";
  svg += "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>";
  svg += "<path fill=\"#000\" d=\"";
  // One subpath per horizontal run of dark modules keeps the path much shorter than one square per
  // module. Bit 0 of each byte says whether the module is dark.
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = code->data + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
    for (int x = 0; x < width;) {
      if (!(row[x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (row[x + run] & 1)) ++run;
      svg += "M" + std::to_string(x + quiet_zone) + " " + std::to_string(y + quiet_zone) + "h" + std::to_string(run) +
             "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace passerelle::auth
