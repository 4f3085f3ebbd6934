package org.hikiwake.server.room;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seat tokens: 192 random bits from SecureRandom, URL-safe base64. Only their
 * SHA-256 is kept, in memory and in recordings ({@code TokenHash}).
 */
public final class SeatTokens {
  private static final int BYTES = 24;

  private final SecureRandom random;

  public SeatTokens(SecureRandom random) {
    this.random = random;
  }

  /** A secret random seed, for the draws the host makes (a shuffled schedule, a hidden end). */
  public long nextSeed() {
    return random.nextLong();
  }

  public String next() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
