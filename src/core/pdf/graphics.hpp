#pragma once
// Owning handles for the C objects of cairo, Pango and GLib, so that no path (exceptions included)
// leaks or frees twice.
#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

#include <memory>

namespace passerelle::pdf::detail {

struct SurfaceRelease {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextRelease {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct GObjectRelease {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct FontRelease {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct AttributesRelease {
  void operator()(PangoAttrList* attributes) const { pango_attr_list_unref(attributes); }
};

using Surface = std::unique_ptr<cairo_surface_t, SurfaceRelease>;
using Cairo = std::unique_ptr<cairo_t, ContextRelease>;
using PangoContextHandle = std::unique_ptr<PangoContext, GObjectRelease>;
using LayoutHandle = std::unique_ptr<PangoLayout, GObjectRelease>;
using FontHandle = std::unique_ptr<PangoFontDescription, FontRelease>;
using AttributesHandle = std::unique_ptr<PangoAttrList, AttributesRelease>;

}  // namespace passerelle::pdf::detail
