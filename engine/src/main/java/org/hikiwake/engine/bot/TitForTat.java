package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import org.hikiwake.engine.scenario.Package;

/**
 * Tit-for-tat: gives as good as it gets. It opens with its best package and
 * then moves by as much as the other side moved last, measured in its own
 * points: if the other side's latest offer is worth 5 points more to it than
 * the one before, its own target drops by 5; if the other side took something
 * back, it takes as much back. So that two tit-for-tat players are not stuck
 * at their opening offers, its second offer concedes at least a small share
 * of the way to its reservation value (a tenth by default). It proposes the
 * package nearest its target that it guesses the other side likes best, and
 * accepts an offer worth at least what it would propose next.
 */
public final class TitForTat extends TargetStrategy {
  /** The default opening step, as a share of the way from the best to the reservation value. */
  public static final double DEFAULT_OPENING_STEP = 0.1;

  private final double openingStep;

  public TitForTat() {
    this(DEFAULT_OPENING_STEP, Style.FIXED);
  }

  /** A tit-for-tat bot whose second offer concedes at least this share of its range. */
  public TitForTat(double openingStep, Style style) {
    super("tit-for-tat", style);
    checkArgument(openingStep >= 0 && openingStep <= 1,
        "the opening step is a share in [0, 1] but was %s", openingStep);
    this.openingStep = openingStep;
  }

  /** A concession, however small, is a real one: never back at or above its last offer. */
  @Override
  protected int proposal(Situation s, int target, OpponentModel model) {
    ImmutableList<Package> mine = s.myOffers();
    if (mine.isEmpty()) {
      return super.proposal(s, target, model);
    }
    int last = s.pointsOf(mine.get(mine.size() - 1));
    return proposal(s, target, target < last ? last - 1 : Integer.MAX_VALUE, model);
  }

  @Override
  protected double target(Situation s) {
    ImmutableList<Package> mine = s.myOffers();
    ImmutableList<Package> theirs = s.theirOffers();
    int best = s.packages().best();
    if (mine.isEmpty()) {
      return best;
    }
    double step = 0;
    if (theirs.size() >= 2) {
      step = s.pointsOf(theirs.get(theirs.size() - 1))
          - s.pointsOf(theirs.get(theirs.size() - 2));
    }
    if (mine.size() == 1) {
      step = Math.max(step, openingStep * paceFactor(s) * (best - s.reservationValue()));
    }
    return Math.min(best, s.pointsOf(mine.get(mine.size() - 1)) - step);
  }
}
