package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a strategy varies from game to game, and whether it reads the other
 * side's offers.
 *
 * @param spread each game, the bot's seed scales its pace of concession by a
 *     factor between {@code e^-spread} and {@code e^spread}, so one level is a
 *     range of opponents rather than one script (0: always the same pace)
 * @param readsOffers true to choose among the packages near its target the one
 *     it estimates the other side likes best; false to pick one of them at random
 */
public record Style(double spread, boolean readsOffers) {
  /** The textbook strategy: the same pace every game, reading the other side's offers. */
  public static final Style FIXED = new Style(0, true);

  public Style {
    checkArgument(spread >= 0 && spread <= 2, "spread must be in [0, 2] but was %s", spread);
  }

  /** The factor this game's pace is scaled by, from the game's temper in [0, 1). */
  double factor(double temper) {
    return Math.exp(spread * (2 * temper - 1));
  }
}
