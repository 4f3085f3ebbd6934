package org.hikiwake.server.net;

/**
 * A per-connection token bucket: up to {@code burst} messages at once, then
 * {@code perSecond} sustained. Guava's RateLimiter was tried first but starts
 * a fresh limiter with no stored permits, so it refused the second message of
 * a new connection (hello then join) within the first interval.
 * Used on one event loop only, so it needs no locking.
 */
final class MessageRate {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  MessageRate(double perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryAcquire(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
    last = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
