package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Package;

/**
 * The turn every built-in strategy plays, around a target in its own points
 * that each strategy sets its own way. It proposes the package nearest the
 * target (never below its reservation value) that suits the other side best
 * as far as it can tell, and accepts the other side's offer when that is
 * worth at least what it would propose now.
 *
 * <p>Two turns are special. On its last useful offer the bot knows the other
 * side can accept but not counter, so it asks for the best it can expect the
 * other side to sign: the best for itself of the other side's own offers made
 * under the points now in force, if that beats its target. On the game's
 * last turn an offer could never be accepted, so it accepts any offer worth
 * at least its reservation value (no deal would give it no more) and
 * otherwise walks away.
 */
public abstract class TargetStrategy implements Strategy {
  /**
   * How far above the lowest package that reaches the target a proposal may
   * be, in points, so the bot can pick the one the other side likes best.
   */
  static final int TOLERANCE = 2;

  private final String name;
  private final Style style;

  protected TargetStrategy(String name, Style style) {
    this.name = checkNotNull(name, "name");
    this.style = checkNotNull(style, "style");
  }

  @Override
  public final String name() {
    return name;
  }

  public final Style style() {
    return style;
  }

  /**
   * This turn's target in the bot's own points; values outside the
   * reservation value and the best package are clamped to them.
   */
  protected abstract double target(Situation s);

  /** The guess at the other side's liking that proposals are chosen by. */
  protected OpponentModel model(Situation s) {
    return OpponentModel.frequency(s.view().scenario(), s.theirOffers());
  }

  /**
   * How much less the model may rate a package than the best in reach and
   * still count as liked as much, so that the bot keeps the difference.
   */
  protected double indifference() {
    return 1e-9;
  }

  /** This game's factor on the strategy's pace, from its style and the bot's seed. */
  protected final double paceFactor(Situation s) {
    return style.factor(s.temper());
  }

  /**
   * The package to propose for this target: of the packages worth the target
   * to a little above it, the one the model says the other side likes most
   * (or, for a style that does not read offers, any one of them).
   */
  protected int proposal(Situation s, int target, OpponentModel model) {
    return proposal(s, target, Integer.MAX_VALUE, model);
  }

  /** The same, among packages worth at most {@code ceiling} (when any reaches the target). */
  final int proposal(Situation s, int target, int ceiling, OpponentModel model) {
    OwnPackages packages = s.packages();
    int floor = Integer.MAX_VALUE;
    for (int k = 0; k < packages.size(); k++) {
      if (packages.points(k) >= target) {
        floor = Math.min(floor, packages.points(k));
      }
    }
    int top = Math.max(floor, Math.min(floor + TOLERANCE, ceiling));
    List<Integer> candidates = new ArrayList<>();
    for (int k = 0; k < packages.size(); k++) {
      if (packages.points(k) >= floor && packages.points(k) <= top) {
        candidates.add(k);
      }
    }
    if (!style.readsOffers()) {
      return candidates.get(s.draws().nextInt(candidates.size()));
    }
    return likedMost(s, candidates, model, indifference());
  }

  @Override
  public final BotAction choose(Situation s) {
    int rv = s.reservationValue();
    OwnPackages packages = s.packages();
    Optional<Package> onTable = s.acceptable();
    int tableValue = onTable.map(s::pointsOf).orElse(Integer.MIN_VALUE);
    if (s.isLastTurn() || packages.best() < rv) {
      if (onTable.isPresent() && tableValue >= rv) {
        return new BotAction.Accept(Lines.acceptance(s.draws()));
      }
      return new BotAction.WalkAway(Lines.walkOut(s.draws()));
    }
    int target = (int) Math.ceil(Math.max(rv, Math.min(packages.best(), target(s))));
    int k = proposal(s, target, model(s));
    if (onTable.isPresent() && tableValue >= Math.max(rv, packages.points(k))) {
      return new BotAction.Accept(Lines.acceptance(s.draws()));
    }
    if (s.isFinalOffer()) {
      OptionalInt safe = safeFinalOffer(s);
      if (safe.isPresent() && packages.points(safe.getAsInt()) >= target) {
        k = safe.getAsInt();
        if (onTable.isPresent() && packages.pkg(k).equals(onTable.get())) {
          return new BotAction.Accept(Lines.acceptance(s.draws()));
        }
      }
    }
    return new BotAction.Propose(packages.pkg(k), line(s, packages.pkg(k), tableValue));
  }

  /**
   * The package the other side should still sign when it cannot counter: the
   * best for the bot of the other side's offers made under the points now in
   * force, moved to the other side's first offer (taken as its best package)
   * on every issue where that helps the bot, if no news has come since that
   * first offer. Empty if none of these is worth the reservation value.
   */
  static OptionalInt safeFinalOffer(Situation s) {
    ImmutableList<Package> inForce = s.theirOffersInForce();
    if (inForce.isEmpty()) {
      return OptionalInt.empty();
    }
    Package best = inForce.get(0);
    for (Package p : inForce) {
      if (s.pointsOf(p) > s.pointsOf(best)) {
        best = p;
      }
    }
    if (inForce.size() == s.theirOffers().size()) {
      Package first = inForce.get(0);
      for (Issue issue : s.view().scenario().issues()) {
        Package moved = best.with(issue.id(), first.option(issue.id()).orElseThrow());
        if (s.pointsOf(moved) > s.pointsOf(best)) {
          best = moved;
        }
      }
    }
    int k = s.packages().indexOf(best);
    return s.packages().points(k) >= s.reservationValue() ? OptionalInt.of(k) : OptionalInt.empty();
  }

  /**
   * Among candidate packages, the one the model rates highest; packages rated
   * within {@code tie} of each other count as equal, and then the one worth
   * most to the bot wins, then the draws decide.
   */
  static int likedMost(Situation s, List<Integer> candidates, OpponentModel model, double tie) {
    OwnPackages packages = s.packages();
    List<Integer> best = new ArrayList<>();
    double bestValue = Double.NEGATIVE_INFINITY;
    int bestPoints = Integer.MIN_VALUE;
    for (int k : candidates) {
      double v = model.value(packages, k);
      int p = packages.points(k);
      int cmp = Math.abs(v - bestValue) < tie ? Integer.compare(p, bestPoints)
          : Double.compare(v, bestValue);
      if (cmp > 0) {
        best.clear();
        bestValue = v;
        bestPoints = p;
      }
      if (cmp >= 0) {
        best.add(k);
      }
    }
    return best.get(s.draws().nextInt(best.size()));
  }

  private static Optional<String> line(Situation s, Package proposal, int tableValue) {
    ImmutableList<Package> mine = s.myOffers();
    if (s.isFinalOffer()) {
      return Lines.finalOffer(s.draws());
    }
    if (mine.isEmpty()) {
      return Lines.firstOffer(s.draws());
    }
    Package last = mine.get(mine.size() - 1);
    if (s.pointsOf(proposal) < s.pointsOf(last)) {
      List<String> moved = new ArrayList<>();
      for (Issue issue : s.view().scenario().issues()) {
        if (!proposal.option(issue.id()).equals(last.option(issue.id()))) {
          moved.add(issue.name());
        }
      }
      return Lines.concession(s.draws(), moved);
    }
    if (s.acceptable().isPresent() && tableValue < s.reservationValue()
        && s.draws().nextInt(2) == 0) {
      return Lines.refusal(s.draws());
    }
    return Optional.empty();
  }
}
