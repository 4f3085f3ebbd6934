package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A small deterministic stream of pseudo-random numbers (SplitMix64), made
 * from a bot's seed and the turn it is choosing for. The engine reads no
 * ambient randomness: the same seed and turn give the same draws on every
 * machine and Java version, so a bot's moves replay exactly.
 */
public final class Draws {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  private Draws(long state) {
    this.state = state;
  }

  /** The draws for one stream (for example one turn) of a seed. */
  public static Draws of(long seed, long stream) {
    return new Draws(mix(seed ^ mix(stream + GOLDEN_GAMMA)));
  }

  /** A seed derived from another and a stream number, for seeding several bots from one seed. */
  public static long derive(long seed, long stream) {
    return of(seed, stream).nextLong();
  }

  /** The next 64 random bits. */
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** A number in [0, bound). */
  public int nextInt(int bound) {
    checkArgument(bound > 0, "bound must be positive but was %s", bound);
    // Multiply-shift on the top 31 bits; the bias is below 2^-31 for the
    // small bounds bots draw from.
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }

  /** A number in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
