package org.hikiwake.engine.bot;

import java.util.OptionalInt;
import org.hikiwake.engine.scenario.Package;

/**
 * Expert: learns what the other side wants and plays the deadline. From the
 * other side's offers it learns a frequency model with HardHeaded's issue
 * weights, and proposes, near its target, the package that model says the
 * other side likes best, keeping for itself whatever the model says the
 * other side would hardly notice. It estimates the Nash package (the largest
 * product of its own gain and the other side's estimated liking, from a
 * model that also reads the shape of the table from the other side's first
 * offer) and plays the two last offers of the game with care. Moving second,
 * its last useful offer is never below that estimate: the other side's final
 * offer still follows, and the expert takes any that beats no deal. Moving
 * first, its last offer, which the other side can only accept or refuse, is
 * the best for itself of the other side's own offers made under the points in
 * force, which the other side should sign. Its pace mixes a Boulware and a
 * conceder curve; moving first, it leans to the conceder once news has moved
 * its points, since a world that moves may move against a late deal.
 */
public final class Expert extends TargetStrategy {
  /** The exponent of the conceding curve in the mix. */
  static final double FAST = 3.0;
  /** The exponent of the holding-out curve in the mix. */
  static final double SLOW = 0.3;
  /** The conceding curve's share of the pace when moving second. */
  static final double SECOND_MOVER_SHARE = 0.5;
  /** The conceding curve's share of the pace when moving first, before any news. */
  static final double CALM_SHARE = 0.3;
  /** The conceding curve's share of the pace when moving first, once news has moved its points. */
  static final double NEWS_SHARE = 0.7;
  /**
   * The other side's reservation, in the model's units, is guessed as this
   * share of its least demanding offer's estimated value.
   */
  static final double RESERVATION_SHARE = 0.5;
  /** Packages the model rates this close count as liked the same, so the bot keeps the difference. */
  static final double INDIFFERENCE = 0.02;

  public Expert() {
    this(Style.FIXED);
  }

  public Expert(Style style) {
    super("expert", style);
  }

  @Override
  protected OpponentModel model(Situation s) {
    return OpponentModel.hardHeaded(s.view().scenario(), s.theirOffers());
  }

  @Override
  protected double indifference() {
    return INDIFFERENCE;
  }

  @Override
  protected double target(Situation s) {
    int rv = s.reservationValue();
    int best = s.packages().best();
    if (s.isUltimatum()) {
      OptionalInt safe = safeFinalOffer(s);
      return safe.isPresent() ? s.packages().points(safe.getAsInt()) : rv + 1;
    }
    boolean second = !s.view().scenario().firstMover().equals(s.me());
    double share = second ? SECOND_MOVER_SHARE : newsMovedMyPoints(s) ? NEWS_SHARE : CALM_SHARE;
    double f = paceFactor(s);
    double target = share * TimeDependent.curve(s.time(), FAST * f, rv, best)
        + (1 - share) * TimeDependent.curve(s.time(), SLOW * f, rv, best);
    if (second && s.isFinalOffer()) {
      target = Math.max(target, s.packages().points(nash(s)));
    }
    return target;
  }

  private static boolean newsMovedMyPoints(Situation s) {
    return s.view().news().stream().anyMatch(n -> n.round() >= 2 && !n.pointChanges().isEmpty());
  }

  /**
   * The estimated Nash package: among packages worth the reservation value,
   * the largest product of the bot's gain and the other side's estimated
   * liking above its guessed reservation.
   */
  static int nash(Situation s) {
    OwnPackages packages = s.packages();
    OpponentModel model = OpponentModel.withPrior(packages, s.theirOffers());
    int rv = s.reservationValue();
    double theirReservation = 0;
    if (!s.theirOffers().isEmpty()) {
      theirReservation = Double.POSITIVE_INFINITY;
      for (Package o : s.theirOffers()) {
        theirReservation = Math.min(theirReservation, model.value(packages, packages.indexOf(o)));
      }
      theirReservation *= RESERVATION_SHARE;
    }
    int nash = -1;
    double most = Double.NEGATIVE_INFINITY;
    int richest = 0;
    for (int k = 0; k < packages.size(); k++) {
      if (packages.points(k) > packages.points(richest)) {
        richest = k;
      }
      double v = model.value(packages, k);
      if (packages.points(k) >= rv && v >= theirReservation) {
        double product = (packages.points(k) - rv) * (v - theirReservation);
        if (product > most) {
          nash = k;
          most = product;
        }
      }
    }
    return nash >= 0 ? nash : richest;
  }
}
