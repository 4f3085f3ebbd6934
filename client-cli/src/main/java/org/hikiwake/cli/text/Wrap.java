package org.hikiwake.cli.text;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-wrapping for the terminal: a line wider than the screen is broken
 * between words, never inside one (unless a single word is wider than the
 * screen). A continuation keeps the line's indent; a numbered or bulleted
 * item hangs under its text; an unindented sentence continues two spaces in,
 * so a reader sees where it goes on. Widths count code points. Pure.
 */
public final class Wrap {
  /** An item marker after the indent: {@code 1. }, {@code 12) }, {@code - }, {@code * }. */
  private static final Pattern ITEM = Pattern.compile("^( *)(\\d{1,3}[.)] +|[-*] +)");

  private Wrap() {}

  /** The lines, each wrapped to at most {@code width} code points. */
  public static List<String> lines(List<String> lines, int width) {
    checkArgument(width >= 10, "width must be >= 10 but was %s", width);
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      wrap(l, width, out);
    }
    return out;
  }

  private static void wrap(String line, int width, List<String> out) {
    if (length(line) <= width) {
      out.add(line);
      return;
    }
    int indent = 0;
    while (indent < line.length() && line.charAt(indent) == ' ') {
      indent++;
    }
    Matcher item = ITEM.matcher(line);
    int hang = item.find() ? item.end() : indent == 0 ? 2 : indent;
    if (hang > width / 2) {
      hang = Math.min(indent, width / 2);
    }
    String continuation = " ".repeat(hang);
    StringBuilder current = new StringBuilder(line.substring(0, indent));
    boolean empty = true;
    for (String word : line.substring(indent).split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      int room = width - length(current) - (empty ? 0 : 1);
      if (length(word) <= room) {
        if (!empty) {
          current.append(' ');
        }
        current.append(word);
        empty = false;
        continue;
      }
      if (!empty) {
        out.add(current.toString());
        current = new StringBuilder(continuation);
      }
      // A word wider than a whole line is the one thing cut, at the edge.
      String rest = word;
      while (length(current) + length(rest) > width) {
        int fit = width - length(current);
        if (fit <= 0) {
          out.add(current.toString());
          current = new StringBuilder(continuation);
          continue;
        }
        int cut = rest.offsetByCodePoints(0, fit);
        out.add(current + rest.substring(0, cut));
        current = new StringBuilder(continuation);
        rest = rest.substring(cut);
      }
      current.append(rest);
      empty = false;
    }
    if (!empty) {
      out.add(current.toString());
    }
  }

  private static int length(CharSequence s) {
    return Character.codePointCount(s, 0, s.length());
  }
}
