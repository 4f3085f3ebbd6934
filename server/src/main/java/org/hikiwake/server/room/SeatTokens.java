package org.hikiwake.server.room;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.hash.Hashing;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seat tokens: 192 random bits from SecureRandom, URL-safe base64. Only their
 * SHA-256 is kept, in memory and in recordings ({@code TokenHash}). A join
 * that carries an idempotency key gets a token derived from the key instead
 * (HMAC-SHA256 under the data folder's secret), so a retry of that join,
 * even after a restart, gets the same token while the store keeps only hashes.
 */
public final class SeatTokens {
  private static final int BYTES = 24;

  private final SecureRandom random;
  private final byte[] secret;

  /** @param secret the data folder's secret, from the store */
  public SeatTokens(SecureRandom random, byte[] secret) {
    this.random = random;
    this.secret = secret.clone();
  }

  /** Tokens for a server that keeps no secret (tests): keyed tokens last for this run only. */
  public SeatTokens(SecureRandom random) {
    this(random, drawn(random));
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

  /** The token of an idempotent join: the same for the same game, role and key. */
  public String forKey(String gameCode, String role, String idempotencyKey) {
    byte[] mac = Hashing.hmacSha256(secret).hashString(gameCode + "\n" + role + "\n"
        + idempotencyKey, UTF_8).asBytes();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, BYTES));
  }

  private static byte[] drawn(SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }
}
