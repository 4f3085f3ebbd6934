package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Boulware: holds out. Its target stays near its best package for most of
 * the game and drops towards its reservation value only in its last few
 * turns (time-dependent concession with an exponent below 1, 0.2 by
 * default). Each turn it proposes the package nearest that target that it
 * guesses the other side likes best, from how often the other side has asked
 * for each option, and it accepts an offer worth at least what it would
 * propose next. Against a patient opponent it risks a poor last-minute deal;
 * against one that concedes, it collects.
 */
public final class Boulware extends TimeDependent {
  /** The default concession exponent. */
  public static final double DEFAULT_EXPONENT = 0.2;

  public Boulware() {
    this(DEFAULT_EXPONENT, Style.FIXED);
  }

  /** A Boulware bot with this exponent, which must be below 1. */
  public Boulware(double e, Style style) {
    super("boulware", e, style);
    checkArgument(e < 1, "a Boulware exponent is below 1 but was %s", e);
  }
}
