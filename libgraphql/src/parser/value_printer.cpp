// SPDX-License-Identifier: Apache-2.0
// GraphQL source text of a value literal.
#include "parser/value_printer.hpp"

#include "json/json_string.hpp"

namespace authcore::graphql::detail {

namespace {

void print(const Value& value, std::string& out);

struct Printer {
  std::string& out;

  void operator()(const NullValue&) const { out += "null"; }
  void operator()(const BooleanValue& v) const { out += v.value ? "true" : "false"; }
  void operator()(const IntValue& v) const { out += v.text; }
  void operator()(const FloatValue& v) const { out += v.text; }
  // JSON's escapes are a subset of GraphQL's, so a JSON string is a GraphQL string.
  void operator()(const StringValue& v) const { appendJsonString(out, v.value); }
  void operator()(const EnumValue& v) const { out += v.name; }
  void operator()(const Variable& v) const { out += "$" + v.name; }
  void operator()(const ListValue& v) const {
    out.push_back('[');
    for (std::size_t i = 0; i < v.values.size(); ++i) {
      if (i > 0) out += ", ";
      print(v.values[i], out);
    }
    out.push_back(']');
  }
  void operator()(const ObjectValue& v) const {
    out.push_back('{');
    for (std::size_t i = 0; i < v.fields.size(); ++i) {
      if (i > 0) out += ", ";
      out += v.fields[i].name + ": ";
      print(v.fields[i].value, out);
    }
    out.push_back('}');
  }
};

void print(const Value& value, std::string& out) {
  std::visit(Printer{out}, value.data);
}

}  // namespace

std::string printValue(const Value& value) {
  std::string out;
  print(value, out);
  return out;
}

}  // namespace authcore::graphql::detail
