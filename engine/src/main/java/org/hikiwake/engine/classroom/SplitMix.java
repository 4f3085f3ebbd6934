package org.hikiwake.engine.classroom;

/**
 * SplitMix64, a small, fully specified pseudo-random sequence: the same seed
 * gives the same numbers on every machine and in every Java version, so a
 * class paired from a seed pairs the same way when replayed. The seed comes
 * in from the host; nothing here reads entropy.
 */
final class SplitMix {
  private long state;

  SplitMix(long seed) {
    this.state = seed;
  }

  long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A number in [0, bound). */
  int nextInt(int bound) {
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }
}
