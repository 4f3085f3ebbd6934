package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Time-dependent concession after Faratin, Sierra and Jennings (1998): the
 * target falls from the bot's best package towards its reservation value as
 * its own turns pass, as {@code rv + (best - rv) * (1 - t^(1/e))} with
 * {@code t} running from 0 on its first turn to 1 on its last useful offer.
 * With {@code e < 1} it holds out and concedes late (Boulware), with
 * {@code e = 1} it concedes evenly (linear), with {@code e > 1} it concedes
 * early (conceder). A {@link Style} with a spread scales {@code e} by a
 * factor drawn once per game from the bot's seed.
 */
public abstract class TimeDependent extends TargetStrategy {
  private final double e;

  protected TimeDependent(String name, double e, Style style) {
    super(name, style);
    checkArgument(e > 0, "the concession exponent must be positive but was %s", e);
    this.e = e;
  }

  /** The concession exponent. */
  public double exponent() {
    return e;
  }

  /** The target at time {@code t} in [0, 1], between the reservation value and the best. */
  public static double curve(double t, double e, double reservation, double best) {
    return reservation + (best - reservation) * (1 - Math.pow(t, 1 / e));
  }

  @Override
  protected double target(Situation s) {
    return curve(s.time(), e * paceFactor(s), s.reservationValue(), s.packages().best());
  }
}
