package org.hikiwake.engine.bot;

/**
 * Linear: concedes the same amount every turn. Its target falls in a
 * straight line from its best package on its first turn to its reservation
 * value on its last useful offer (time-dependent concession with exponent 1).
 * Each turn it proposes the package nearest that target that it guesses the
 * other side likes best, from how often the other side has asked for each
 * option, and it accepts an offer worth at least what it would propose next.
 */
public final class Linear extends TimeDependent {
  public Linear() {
    this(Style.FIXED);
  }

  /** A linear bot; a style with a spread makes it only linear on average. */
  public Linear(Style style) {
    super("linear", 1.0, style);
  }
}
