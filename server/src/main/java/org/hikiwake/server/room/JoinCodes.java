package org.hikiwake.server.room;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Join codes: eight characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L, 5/S, 2/Z, U/V), shown as two groups of four, e.g. "K7MX-Q2PA".
 * 25^8 is about 1.5e11 codes, so guessing one of a class's games is hopeless.
 */
public final class JoinCodes {
  static final String ALPHABET = "346789ABCDEFGHJKMNPQRTWXY";
  private static final int LENGTH = 8;

  private final SecureRandom random;

  public JoinCodes(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    StringBuilder sb = new StringBuilder(LENGTH + 1);
    for (int i = 0; i < LENGTH; i++) {
      if (i == LENGTH / 2) {
        sb.append('-');
      }
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** The canonical form of what a person typed: upper case, one dash in the middle. */
  public static String normalize(String typed) {
    String bare = typed.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
    if (bare.length() != LENGTH) {
      return bare;
    }
    return bare.substring(0, LENGTH / 2) + "-" + bare.substring(LENGTH / 2);
  }
}
