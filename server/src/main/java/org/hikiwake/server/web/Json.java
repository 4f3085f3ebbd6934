package org.hikiwake.server.web;

/**
 * A small JSON writer for the dashboard's messages: objects and arrays in
 * order, strings escaped so that any text (a student's name included) stays
 * a string, also inside an HTML page.
 */
final class Json {
  private final StringBuilder b = new StringBuilder(256);
  /** True right after an opening bracket or a name: no comma is needed. */
  private boolean first = true;

  Json object() {
    comma();
    b.append('{');
    first = true;
    return this;
  }

  Json array() {
    comma();
    b.append('[');
    first = true;
    return this;
  }

  Json endArray() {
    b.append(']');
    first = false;
    return this;
  }

  Json endObject() {
    b.append('}');
    first = false;
    return this;
  }

  /** A member's name; its value follows. */
  Json name(String name) {
    comma();
    string(b, name);
    b.append(':');
    first = true;
    return this;
  }

  Json value(String s) {
    comma();
    string(b, s);
    return this;
  }

  Json value(long n) {
    comma();
    b.append(n);
    return this;
  }

  Json value(boolean v) {
    comma();
    b.append(v);
    return this;
  }

  Json nullValue() {
    comma();
    b.append("null");
    return this;
  }

  Json field(String name, String s) {
    return name(name).value(s);
  }

  Json field(String name, long n) {
    return name(name).value(n);
  }

  Json field(String name, boolean v) {
    return name(name).value(v);
  }

  private void comma() {
    if (!first) {
      b.append(',');
    }
    first = false;
  }

  @Override
  public String toString() {
    return b.toString();
  }

  /** A JSON string; quotes, controls, line separators and {@code < > &} are escaped. */
  static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean plain = c >= 0x20 && c < 0x7f ? c != '<' && c != '>' && c != '&'
          : c >= 0xa0 && c != 0x2028 && c != 0x2029;
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (plain) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    b.append('"');
  }
}
