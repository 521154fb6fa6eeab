#pragma once
// A QR code as a standalone SVG, for the second-factor enrolment page: the server draws it, so the
// secret never goes to a third-party service and no script is needed in the browser.
#include <string>
#include <string_view>

namespace passerelle::auth {

// The QR code (error correction level M, byte mode) of `text` as an SVG document scaled by its
// viewBox, one unit per module, with the 4-module quiet zone that scanners need. It uses `fill`
// attributes, never `style`, so it passes the application's Content-Security-Policy when inlined.
// Throws std::runtime_error if the text does not fit in a QR code (over 2,331 bytes at level M).
std::string qr_code_svg(std::string_view text);

}  // namespace passerelle::auth
