// SPDX-License-Identifier: Apache-2.0
// The HTTP-POST binding's self-submitting HTML form, and the CSP hash of its script.
#include <authcore/saml/post_form.hpp>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>

namespace authcore::saml {

namespace {

// The one inline script: the page has a single form. Its hash is the CSP source.
constexpr std::string_view kSubmitScript = "document.forms[0].submit();";

std::string base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(data.data()),
                                      static_cast<int>(data.size()));
  out.resize(written > 0 ? static_cast<std::size_t>(written) : 0);
  return out;
}

// Escapes for a double-quoted attribute value (and for text: covers < and >).
std::string escapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string hiddenInput(std::string_view name, std::string_view value) {
  return "<input type=\"hidden\" name=\"" + escapeHtml(name) + "\" value=\"" + escapeHtml(value) + "\">\n";
}

}  // namespace

std::string renderPostForm(std::string_view actionUrl, std::string_view parameterName, std::string_view xml,
                           std::optional<std::string_view> relayState) {
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n<title>Signing in</title>\n</head>\n<body>\n"
      "<form method=\"post\" action=\"" + escapeHtml(actionUrl) + "\">\n";
  page += hiddenInput(parameterName, base64(xml));
  if (relayState) page += hiddenInput("RelayState", *relayState);
  page += "<noscript><p>JavaScript is off: press the button to continue.</p>"
          "<button type=\"submit\">Continue</button></noscript>\n</form>\n<script>";
  page += kSubmitScript;
  page += "</script>\n</body>\n</html>\n";
  return page;
}

std::string postFormScriptHash() {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(kSubmitScript.data()), kSubmitScript.size(), digest.data());
  return "'sha256-" + base64(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())) + "'";
}

}  // namespace authcore::saml
