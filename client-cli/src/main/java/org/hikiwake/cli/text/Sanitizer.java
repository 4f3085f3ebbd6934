package org.hikiwake.cli.text;

/**
 * Makes untrusted text (from the server or the other player) safe to print on
 * a terminal: strips terminal escape sequences (CSI, OSC, DCS and the other
 * string controls, two-character escapes), C0 and C1 control characters, DEL,
 * and the Unicode bidirectional overrides that can make text read differently
 * from what it is.
 */
public final class Sanitizer {
  private static final char ESC = 0x1b;
  private static final char BEL = 0x07;
  /** The single-character (8-bit) forms of CSI, OSC, DCS, SOS, PM, APC and ST. */
  private static final char C1_CSI = 0x9b;
  private static final char C1_OSC = 0x9d;
  private static final char C1_DCS = 0x90;
  private static final char C1_SOS = 0x98;
  private static final char C1_PM = 0x9e;
  private static final char C1_APC = 0x9f;
  private static final char C1_ST = 0x9c;

  private Sanitizer() {}

  /**
   * Text for a single line: escape sequences and control characters removed,
   * line breaks and tabs turned into spaces. Never null.
   */
  public static String line(String untrusted) {
    return clean(untrusted, false);
  }

  /**
   * Text that may span lines: like {@link #line} but line breaks are kept
   * (CR LF and CR become LF) and tabs become two spaces. Never null.
   */
  public static String text(String untrusted) {
    return clean(untrusted, true);
  }

  private static String clean(String s, boolean keepLineBreaks) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ESC) {
        i = skipEscape(s, i + 1);
      } else if (c == C1_CSI) {
        i = skipCsi(s, i + 1);
      } else if (c == C1_OSC || c == C1_DCS || c == C1_SOS || c == C1_PM || c == C1_APC) {
        i = skipString(s, i + 1);
      } else if (c == '\r') {
        out.append(keepLineBreaks ? '\n' : ' ');
        i += (i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
      } else if (c == '\n') {
        out.append(keepLineBreaks ? '\n' : ' ');
        i++;
      } else if (c == '\t') {
        out.append(keepLineBreaks ? "  " : " ");
        i++;
      } else if (isDropped(c)) {
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Control characters, DEL, C1 controls and bidirectional formatting characters. */
  private static boolean isDropped(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e || c == 0x200f || c == 0x061c;
  }

  /** Skips what follows an ESC; returns the index after the sequence. */
  private static int skipEscape(String s, int i) {
    if (i >= s.length()) {
      return i;
    }
    char c = s.charAt(i);
    switch (c) {
      case '[':
        return skipCsi(s, i + 1);
      case ']':
      case 'P':
      case 'X':
      case '^':
      case '_':
        return skipString(s, i + 1);
      default:
        // nF sequences: intermediates 0x20-0x2F then one final byte.
        int j = i;
        while (j < s.length() && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2f) {
          j++;
        }
        return Math.min(s.length(), j + 1);
    }
  }

  /** Skips CSI parameters and intermediates up to and including the final byte. */
  private static int skipCsi(String s, int i) {
    int j = i;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c >= 0x40 && c <= 0x7e) {
        return j + 1;
      }
      if (c == ESC || c > 0x7e) {
        // A broken sequence: stop here and let the caller look at this character.
        return j;
      }
      // Parameters (0x30-0x3F), intermediates (0x20-0x2F) and embedded controls are dropped.
      j++;
    }
    return j;
  }

  /** Skips a string control up to BEL, ESC \ or ST, or to the end. */
  private static int skipString(String s, int i) {
    int j = i;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == BEL || c == C1_ST) {
        return j + 1;
      }
      if (c == ESC) {
        return (j + 1 < s.length() && s.charAt(j + 1) == '\\') ? j + 2 : j;
      }
      j++;
    }
    return j;
  }
}
