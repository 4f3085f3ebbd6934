package org.hikiwake.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Link;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * A six-package scenario worked out by hand, then a seeded-random cross-check
 * against brute force on random point tables.
 */
class AnalysisTest {
  /**
   * Points (a/b): x1 30/60, x2 0/0, x3 90/0; y1 0/40, y2 10/20. Reservation
   * values a 0, b 25. The six packages, in enumeration order:
   *
   * <pre>
   *   x1y1  30/100   frontier   in ZOPA  Nash product 30*75 = 2250
   *   x1y2  40/80    frontier   in ZOPA  Nash product 40*55 = 2200
   *   x2y1   0/40    dominated  in ZOPA  (by x3y1, x1y2, x1y1)
   *   x2y2  10/20    dominated           (by everything but x2y1)
   *   x3y1  90/40    frontier   in ZOPA  Nash product 90*15 = 1350
   *   x3y2 100/20    frontier
   * </pre>
   *
   * Kalai-Smorodinsky: the best points in the ZOPA are a 90 and b 100, so the
   * spans are 90 and 75; min(gain a / 90, gain b / 75) is x1y1 0.33, x1y2
   * 0.44, x2y1 0, x3y1 0.2: x1y2 wins, while Nash picks x1y1.
   */
  private static final String TINY = """
      id: "tiny"
      title: "Tiny"
      roles { id: "a" name: "A" reservation_value: 0 }
      roles { id: "b" name: "B" reservation_value: 25 }
      issues {
        id: "x"
        name: "X"
        options { id: "x1" label: "X1"
          points { role: "a" value: 30 } points { role: "b" value: 60 } }
        options { id: "x2" label: "X2"
          points { role: "a" value: 0 } points { role: "b" value: 0 } }
        options { id: "x3" label: "X3"
          points { role: "a" value: 90 } points { role: "b" value: 0 } }
      }
      issues {
        id: "y"
        name: "Y"
        options { id: "y1" label: "Y1"
          points { role: "a" value: 0 } points { role: "b" value: 40 } }
        options { id: "y2" label: "Y2"
          points { role: "a" value: 10 } points { role: "b" value: 20 } }
      }
      rounds: 1
      first_mover: "a"
      """;

  private static final Package X1Y1 = Package.of("x", "x1", "y", "y1");
  private static final Package X1Y2 = Package.of("x", "x1", "y", "y2");
  private static final Package X2Y1 = Package.of("x", "x2", "y", "y1");
  private static final Package X2Y2 = Package.of("x", "x2", "y", "y2");
  private static final Package X3Y1 = Package.of("x", "x3", "y", "y1");
  private static final Package X3Y2 = Package.of("x", "x3", "y", "y2");

  private static final long BASE_SEED = Long.getLong("hikiwake.seed", 20131102L);
  private static final int TABLES = Integer.getInteger("hikiwake.tables", 300);

  // ---- the tiny scenario, by hand ----

  @Test
  void points_tinyScenario_everyPackageInEnumerationOrder() {
    Analysis analysis = Analysis.of(tiny());

    assertThat(analysis.points()).containsExactly(
        new Point(X1Y1, 30, 100),
        new Point(X1Y2, 40, 80),
        new Point(X2Y1, 0, 40),
        new Point(X2Y2, 10, 20),
        new Point(X3Y1, 90, 40),
        new Point(X3Y2, 100, 20));
    assertThat(Analysis.packageCount(tiny())).isEqualTo(6);
  }

  @Test
  void frontier_tinyScenario_isTheUndominatedPackagesByDescendingFirst() {
    assertThat(Analysis.of(tiny()).frontier()).extracting(Point::pkg)
        .containsExactly(X3Y2, X3Y1, X1Y2, X1Y1);
  }

  @Test
  void zopa_tinyScenario_holdsThePackagesClearingBothReservationValues() {
    Analysis analysis = Analysis.of(tiny());

    assertThat(analysis.zopaSize()).isEqualTo(4);
    assertThat(analysis.zopa()).extracting(Point::pkg)
        .containsExactlyInAnyOrder(X1Y1, X1Y2, X2Y1, X3Y1);
  }

  @Test
  void nash_tinyScenario_maximisesTheProductOfGains() {
    assertThat(Analysis.of(tiny()).nash()).contains(new Point(X1Y1, 30, 100));
  }

  @Test
  void kalaiSmorodinsky_tinyScenario_maximisesTheSmallerShareOfPossibleGain() {
    assertThat(Analysis.of(tiny()).kalaiSmorodinsky()).contains(new Point(X1Y2, 40, 80));
  }

  @Test
  void assess_dominatedPackageInZopa_measuresTheWayToTheNearestBetterFrontierPackage() {
    Assessment assessment = Analysis.of(tiny()).assess(X2Y1);

    assertThat(assessment.point()).isEqualTo(new Point(X2Y1, 0, 40));
    assertThat(assessment.dominated()).isTrue();
    // Nearest frontier package at least as good for both: x1y2 at (40, 80).
    assertThat(assessment.distanceToFrontier()).isCloseTo(40 * Math.sqrt(2), within(1e-9));
    // Most joint gain: x3y1 or x1y1, both 130 against 40.
    assertThat(assessment.jointGainLeft()).isEqualTo(90);
    assertThat(assessment.acceptableToBoth()).isTrue();
  }

  @Test
  void assess_dominatedPackageOutsideZopa_isNotAcceptable() {
    Assessment assessment = Analysis.of(tiny()).assess(X2Y2);

    assertThat(assessment.dominated()).isTrue();
    // x1y2 at (40, 80) is nearest: sqrt(30^2 + 60^2).
    assertThat(assessment.distanceToFrontier()).isCloseTo(Math.sqrt(4500), within(1e-9));
    // x3y1 or x1y1: 130 against 30.
    assertThat(assessment.jointGainLeft()).isEqualTo(100);
    assertThat(assessment.acceptableToBoth()).isFalse();
  }

  @Test
  void assess_frontierPackage_isUndominatedAtDistanceZero() {
    Analysis analysis = Analysis.of(tiny());

    Assessment inZopa = analysis.assess(X1Y2);
    Assessment outsideZopa = analysis.assess(X3Y2);

    assertThat(inZopa.dominated()).isFalse();
    assertThat(inZopa.distanceToFrontier()).isZero();
    assertThat(inZopa.jointGainLeft()).isZero();
    assertThat(inZopa.acceptableToBoth()).isTrue();
    assertThat(outsideZopa.dominated()).isFalse();
    assertThat(outsideZopa.distanceToFrontier()).isZero();
    assertThat(outsideZopa.acceptableToBoth()).isFalse();
  }

  @Test
  void pointOf_issuesInAnyOrder_findsThePackage() {
    assertThat(Analysis.of(tiny()).pointOf(Package.of("y", "y2", "x", "x3")))
        .isEqualTo(new Point(X3Y2, 100, 20));
  }

  @Test
  void pointOf_incompletePackage_isACallerMistake() {
    Analysis analysis = Analysis.of(tiny());

    assertThatThrownBy(() -> analysis.pointOf(Package.of("x", "x1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y");
  }

  @Test
  void of_pointsInForce_analysesThoseInsteadOfTheBasePoints() {
    Scenario tiny = tiny();
    // a now values x2 at 95: x2y1 95/40 and x2y2 105/20 push x3 off the frontier.
    Map<String, PointsTable> inForce = Map.of(
        "a", tiny.pointsOf("a").plus("x", "x2", 95),
        "b", tiny.pointsOf("b"));

    Analysis analysis = Analysis.of(tiny, inForce);

    assertThat(analysis.pointOf(X2Y2)).isEqualTo(new Point(X2Y2, 105, 20));
    assertThat(analysis.frontier()).extracting(Point::pkg)
        .containsExactly(X2Y2, X2Y1, X1Y2, X1Y1);
    // x2y1 now has gains 95 * 15 = 1425; x1y1 still wins with 2250.
    assertThat(analysis.nash()).map(Point::pkg).contains(X1Y1);
  }

  @Test
  void of_pointsForOtherRoles_isACallerMistake() {
    Scenario tiny = tiny();

    assertThatThrownBy(() -> Analysis.of(tiny, Map.of("a", tiny.pointsOf("a"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zopa_reservationValuesAboveEveryPackage_isEmptyWithNoBargainingPackage()
      throws ScenarioException {
    Scenario greedy = ScenarioLoader.fromText(
        TINY.replace("reservation_value: 0", "reservation_value: 95")
            .replace("reservation_value: 25", "reservation_value: 95"), "greedy");

    Analysis analysis = Analysis.of(greedy);

    assertThat(analysis.zopaSize()).isZero();
    assertThat(analysis.nash()).isEmpty();
    assertThat(analysis.kalaiSmorodinsky()).isEmpty();
    assertThat(analysis.assess(X3Y2).acceptableToBoth()).isFalse();
  }

  // ---- shares of the largest possible gain ----

  @Test
  void largestGain_tinyScenario_isTheBestPointsInTheZopaLessTheReservationValue() {
    Analysis analysis = Analysis.of(tiny());

    // a: x3y1 90 - 0; b: x1y1 100 - 25. x3y2 (a 100) is outside the ZOPA.
    assertThat(analysis.largestGain("a")).hasValue(90);
    assertThat(analysis.largestGain("b")).hasValue(75);
  }

  @Test
  void shareOfGain_tinyScenario_isGainOverTheReservationValueAsAShareOfTheLargest() {
    Analysis analysis = Analysis.of(tiny());

    assertThat(analysis.shareOfGain("a", X1Y2).getAsDouble()).isCloseTo(40 / 90.0, within(1e-12));
    assertThat(analysis.shareOfGain("b", X1Y2).getAsDouble()).isCloseTo(55 / 75.0, within(1e-12));
    assertThat(analysis.shareOfGain("b", X1Y1).getAsDouble()).isEqualTo(1.0);
    // No agreement scores the reservation value: a share of 0.
    assertThat(analysis.shareOfGain("b", 25).getAsDouble()).isZero();
    // A package worse than no deal has a negative share: x3y2 gives b 20.
    assertThat(analysis.shareOfGain("b", X3Y2).getAsDouble()).isCloseTo(-5 / 75.0, within(1e-12));
  }

  @Test
  void shareOfGain_emptyZopa_isEmpty() throws ScenarioException {
    Analysis analysis = Analysis.of(ScenarioLoader.fromText(
        TINY.replace("reservation_value: 0", "reservation_value: 95"), "greedy"));

    assertThat(analysis.largestGain("a")).isEmpty();
    assertThat(analysis.shareOfGain("a", X1Y1)).isEmpty();
  }

  @Test
  void shareOfGain_unknownRole_isACallerMistake() {
    assertThatThrownBy(() -> Analysis.of(tiny()).shareOfGain("c", 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c");
  }

  // ---- round by round ----

  @Test
  void roundAnalysis_scenarioWithNews_analysesTheStartAndEveryRoundWithNews()
      throws ScenarioException {
    // Round 2: a's x2 jumps by 95 (x2y2 105/20, as in the test above).
    // Round 4: b's y2 drops by 20. Round 3 has no news and is left out.
    Scenario scheduled = ScenarioLoader.fromText(TINY.replace("rounds: 1", """
        rounds: 4
        news { id: "up" round: 2 headline: "Up"
          point_changes { role: "a" issue: "x" option: "x2" delta: 95 } }
        news { id: "down" round: 4 headline: "Down"
          point_changes { role: "b" issue: "y" option: "y2" delta: -20 } }"""), "scheduled");

    ImmutableList<RoundAnalysis> rounds = RoundAnalysis.of(scheduled);

    assertThat(rounds).extracting(RoundAnalysis::round).containsExactly(1, 2, 4);
    assertThat(rounds.get(0).news()).isEmpty();
    assertThat(rounds.get(1).news()).extracting(n -> n.id()).containsExactly("up");
    assertThat(rounds.get(0).analysis().pointOf(X2Y2)).isEqualTo(new Point(X2Y2, 10, 20));
    assertThat(rounds.get(1).analysis().pointOf(X2Y2)).isEqualTo(new Point(X2Y2, 105, 20));
    // Round 4 keeps round 2's news: changes are cumulative.
    assertThat(rounds.get(2).analysis().pointOf(X2Y2)).isEqualTo(new Point(X2Y2, 105, 0));
    for (RoundAnalysis r : rounds) {
      assertThat(r.analysis().zopaSize()).as("round %s", r.round())
          .isEqualTo(Analysis.of(scheduled, scheduled.pointsInForce(r.round())).zopaSize());
    }
  }

  // ---- random tables against brute force ----

  @Test
  void of_linkInTheTinyScenario_movesThePackagesItMatches() throws ScenarioException {
    // b loses 40 on x1 with y2 (80 -> 40). The shares of possible gain become
    // x1y1 min(30/90, 75/75) = 0.33, x1y2 min(40/90, 15/75) = 0.2, x3y1 0.2:
    // the Kalai-Smorodinsky package moves from x1y2 to x1y1.
    Scenario linked = ScenarioLoader.fromText(TINY.replace("rounds: 1", """
        links { id: "l" role: "b" delta: -40
          conditions { issue: "x" options: "x1" } conditions { issue: "y" options: "y2" } }
        rounds: 1"""), "linked");

    Analysis analysis = Analysis.of(linked);

    assertThat(analysis.pointOf(X1Y2)).isEqualTo(new Point(X1Y2, 40, 40));
    assertThat(analysis.pointOf(X1Y1)).isEqualTo(new Point(X1Y1, 30, 100));
    assertThat(analysis.kalaiSmorodinsky()).map(Point::pkg).contains(X1Y1);
  }

  @Test
  void of_randomPointTables_agreesWithBruteForce() {
    System.out.println("AnalysisTest: random tables from seed " + BASE_SEED + " (" + TABLES
        + " tables; -Dhikiwake.seed=N -Dhikiwake.tables=N to change)");
    for (int i = 0; i < TABLES; i++) {
      long seed = BASE_SEED + i;
      try {
        checkAgainstBruteForce(randomScenario(new Random(seed)));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("table with seed=" + seed + " failed (replay it alone with"
            + " -Dhikiwake.seed=" + seed + " -Dhikiwake.tables=1): " + e.getMessage(), e);
      }
    }
  }

  private static void checkAgainstBruteForce(Scenario scenario) {
    Analysis analysis = Analysis.of(scenario);
    PointsTable first = scenario.pointsOf(scenario.roles().get(0).id());
    PointsTable second = scenario.pointsOf(scenario.roles().get(1).id());
    int rvFirst = scenario.roles().get(0).reservationValue();
    int rvSecond = scenario.roles().get(1).reservationValue();
    List<Point> all = analysis.points();

    assertThat(all).hasSize((int) Analysis.packageCount(scenario));
    assertThat(all.stream().map(Point::pkg).distinct().count()).isEqualTo(all.size());
    for (Point p : all) {
      assertThat(p.first()).as("first of %s", p.pkg()).isEqualTo(first.score(p.pkg()));
      assertThat(p.second()).as("second of %s", p.pkg()).isEqualTo(second.score(p.pkg()));
    }
    assertThat(first.bestTotal())
        .isEqualTo(all.stream().mapToInt(Point::first).max().orElseThrow());
    assertThat(first.worstTotal())
        .isEqualTo(all.stream().mapToInt(Point::first).min().orElseThrow());
    assertThat(second.bestTotal())
        .isEqualTo(all.stream().mapToInt(Point::second).max().orElseThrow());
    assertThat(second.worstTotal())
        .isEqualTo(all.stream().mapToInt(Point::second).min().orElseThrow());

    List<Point> frontier = new ArrayList<>();
    for (Point p : all) {
      if (!isDominated(p, all)) {
        frontier.add(p);
      }
    }
    assertThat(analysis.frontier()).containsExactlyInAnyOrderElementsOf(frontier);
    for (int k = 1; k < analysis.frontier().size(); k++) {
      assertThat(analysis.frontier().get(k).first())
          .isLessThanOrEqualTo(analysis.frontier().get(k - 1).first());
    }

    for (Point p : all) {
      Assessment a = analysis.assess(p.pkg());
      boolean dominated = isDominated(p, all);
      double distance = Double.MAX_VALUE;
      int gain = 0;
      for (Point q : all) {
        if (q.first() >= p.first() && q.second() >= p.second()) {
          gain = Math.max(gain, q.first() + q.second() - p.first() - p.second());
          if (!isDominated(q, all)) {
            distance = Math.min(distance, Math.hypot(q.first() - p.first(),
                q.second() - p.second()));
          }
        }
      }
      assertThat(a.dominated()).as("dominated %s", p).isEqualTo(dominated);
      assertThat(a.distanceToFrontier()).as("distance of %s", p).isCloseTo(distance, within(1e-9));
      assertThat(a.distanceToFrontier() > 0).as("distance of %s", p).isEqualTo(dominated);
      assertThat(a.jointGainLeft()).as("joint gain left of %s", p).isEqualTo(gain);
      assertThat(a.acceptableToBoth()).as("acceptable %s", p)
          .isEqualTo(p.first() >= rvFirst && p.second() >= rvSecond);
    }

    List<Point> zopa = all.stream()
        .filter(p -> p.first() >= rvFirst && p.second() >= rvSecond).toList();
    assertThat(analysis.zopa()).containsExactlyElementsOf(zopa);
    assertThat(analysis.zopaSize()).isEqualTo(zopa.size());

    // Nash: largest product of gains, then largest joint sum, then earliest.
    Optional<Point> nash = Optional.empty();
    for (Point p : zopa) {
      long product = (long) (p.first() - rvFirst) * (p.second() - rvSecond);
      if (nash.isEmpty()) {
        nash = Optional.of(p);
        continue;
      }
      Point n = nash.get();
      long best = (long) (n.first() - rvFirst) * (n.second() - rvSecond);
      if (product > best || (product == best && p.sum() > n.sum())) {
        nash = Optional.of(p);
      }
    }
    assertThat(analysis.nash()).isEqualTo(nash);

    if (zopa.isEmpty()) {
      assertThat(analysis.kalaiSmorodinsky()).isEmpty();
    } else {
      int idealFirst = zopa.stream().mapToInt(Point::first).max().orElseThrow();
      int idealSecond = zopa.stream().mapToInt(Point::second).max().orElseThrow();
      double bestShare = zopa.stream()
          .mapToDouble(p -> share(p, rvFirst, rvSecond, idealFirst, idealSecond))
          .max().orElseThrow();
      Point ks = analysis.kalaiSmorodinsky().orElseThrow();
      assertThat(zopa).contains(ks);
      assertThat(share(ks, rvFirst, rvSecond, idealFirst, idealSecond))
          .isCloseTo(bestShare, within(1e-12));
    }
  }

  private static boolean isDominated(Point p, List<Point> all) {
    for (Point q : all) {
      if (q.first() >= p.first() && q.second() >= p.second()
          && (q.first() > p.first() || q.second() > p.second())) {
        return true;
      }
    }
    return false;
  }

  private static double share(Point p, int rvFirst, int rvSecond, int idealFirst,
      int idealSecond) {
    return Math.min((p.first() - rvFirst) / (double) Math.max(1, idealFirst - rvFirst),
        (p.second() - rvSecond) / (double) Math.max(1, idealSecond - rvSecond));
  }

  /**
   * 1 to 4 issues of 2 to 5 options, points 0 to 12 (so ties are common), and
   * with two issues or more up to 3 links per role on random option subsets,
   * deltas -12 to 12.
   */
  private static Scenario randomScenario(Random rnd) {
    int issueCount = 1 + rnd.nextInt(4);
    List<Issue> issues = new ArrayList<>();
    Map<String, Map<String, Integer>> first = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> second = new LinkedHashMap<>();
    for (int i = 0; i < issueCount; i++) {
      String issueId = "i" + i;
      List<Option> options = new ArrayList<>();
      Map<String, Integer> firstRow = new LinkedHashMap<>();
      Map<String, Integer> secondRow = new LinkedHashMap<>();
      int optionCount = 2 + rnd.nextInt(4);
      for (int o = 0; o < optionCount; o++) {
        String optionId = "o" + o;
        options.add(new Option(optionId, optionId, ""));
        firstRow.put(optionId, rnd.nextInt(13));
        secondRow.put(optionId, rnd.nextInt(13));
      }
      issues.add(Issue.of(issueId, issueId, "", options));
      first.put(issueId, firstRow);
      second.put(issueId, secondRow);
    }
    int maxTotal = 12 * issueCount;
    return new Scenario("random", "Random", "",
        ImmutableList.of(
            new Role("p", "P", "", rnd.nextInt(maxTotal)),
            new Role("q", "Q", "", rnd.nextInt(maxTotal))),
        ImmutableList.copyOf(issues),
        ImmutableMap.of("p", PointsTable.of(first, randomLinks(rnd, issues)),
            "q", PointsTable.of(second, randomLinks(rnd, issues))),
        1, "p", ImmutableList.of());
  }

  private static List<Link> randomLinks(Random rnd, List<Issue> issues) {
    List<Link> links = new ArrayList<>();
    int count = issues.size() < 2 ? 0 : rnd.nextInt(4);
    for (int l = 0; l < count; l++) {
      List<Issue> shuffled = new ArrayList<>(issues);
      java.util.Collections.shuffle(shuffled, rnd);
      Map<String, List<String>> conditions = new LinkedHashMap<>();
      for (Issue issue : shuffled.subList(0, 2 + rnd.nextInt(issues.size() - 1))) {
        List<String> options = new ArrayList<>();
        for (Option o : issue.options()) {
          if (rnd.nextBoolean()) {
            options.add(o.id());
          }
        }
        if (options.isEmpty()) {
          options.add(issue.options().get(rnd.nextInt(issue.options().size())).id());
        }
        conditions.put(issue.id(), options);
      }
      int delta = rnd.nextInt(12) + 1;
      links.add(Link.of("l" + l, conditions, rnd.nextBoolean() ? delta : -delta, ""));
    }
    return links;
  }

  private static Scenario tiny() {
    try {
      return ScenarioLoader.fromText(TINY, "tiny.textproto");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }
}
