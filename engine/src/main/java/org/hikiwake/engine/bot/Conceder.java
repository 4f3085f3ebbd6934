package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Conceder: gives ground early. Its target drops steeply in its first turns
 * and then levels off towards its reservation value (time-dependent
 * concession with an exponent above 1, 3 by default), so it usually reaches
 * a deal soon, and a cheap one. Each turn it proposes the package nearest
 * that target that it guesses the other side likes best, from how often the
 * other side has asked for each option, and it accepts an offer worth at
 * least what it would propose next.
 */
public final class Conceder extends TimeDependent {
  /** The default concession exponent. */
  public static final double DEFAULT_EXPONENT = 3.0;

  public Conceder() {
    this(DEFAULT_EXPONENT, Style.FIXED);
  }

  /** A Conceder bot with this exponent, which must be above 1. */
  public Conceder(double e, Style style) {
    super("conceder", e, style);
    checkArgument(e > 1, "a Conceder exponent is above 1 but was %s", e);
  }
}
