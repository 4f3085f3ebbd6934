package org.hikiwake.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.junit.jupiter.api.Test;

/**
 * Each strategy's concession curve has the promised shape, measured on its
 * own points of its own offers: against a side that never moves, over ten
 * rounds of every built-in scenario, in both roles and over several seeds.
 * A point of a curve is the share of the way from its best package to its
 * reservation value that an offer gives up, under the points in force when
 * it was made.
 */
class ConcessionCurveTest {
  private static final int SEEDS = 5;
  private static final int ROUNDS = 10;

  /** One offer's place on the curve. */
  private record Point(double time, double conceded) {}

  @Test
  void boulware_againstASideThatNeverMoves_concedesLate() {
    forEachCurve(Boulware::new, curve -> {
      assertThat(concededBy(curve, 0.5)).as("conceded by half time").isLessThan(0.15);
      assertThat(last(curve).conceded()).as("conceded on its last offer").isGreaterThan(0.8);
    });
  }

  @Test
  void conceder_againstASideThatNeverMoves_concedesEarly() {
    forEachCurve(Conceder::new, curve -> {
      assertThat(concededBy(curve, 0.25)).as("conceded by a quarter of the time")
          .isGreaterThan(0.4);
      assertThat(concededBy(curve, 0.5)).as("conceded by half time").isGreaterThan(0.65);
    });
  }

  @Test
  void linear_againstASideThatNeverMoves_concedesInBetween() {
    forEachCurve(Linear::new, curve -> {
      for (Point p : curve) {
        if (p.time() < 1) {
          assertThat(p.conceded()).as("conceded at time %.2f", p.time())
              .isBetween(p.time() - 0.1, p.time() + 0.1);
        }
      }
    });
  }

  @Test
  void timeDependent_atHalfTime_boulwareBelowLinearBelowConceder() {
    forEachScenarioRoleAndSeed((scenario, role, seed) -> {
      double boulware = concededBy(curve(scenario, role, seed, Boulware::new), 0.5);
      double linear = concededBy(curve(scenario, role, seed, Linear::new), 0.5);
      double conceder = concededBy(curve(scenario, role, seed, Conceder::new), 0.5);
      double expert = concededBy(curve(scenario, role, seed, Expert::new), 0.5);
      assertThat(boulware).as("boulware below linear").isLessThan(linear);
      assertThat(linear).as("linear below conceder").isLessThan(conceder);
      assertThat(expert).as("expert between boulware and conceder").isBetween(boulware, conceder);
    });
  }

  @Test
  void timeDependent_againstASideThatNeverMoves_neverTakesBackAConcession() {
    for (Supplier<Strategy> strategy : List.<Supplier<Strategy>>of(Boulware::new, Linear::new,
        Conceder::new)) {
      forEachCurve(strategy, curve -> {
        for (int i = 1; i < curve.size(); i++) {
          // A proposal may sit up to TOLERANCE points above its target.
          assertThat(curve.get(i).conceded()).as("offer %s against offer %s", i, i - 1)
              .isGreaterThan(curve.get(i - 1).conceded() - 0.06);
        }
      });
    }
  }

  @Test
  void titForTat_againstEveryStrategy_movesAsMuchAsTheOtherSideMovedLast() {
    int checked = 0;
    for (Scenario scenario : Players.builtIns()) {
      for (Role role : scenario.roles()) {
        for (Map.Entry<String, Supplier<Strategy>> other : Players.everyStrategy().entrySet()) {
          Match match = Match.play(scenario, GameSettings.untimed(ROUNDS), Map.of(
              role.id(), Bot.of(new TitForTat(), Players.BASE_SEED),
              scenario.opponentOf(role.id()), Bot.of(other.getValue().get(), Players.BASE_SEED)));
          for (Match.Turn turn : match.turns()) {
            if (turn.role().equals(role.id()) && turn.action() instanceof BotAction.Propose p) {
              checked += checkMirrored(turn.view(), p, other.getKey());
            }
          }
        }
      }
    }
    assertThat(checked).as("offers checked").isGreaterThan(50);
  }

  /** Checks one tit-for-tat offer made after a move of the other side; 1 if it was checked. */
  private static int checkMirrored(GameView view, BotAction.Propose proposal, String against) {
    String me = view.myRole().orElseThrow();
    String other = view.scenario().opponentOf(me);
    OwnPackages mine = OwnPackages.of(view.scenario(), view.mySheet().orElseThrow().points());
    int rv = view.mySheet().orElseThrow().reservationValue();
    List<Integer> myOffers = new ArrayList<>();
    List<Integer> theirOffers = new ArrayList<>();
    view.offers().forEach(o -> (o.proposer().equals(me) ? myOffers : theirOffers)
        .add(mine.pointsOf(o.pkg())));
    boolean finalOffer = view.turn() / 2 == (view.scenario().firstMover().equals(me)
        ? ROUNDS - 1 : ROUNDS - 2);
    if (myOffers.size() < 2 || theirOffers.size() < 2 || finalOffer) {
      return 0;
    }
    int last = myOffers.get(myOffers.size() - 1);
    int moved = theirOffers.get(theirOffers.size() - 1) - theirOffers.get(theirOffers.size() - 2);
    int target = (int) Math.ceil(Math.max(rv, Math.min(mine.best(), last - moved)));
    int floor = Integer.MAX_VALUE;
    for (int k = 0; k < mine.size(); k++) {
      if (mine.points(k) >= target) {
        floor = Math.min(floor, mine.points(k));
      }
    }
    int top = floor + TargetStrategy.TOLERANCE;
    if (target < last) {
      top = Math.max(floor, Math.min(top, last - 1));
    }
    assertThat(mine.pointsOf(proposal.pkg()))
        .as("against %s on turn %s: last offer %s, the other side moved %s", against,
            view.turn(), last, moved)
        .isBetween(floor, top);
    return 1;
  }

  @Test
  void linear_withAnUncertainEnd_hasConcededFullyByTheEarliestRoundTheGameMayEndAfter() {
    // ten rounds that may end after round 6 (here they run to 10): a bot that planned for
    // round 10 would have conceded about half by round 6 and lose the deal if it ended then
    GameSettings hidden = new GameSettings(ROUNDS, java.util.Optional.empty(),
        org.hikiwake.engine.game.NewsSchedule.asScenario(), java.util.Optional.of(
            new GameSettings.UncertainEnd(6, java.util.Optional.of(ROUNDS))));
    forEachScenarioRoleAndSeed((scenario, role, seed) -> {
      String other = scenario.opponentOf(role);
      Match match = Match.play(scenario, hidden, Map.of(role, Bot.of(new Linear(), seed),
          other, Bot.of(new Players.Stubborn(), seed + 1)));
      double mostByRound6 = 0;
      for (Match.Turn turn : match.turns()) {
        if (turn.role().equals(role) && turn.view().round() <= 6
            && turn.action() instanceof BotAction.Propose propose) {
          GameView view = turn.view();
          OwnPackages mine = OwnPackages.of(view.scenario(),
              view.mySheet().orElseThrow().points());
          int rv = view.mySheet().orElseThrow().reservationValue();
          mostByRound6 = Math.max(mostByRound6,
              (double) (mine.best() - mine.pointsOf(propose.pkg())) / (mine.best() - rv));
        }
      }
      assertThat(mostByRound6).as("Linear as %s on %s, seed %s: conceded by round 6", role,
          scenario.id(), seed).isGreaterThan(0.8);
    });
  }

  private interface Body {
    void check(Scenario scenario, String role, long seed);
  }

  private static void forEachScenarioRoleAndSeed(Body body) {
    for (Scenario scenario : Players.builtIns()) {
      for (Role role : scenario.roles()) {
        Players.forEachSeed(SEEDS, seed -> body.check(scenario, role.id(), seed));
      }
    }
  }

  private static void forEachCurve(Supplier<Strategy> strategy,
      java.util.function.Consumer<List<Point>> check) {
    forEachScenarioRoleAndSeed((scenario, role, seed) -> {
      List<Point> curve = curve(scenario, role, seed, strategy);
      assertThat(curve).as("offers of %s as %s", strategy.get().name(), role).hasSizeGreaterThan(3);
      try {
        check.accept(curve);
      } catch (AssertionError e) {
        throw new AssertionError(strategy.get().name() + " as " + role + " on " + scenario.id()
            + ", curve " + curve + ": " + e.getMessage(), e);
      }
    });
  }

  /** The bot's offers as points of its curve, against a side that never moves. */
  private static List<Point> curve(Scenario scenario, String role, long seed,
      Supplier<Strategy> strategy) {
    String other = scenario.opponentOf(role);
    Match match = Match.play(scenario, GameSettings.untimed(ROUNDS), Map.of(
        role, Bot.of(strategy.get(), seed), other, Bot.of(new Players.Stubborn(), seed + 1)));
    assertThat(match.rejected()).isEmpty();
    List<Point> curve = new ArrayList<>();
    for (Match.Turn turn : match.turns()) {
      if (turn.role().equals(role) && turn.action() instanceof BotAction.Propose propose) {
        GameView view = turn.view();
        OwnPackages mine = OwnPackages.of(view.scenario(), view.mySheet().orElseThrow().points());
        int rv = view.mySheet().orElseThrow().reservationValue();
        boolean first = scenario.firstMover().equals(role);
        int lastOffer = first ? ROUNDS - 1 : ROUNDS - 2;
        double time = Math.min(1.0, (double) (view.turn() / 2) / lastOffer);
        double conceded = (double) (mine.best() - mine.pointsOf(propose.pkg())) / (mine.best() - rv);
        curve.add(new Point(time, conceded));
      }
    }
    return curve;
  }

  /** The most conceded by the given time. */
  private static double concededBy(List<Point> curve, double time) {
    double most = 0;
    for (Point p : curve) {
      if (p.time() <= time + 1e-9) {
        most = Math.max(most, p.conceded());
      }
    }
    return most;
  }

  private static Point last(List<Point> curve) {
    return curve.get(curve.size() - 1);
  }
}
