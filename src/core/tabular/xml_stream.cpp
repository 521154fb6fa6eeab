#include "core/tabular/xml_stream.hpp"

#include <expat.h>

#include <algorithm>
#include <exception>
#include <new>

#include "core/tabular/problems.hpp"

namespace passerelle::tabular::detail {
namespace {

std::string_view local_name(const char* name) {
  const std::string_view full(name);
  const auto colon = full.rfind(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

}  // namespace

std::optional<std::string_view> XmlAttributes::get(std::string_view name) const {
  for (const char** pair = pairs_; pair && *pair; pair += 2)
    if (local_name(pair[0]) == name) return std::string_view(pair[1]);
  return std::nullopt;
}

struct XmlStream::Impl {
  XmlHandler& handler;
  XML_Parser parser = XML_ParserCreate(nullptr);
  std::exception_ptr failure;

  explicit Impl(XmlHandler& h) : handler(h) {}
  ~Impl() { XML_ParserFree(parser); }

  // Runs a handler call; an exception is kept to be rethrown once expat has returned.
  template <typename Call>
  static void guarded(void* data, Call call) {
    auto* impl = static_cast<Impl*>(data);
    if (impl->failure) return;
    try {
      call(impl->handler);
    } catch (...) {
      impl->failure = std::current_exception();
      XML_StopParser(impl->parser, XML_FALSE);
    }
  }

  static void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    guarded(data, [&](XmlHandler& h) { h.start(local_name(name), XmlAttributes(attributes)); });
  }
  static void on_end(void* data, const XML_Char* name) {
    guarded(data, [&](XmlHandler& h) { h.end(local_name(name)); });
  }
  static void on_text(void* data, const XML_Char* text, int length) {
    guarded(data, [&](XmlHandler& h) { h.text(std::string_view(text, static_cast<std::size_t>(length))); });
  }
  static void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    guarded(data, [](XmlHandler&) { throw unreadable_xlsx(); });
  }

  void parse(const char* data, std::size_t size, bool last) {
    if (XML_Parse(parser, data, static_cast<int>(size), last ? XML_TRUE : XML_FALSE) == XML_STATUS_OK) return;
    if (failure) std::rethrow_exception(failure);
    throw unreadable_xlsx();
  }
};

XmlStream::XmlStream(XmlHandler& handler) : impl_(std::make_unique<Impl>(handler)) {
  if (!impl_->parser) throw std::bad_alloc();
  XML_SetUserData(impl_->parser, impl_.get());
  XML_SetElementHandler(impl_->parser, Impl::on_start, Impl::on_end);
  XML_SetCharacterDataHandler(impl_->parser, Impl::on_text);
  XML_SetStartDoctypeDeclHandler(impl_->parser, Impl::on_doctype);
}

XmlStream::~XmlStream() = default;

void XmlStream::feed(std::string_view chunk) {
  constexpr std::size_t piece = 1 << 20;  // XML_Parse takes an int length
  for (std::size_t offset = 0; offset < chunk.size(); offset += piece)
    impl_->parse(chunk.data() + offset, std::min(piece, chunk.size() - offset), false);
}

void XmlStream::finish() { impl_->parse("", 0, true); }

}  // namespace passerelle::tabular::detail
