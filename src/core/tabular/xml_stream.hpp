#pragma once
// Streaming XML parsing with expat for the parts of an XLSX file, which can be hundreds of megabytes.
// Expat is C: exceptions thrown by a handler are carried across it, never through it.
#include <memory>
#include <optional>
#include <string_view>

namespace passerelle::tabular::detail {

class XmlAttributes {
 public:
  explicit XmlAttributes(const char** pairs) : pairs_(pairs) {}
  // By local name: "id" finds r:id whatever prefix the producer chose.
  std::optional<std::string_view> get(std::string_view local_name) const;

 private:
  const char** pairs_;
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // Element names come without their namespace prefix: Excel writes <c>, the .NET SDK <x:c>.
  virtual void start(std::string_view name, const XmlAttributes& attributes) = 0;
  virtual void end(std::string_view name) = 0;
  // Text may arrive in several pieces for one element.
  virtual void text(std::string_view) {}
};

class XmlStream {
 public:
  explicit XmlStream(XmlHandler& handler);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Malformed XML, and any DTD (OOXML never has one; entity tricks need one), are the unreadable-XLSX
  // Problem; a handler's own exception comes out unchanged.
  void feed(std::string_view chunk);
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace passerelle::tabular::detail
