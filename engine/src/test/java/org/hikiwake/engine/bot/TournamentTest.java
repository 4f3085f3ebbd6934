package org.hikiwake.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Map;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

class TournamentTest {
  private static final Scenario SCENARIO = Players.load("japan-russia-2013");

  @Test
  void roundRobin_twoEntrantsTwoSeeds_playsEveryOrderedPairOncePerSeed() {
    List<Tournament.Entrant> entrants =
        List.of(Tournament.Entrant.of(Level.EASY), Tournament.Entrant.of(Level.HARD));

    ImmutableList<Tournament.Game> games = Tournament.roundRobin(SCENARIO, entrants, 5, 2);

    assertThat(games).hasSize(8);
    assertThat(Tournament.between(games, Map.of("japan", "hard", "russia", "easy")))
        .extracting(Tournament.Game::seed).containsExactly(5L, 6L);
  }

  @Test
  void play_agreement_measuresTheAgreedPackageAgainstTheAnalysis() {
    Tournament.Game game = Tournament.play(SCENARIO, Tournament.Entrant.of(Level.EASY),
        Tournament.Entrant.of(Level.EASY), 3);
    Match match = Match.play(SCENARIO, Map.of("japan", Bot.of(Level.EASY, Draws.derive(3, 0)),
        "russia", Bot.of(Level.EASY, Draws.derive(3, 1))));
    Analysis analysis = Analysis.of(SCENARIO, match.end().pointsInForce());

    assertThat(game.result()).isEqualTo(match.end().result().orElseThrow());
    assertThat(game.isAgreement()).isTrue();
    Point agreed = analysis.pointOf(game.result().agreed().orElseThrow());
    assertThat(game.frontierDistance())
        .isCloseTo(analysis.assess(agreed.pkg()).distanceToFrontier(), within());
    Point nash = analysis.nash().orElseThrow();
    assertThat(game.nashDistance()).isCloseTo(
        Math.hypot(agreed.first() - nash.first(), agreed.second() - nash.second()), within());
    int japanReservation = SCENARIO.roles().get(0).reservationValue();
    assertThat(game.gain("japan")).isEqualTo(agreed.first() - japanReservation);
    assertThat(game.roundsUsed()).isEqualTo(match.roundsUsed());
  }

  @Test
  void tally_mixedGames_averagesEachFigure() {
    ImmutableList<Tournament.Game> games = Tournament.roundRobin(SCENARIO,
        List.of(Tournament.Entrant.of(Level.EASY), Tournament.Entrant.of(Players.Stubborn::new)),
        1, 2);

    Tournament.Tally tally = Tournament.Tally.of(games);

    long agreements = games.stream().filter(Tournament.Game::isAgreement).count();
    assertThat(tally.games()).isEqualTo(8);
    assertThat(tally.agreementRate()).isEqualTo(agreements / 8.0);
    assertThat(tally.meanScore().get("russia"))
        .isEqualTo(games.stream().mapToInt(g -> g.score("russia")).average().orElseThrow());
    assertThat(tally.meanGain().get("japan"))
        .isEqualTo(games.stream().mapToInt(g -> g.gain("japan")).average().orElseThrow());
    assertThat(games).filteredOn(g -> g.result().outcome() != Outcome.AGREEMENT)
        .allSatisfy(g -> assertThat(g.gain("japan")).isZero());
  }

  @Test
  void meanScore_unknownEntrant_isAnError() {
    ImmutableList<Tournament.Game> games = Tournament.roundRobin(SCENARIO,
        List.of(Tournament.Entrant.of(Level.EASY)), 1, 1);

    assertThatThrownBy(() -> Tournament.meanScore(games, "nobody", "japan"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void play_missingBot_isRefused() {
    assertThatThrownBy(() -> Match.play(SCENARIO, Map.of("japan", Bot.of(Level.EASY, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a bot for each role");
  }

  @Test
  void play_toTheEnd_everySeatSeesTheReveal() {
    Match match = Match.play(SCENARIO, Map.of("japan", Bot.of(Level.MEDIUM, 1),
        "russia", Bot.of(Level.HARD, 2)));

    assertThat(match.views().values()).allSatisfy(v -> {
      assertThat(v.isOver()).isTrue();
      assertThat(v.reveal()).isPresent();
      assertThat(v.pointsOf("japan")).isPresent();
      assertThat(v.pointsOf("russia")).isPresent();
    });
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
