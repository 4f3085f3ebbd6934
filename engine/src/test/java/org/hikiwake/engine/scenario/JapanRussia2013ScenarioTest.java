package org.hikiwake.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Rules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The five properties DESIGN.md asks of the built-in 2013 scenario, computed
 * from the real file with {@link Analysis}. Figures quoted in the file's
 * comment are not asserted; the properties are.
 */
class JapanRussia2013ScenarioTest {
  private static final String ID = "japan-russia-2013";
  private static final String JAPAN = "japan";
  private static final String RUSSIA = "russia";
  private static final String CRIMEA = "crimea-sanctions";
  private static final Instant T0 = Instant.parse("2013-11-02T09:00:00Z");

  private static Scenario scenario;

  @BeforeAll
  static void load() throws ScenarioException {
    scenario = ScenarioLoader.fromClasspath(ID);
  }

  @Test
  void fromClasspath_builtInFile_loadsWithJapanFirstAndRussiaSecond() {
    assertThat(scenario.id()).isEqualTo(ID);
    // Analysis reports "first" for roles().get(0); the tests below rely on this order.
    assertThat(scenario.roles()).extracting(Role::id).containsExactly(JAPAN, RUSSIA);
    assertThat(scenario.newsItem(CRIMEA)).isPresent();
    for (Role role : scenario.roles()) {
      assertThat(scenario.pointsOf(role.id()).bestTotal()).as(role.id()).isEqualTo(100);
    }
  }

  @Test
  void builtInIds_index_listsTheScenario() {
    assertThat(ScenarioLoader.builtInIds()).contains(ID);
  }

  @Test
  void builtInIds_everyListedScenario_loads() throws ScenarioException {
    for (String id : ScenarioLoader.builtInIds()) {
      assertThat(ScenarioLoader.fromClasspath(id).id()).isEqualTo(id);
    }
  }

  @Test
  void fromProto_toProtoOfBuiltIn_roundTripsToAnEqualScenario() throws ScenarioException {
    Scenario back = ScenarioLoader.fromProto(ScenarioLoader.toProto(scenario), "copy");

    assertThat(back).isEqualTo(scenario);
  }

  /** Property 1. */
  @Test
  void zopa_atStart_isNotEmpty() {
    Analysis analysis = Analysis.of(scenario);

    assertThat(analysis.zopaSize()).isPositive();
    // And the ZOPA really is what both sides prefer to no deal.
    assertThat(analysis.zopa()).allSatisfy(p -> {
      assertThat(p.first()).isGreaterThanOrEqualTo(rv(JAPAN));
      assertThat(p.second()).isGreaterThanOrEqualTo(rv(RUSSIA));
    });
  }

  /** Property 2, under the base points and under the points in force in every round. */
  @Test
  void extremes_twoIslandsOnlyAndAnyFourIslands_fallBelowTheOtherSidesReservationValue() {
    Package twoIslandsOnly = twoIslandsNothingMore();
    for (Map.Entry<Integer, Map<String, PointsTable>> round : pointsByRound().entrySet()) {
      Analysis analysis = Analysis.of(scenario, round.getValue());

      assertThat(analysis.pointOf(twoIslandsOnly).first())
          .as("Japan's points for %s in round %s", twoIslandsOnly, round.getKey())
          .isLessThan(rv(JAPAN));
      List<Point> fourIslands = analysis.points().stream()
          .filter(p -> p.pkg().option("territory").orElseThrow().equals("four_islands"))
          .toList();
      assertThat(fourIslands).isNotEmpty();
      assertThat(fourIslands).as("four_islands packages in round %s", round.getKey())
          .allSatisfy(p -> assertThat(p.second()).isLessThan(rv(RUSSIA)));
    }
  }

  /** Property 3. */
  @Test
  void nash_atStart_isAHikiwake() {
    Point nash = Analysis.of(scenario).nash().orElseThrow();

    assertThat(nash.pkg().option("territory").orElseThrow())
        .isNotIn("status_quo", "four_islands");
  }

  /** Property 3 still holds whatever news has arrived. */
  @Test
  void nash_inEveryRound_isAHikiwake() {
    pointsByRound().forEach((round, points) -> {
      Point nash = Analysis.of(scenario, points).nash().orElseThrow();
      assertThat(nash.pkg().option("territory").orElseThrow()).as("round %s", round)
          .isNotIn("status_quo", "four_islands");
    });
  }

  /** Property 4, first half: some pair of issues is ranked the other way round by each side. */
  @Test
  void weights_ofTheTwoSides_rankSomeIssuesInOppositeOrder() {
    PointsTable japan = scenario.pointsOf(JAPAN);
    PointsTable russia = scenario.pointsOf(RUSSIA);
    List<String> reversed = new ArrayList<>();
    for (Issue i : scenario.issues()) {
      for (Issue j : scenario.issues()) {
        if (japan.weight(i.id()) > japan.weight(j.id())
            && russia.weight(i.id()) < russia.weight(j.id())) {
          reversed.add(i.id() + " over " + j.id());
        }
      }
    }

    assertThat(reversed).isNotEmpty();
    assertThat(topIssue(japan)).isNotEqualTo(topIssue(russia));
  }

  /** Property 4, second half. */
  @Test
  void splitTheDifference_someOtherPackage_isStrictlyBetterForBoth() {
    Analysis analysis = Analysis.of(scenario);
    Map<String, String> middle = new LinkedHashMap<>();
    for (Issue issue : scenario.issues()) {
      middle.put(issue.id(), issue.options().get((issue.options().size() - 1) / 2).id());
    }
    Point split = analysis.pointOf(Package.of(middle));

    assertThat(analysis.points())
        .anySatisfy(p -> {
          assertThat(p.first()).isGreaterThan(split.first());
          assertThat(p.second()).isGreaterThan(split.second());
        });
    // The analysis agrees that the split lies off the frontier.
    assertThat(analysis.assess(Package.of(middle)).dominated()).isTrue();
  }

  /** Property 5, with the news delivered by a real game played through the rules. */
  @Test
  void crimeaNews_arrivingInAPlayedGame_shrinksTheZopa() {
    GameState state = play(play(GameState.initial(scenario), seat("japan", T0)), seat("russia", T0));
    int crimeaRound = scenario.newsItem(CRIMEA).orElseThrow().round();
    Map<String, PointsTable> before = null;
    List<Event> crimeaTurn = List.of();
    int seconds = 0;
    while (!state.newsArrived().contains(CRIMEA)) {
      assertThat(state.isInProgress()).as("game still running before %s", CRIMEA).isTrue();
      before = state.pointsInForce();
      String role = state.toMove().orElseThrow();
      Decision decision = Rules.decide(state, new Move.Propose(role,
          twoIslandsNothingMore(), T0.plusSeconds(++seconds)));
      crimeaTurn = ((Decision.Accepted) decision).events();
      state = Rules.applyAll(state, crimeaTurn);
    }

    assertThat(state.round()).isEqualTo(crimeaRound);
    assertThat(crimeaTurn).contains(new Event.NewsArrived(CRIMEA));
    assertThat(state.pointsInForce()).isNotEqualTo(before);
    int zopaBefore = Analysis.of(scenario, before).zopaSize();
    int zopaAfter = Analysis.of(scenario, state.pointsInForce()).zopaSize();
    assertThat(zopaAfter).isLessThan(zopaBefore);
  }

  /** Property 5, from the news events alone applied in order. */
  @Test
  void crimeaNews_appliedAfterEarlierNews_shrinksTheZopa() {
    GameState state = GameState.initial(scenario);
    for (News news : scenario.news()) {
      if (news.id().equals(CRIMEA)) {
        break;
      }
      state = Rules.apply(state, new Event.NewsArrived(news.id()));
    }
    int zopaBefore = Analysis.of(scenario, state.pointsInForce()).zopaSize();
    GameState after = Rules.apply(state, new Event.NewsArrived(CRIMEA));

    assertThat(Analysis.of(scenario, after.pointsInForce()).zopaSize()).isLessThan(zopaBefore);
  }

  /** "Two islands, nothing more": two_islands and the first option of every other issue. */
  private static Package twoIslandsNothingMore() {
    Map<String, String> choices = new LinkedHashMap<>();
    for (Issue issue : scenario.issues()) {
      choices.put(issue.id(), issue.id().equals("territory")
          ? "two_islands" : issue.options().get(0).id());
    }
    assertThat(scenario.problemsWith(Package.of(choices))).isEmpty();
    return Package.of(choices);
  }

  /** Points in force at the start of each round, news applied through the rules. */
  private static Map<Integer, Map<String, PointsTable>> pointsByRound() {
    Map<Integer, Map<String, PointsTable>> byRound = new LinkedHashMap<>();
    GameState state = GameState.initial(scenario);
    for (int round = 1; round <= scenario.rounds(); round++) {
      for (News news : scenario.newsFor(round)) {
        state = Rules.apply(state, new Event.NewsArrived(news.id()));
      }
      byRound.put(round, state.pointsInForce());
    }
    return byRound;
  }

  private static String topIssue(PointsTable table) {
    String top = null;
    for (Issue issue : scenario.issues()) {
      if (top == null || table.weight(issue.id()) > table.weight(top)) {
        top = issue.id();
      }
    }
    return top;
  }

  private static int rv(String role) {
    return scenario.role(role).orElseThrow().reservationValue();
  }

  private static GameState play(GameState state, Move move) {
    Decision decision = Rules.decide(state, move);
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    return Rules.applyAll(state, ((Decision.Accepted) decision).events());
  }

  private static Move seat(String role, java.time.Instant at) {
    return new Move.TakeSeat(role, "Player " + role, java.util.Optional.empty(),
        com.google.common.hash.HashCode.fromString("0123456789abcdef"), at);
  }
}
