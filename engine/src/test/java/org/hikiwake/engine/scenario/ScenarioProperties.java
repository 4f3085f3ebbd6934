package org.hikiwake.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Rules;

/**
 * Checks that every built-in scenario's property tests share, each one a
 * DESIGN.md property or an issue 16 fix, asserted on the real file.
 */
final class ScenarioProperties {
  private ScenarioProperties() {}

  /** A check run under the points in force in one round. */
  interface RoundCheck {
    void check(int round, Analysis analysis);
  }

  /** Runs the check under the points in force in each round, news applied as scheduled. */
  static void forEveryRound(Scenario scenario, RoundCheck check) {
    for (int round = 1; round <= scenario.rounds(); round++) {
      check.check(round, Analysis.of(scenario, scenario.pointsInForce(round)));
    }
  }

  static int rv(Scenario scenario, String role) {
    return scenario.role(role).orElseThrow().reservationValue();
  }

  /** Property 1: the ZOPA at the start is not empty and clears both reservation values. */
  static void assertZopaAtStart(Scenario scenario) {
    Analysis analysis = Analysis.of(scenario, scenario.pointsInForce(1));

    assertThat(analysis.zopaSize()).isPositive();
    assertThat(analysis.zopa()).allSatisfy(p -> {
      assertThat(p.first()).isGreaterThanOrEqualTo(rv(scenario, first(scenario)));
      assertThat(p.second()).isGreaterThanOrEqualTo(rv(scenario, second(scenario)));
    });
  }

  /** Property 3: in every round the Nash package's option on the issue is none of these. */
  static void assertNashAvoids(Scenario scenario, String issue, String... options) {
    forEveryRound(scenario, (round, analysis) -> assertThat(
        analysis.nash().orElseThrow().pkg().option(issue).orElseThrow())
        .as("Nash package's %s in round %s", issue, round).isNotIn((Object[]) options));
  }

  /** Property 4: some pair of issues is ranked the other way round by the two sides. */
  static void assertSomeIssuesRankedOppositely(Scenario scenario) {
    PointsTable a = scenario.pointsOf(first(scenario));
    PointsTable b = scenario.pointsOf(second(scenario));
    List<String> reversed = new ArrayList<>();
    for (Issue i : scenario.issues()) {
      for (Issue j : scenario.issues()) {
        if (a.weight(i.id()) > a.weight(j.id()) && b.weight(i.id()) < b.weight(j.id())) {
          reversed.add(i.id() + " over " + j.id());
        }
      }
    }
    assertThat(reversed).isNotEmpty();
  }

  /**
   * Property 4, logrolling: issues dear to one side (at least twice the
   * weight) and cheap for the other, on which their favourite options differ;
   * at least one each way and two in all.
   */
  static void assertLogrolling(Scenario scenario) {
    List<String> dearToFirst = dearAndCheap(scenario, first(scenario), second(scenario));
    List<String> dearToSecond = dearAndCheap(scenario, second(scenario), first(scenario));

    assertThat(dearToFirst).as("dear to %s, cheap for %s", first(scenario), second(scenario))
        .isNotEmpty();
    assertThat(dearToSecond).as("dear to %s, cheap for %s", second(scenario), first(scenario))
        .isNotEmpty();
    assertThat(dearToFirst.size() + dearToSecond.size()).isGreaterThanOrEqualTo(2);
  }

  private static List<String> dearAndCheap(Scenario scenario, String dear, String cheap) {
    PointsTable d = scenario.pointsOf(dear);
    PointsTable c = scenario.pointsOf(cheap);
    List<String> out = new ArrayList<>();
    for (Issue issue : scenario.issues()) {
      if (d.weight(issue.id()) >= 2 * c.weight(issue.id())
          && !favourite(d, issue).equals(favourite(c, issue))) {
        out.add(issue.id());
      }
    }
    return out;
  }

  private static String favourite(PointsTable table, Issue issue) {
    return issue.options().stream()
        .max(Comparator.comparingInt(o -> table.points(issue.id(), o.id())))
        .orElseThrow().id();
  }

  /** Property 4: some package is strictly better for both than the middle of every issue. */
  static void assertSplitTheDifferenceDominated(Scenario scenario) {
    Analysis analysis = Analysis.of(scenario, scenario.pointsInForce(1));
    Package middle = ScenarioFigures.splitTheDifference(scenario);
    Point split = analysis.pointOf(middle);

    assertThat(analysis.points()).anySatisfy(p -> {
      assertThat(p.first()).isGreaterThan(split.first());
      assertThat(p.second()).isGreaterThan(split.second());
    });
    assertThat(analysis.assess(middle).dominated()).isTrue();
  }

  /** Property 5: the news of this round shrinks the ZOPA. */
  static void assertNewsShrinksTheZopa(Scenario scenario, String newsId) {
    int round = scenario.newsItem(newsId).orElseThrow().round();
    int before = Analysis.of(scenario, scenario.pointsInForce(round - 1)).zopaSize();

    assertThat(Analysis.of(scenario, scenario.pointsInForce(round)).zopaSize())
        .as("ZOPA after %s", newsId).isLessThan(before);
  }

  /** Walking away and a package that agrees to nothing new are worth the same, every round. */
  static void assertNothingAgreedScoresTheReservationValues(Scenario scenario) {
    Package nothing = ScenarioFigures.firstOptions(scenario);
    forEveryRound(scenario, (round, analysis) ->
        assertThat(analysis.pointOf(nothing)).as("round %s", round)
            .isEqualTo(new Point(scenario.canonical(nothing), rv(scenario, first(scenario)),
                rv(scenario, second(scenario)))));
  }

  /** The engine's news fold agrees with the rules' in every round. */
  static void assertPointsInForceMatchTheRules(Scenario scenario) {
    GameState state = GameState.initial(scenario);
    for (int round = 1; round <= scenario.rounds(); round++) {
      for (News news : scenario.newsFor(round)) {
        state = Rules.apply(state, new Event.NewsArrived(news.id()));
      }
      Map<String, PointsTable> fromRules = state.pointsInForce();
      assertThat(fromRules).as("round %s", round).isEqualTo(scenario.pointsInForce(round));
    }
  }

  private static String first(Scenario scenario) {
    return scenario.roles().get(0).id();
  }

  private static String second(Scenario scenario) {
    return scenario.roles().get(1).id();
  }
}
