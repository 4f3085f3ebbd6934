package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.game.ChatPosted;
import org.hikiwake.proto.game.OfferMade;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.GameResult;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.game.TurnChanged;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.NewsView;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.PointDelta;
import org.hikiwake.proto.wire.PresenceChanged;
import org.hikiwake.proto.wire.SeatFilled;
import org.junit.jupiter.api.Test;

class RendererTest {
  private static EventView offer(String role, Package pkg) {
    return Fixtures.event(5, EventView.newBuilder().setOfferMade(
        OfferMade.newBuilder().setRole(role).setPackage(GameModel.toProto(pkg))));
  }

  @Test
  void event_opponentsOffer_showsMyPointsAgainstReservation() {
    GameModel japan = Fixtures.inProgress("japan");
    EventView e = offer("russia", Fixtures.NASH);
    List<String> lines = Renderer.event(japan.apply(e), e);
    assertThat(lines.get(0)).isEqualTo(
        "Russia offers: worth 57 points to you (33 above your reservation value of 24)");
    assertThat(lines).hasSize(7);
    assertThat(lines.get(1)).contains("territory").contains("two_islands_plus").contains("18")
        .contains("Two islands plus");
  }

  @Test
  void event_sameOfferForTheOtherSide_usesTheirPoints() {
    GameModel russia = Fixtures.inProgress("russia");
    EventView e = offer("japan", Fixtures.NASH);
    assertThat(Renderer.event(russia.apply(e), e).get(0)).isEqualTo(
        "Japan offers: worth 82 points to you (27 above your reservation value of 55)");
  }

  @Test
  void event_myOwnOffer_saysYou() {
    GameModel japan = Fixtures.inProgress("japan");
    EventView e = offer("japan", Fixtures.NASH);
    assertThat(Renderer.event(japan.apply(e), e).get(0)).startsWith("You offered: worth 57");
  }

  @Test
  void event_offerSeenByWatcher_hasNoPoints() {
    GameModel watcher = Fixtures.watching();
    EventView e = offer("japan", Fixtures.NASH);
    List<String> lines = Renderer.event(watcher.apply(e), e);
    assertThat(lines.get(0)).isEqualTo("Japan offers:");
    assertThat(lines.get(1)).doesNotContain(" 18 ");
  }

  @Test
  void event_chatWithEscapeSequences_isPrintedHarmlessly() {
    GameModel japan = Fixtures.inProgress("japan");
    EventView e = Fixtures.event(6, EventView.newBuilder().setChatPosted(ChatPosted.newBuilder()
        .setRole("russia").setText("\u001b[2J\u001b]0;owned\u0007Let us \u001b[31mtalk\u001b[0m\n"
            + "about gas")));
    List<String> lines = Renderer.event(japan.apply(e), e);
    assertThat(lines).containsExactly("Russia (Boris) says: Let us talk about gas");
    assertThat(String.join("", lines)).doesNotContain("\u001b").doesNotContain("\u0007");
  }

  @Test
  void event_myTurn_invitesAMove() {
    GameModel russia = Fixtures.inProgress("russia");
    EventView e = Fixtures.event(7, EventView.newBuilder().setTurnChanged(
        TurnChanged.newBuilder().setTurn(1).setRound(1).setRole("russia")));
    assertThat(Renderer.event(russia.apply(e), e))
        .containsExactly("Round 1 of 6: your turn. Make an offer or walk away.");
  }

  @Test
  void event_timedTurnOfTheOtherSide_showsTheLimit() {
    GameModel japan = Fixtures.inProgress("japan");
    EventView e = Fixtures.event(7, EventView.newBuilder().setTurnChanged(
        TurnChanged.newBuilder().setTurn(1).setRound(1).setRole("russia")
            .setDeadlineMillis(1_000_000L + 90_000L)));
    assertThat(Renderer.event(japan.apply(e), e))
        .containsExactly("Round 1 of 6: Russia's turn (1:30 to move).");
  }

  @Test
  void event_newsWithPrivateChanges_listsThem() {
    GameModel japan = Fixtures.inProgress("japan");
    EventView e = Fixtures.event(8, EventView.newBuilder().setNewsArrived(NewsView.newBuilder()
        .setId("crimea").setRound(4).setHeadline("Sanctions").setText("G7 acts.")
        .setYourNote("Tokyo must follow Washington.")
        .addYourChanges(PointDelta.newBuilder().setIssue("energy").setOption("pipeline")
            .setDelta(-3))));
    assertThat(Renderer.event(japan.apply(e), e)).containsExactly(
        "NEWS (round 4): Sanctions",
        "  G7 acts.",
        "  For you: Tokyo must follow Washington.",
        "  Your points change: energy=pipeline -3. Type `issues` to see them.");
  }

  @Test
  void event_seatFilledAndPresence() {
    GameModel japan = Fixtures.model(Optional.of("japan"), GamePhase.GAME_PHASE_WAITING, "", 0);
    EventView seat = Fixtures.event(2, EventView.newBuilder().setSeatFilled(
        SeatFilled.newBuilder().setRole("russia").setDisplayName("Boris")));
    assertThat(Renderer.event(japan.apply(seat), seat))
        .containsExactly("Russia seat taken by Boris.");
    EventView gone = Fixtures.event(0, EventView.newBuilder().setPresenceChanged(
        PresenceChanged.newBuilder().setRole("russia").setConnected(false)));
    assertThat(Renderer.event(japan.apply(gone), gone)).containsExactly("Russia (Boris) disconnected.");
  }

  @Test
  void gameOver_agreement_showsOutcomeScoresBothTablesAndDebrief() {
    GameModel japan = Fixtures.inProgress("japan");
    GameOver over = Fixtures.agreementOn(Fixtures.NASH);
    List<String> lines = Renderer.gameOver(japan, over);
    assertThat(lines.get(0)).isEqualTo("=== Game over: AGREEMENT. Russia accepted Japan's offer. ===");
    assertThat(lines).contains(
        "Scores: Japan 57 (reservation value 24) | Russia 82 (reservation value 55)",
        "You scored 57, 33 above your reservation value.",
        "Points tables (Japan | Russia), * marks the agreed option:",
        "Agreed package (Japan | Russia):",
        "  territory       = two_islands_plus   18 |   46  Two islands plus",
        "  The agreement is on the Pareto frontier: no package is better for both sides.",
        "  Against the Nash package: Japan +0, Russia +0.");
    assertThat(lines).anyMatch(l -> l.startsWith("  * two_islands_plus") && l.endsWith("18 |   46"));
    assertThat(lines).anyMatch(l -> l.startsWith("    four_islands") && l.endsWith("40 |    0"));
    assertThat(lines).anyMatch(l -> l.startsWith("  Nash bargaining package: territory=two_islands_plus")
        && l.endsWith("(Japan 57, Russia 82)"));
  }

  @Test
  void gameOver_dominatedAgreement_saysHowFarFromTheFrontier() {
    Package poor = Fixtures.NASH.with("far_east", "none").with("energy", "lng_contracts");
    List<String> lines = Renderer.gameOver(Fixtures.inProgress("russia"), Fixtures.agreementOn(poor));
    assertThat(lines).anyMatch(l -> l.matches("  The agreement is \\d+\\.\\d points from the Pareto"
        + " frontier; together the sides left \\d+ points on the table\\."));
  }

  @Test
  void gameOver_walkOut_namesWhoWalked() {
    GameOver over = GameOver.newBuilder().setResult(GameResult.newBuilder()
        .setOutcome(GameOutcome.GAME_OUTCOME_WALK_OUT).setEndedBy("japan")
        .addScores(RoleScore.newBuilder().setRole("japan").setScore(48))
        .addScores(RoleScore.newBuilder().setRole("russia").setScore(75))).build();
    List<String> lines = Renderer.gameOver(Fixtures.inProgress("russia"), over);
    assertThat(lines.get(0)).isEqualTo("=== Game over: WALK-OUT. Japan walked away; no agreement. ===");
    assertThat(lines).contains("Scores: Japan 48 | Russia 75", "You scored 75.");
  }

  @Test
  void issues_player_listsEveryOptionWithMyPointsAndMarksTheTable() {
    EventView e = offer("russia", Fixtures.NASH);
    GameModel japan = Fixtures.inProgress("japan").apply(e);
    List<String> lines = Renderer.issues(japan);
    assertThat(lines).anyMatch(l -> l.startsWith("  * two_islands_plus") && l.contains("  18  "));
    assertThat(lines).anyMatch(l -> l.startsWith("    four_islands") && l.contains("  40  "));
    assertThat(lines.stream().filter(l -> l.startsWith("    ") || l.startsWith("  * ")).count())
        .isEqualTo(5 + 3 + 4 + 3 + 3 + 3);
  }

  @Test
  void table_nothingYet_saysSo() {
    assertThat(Renderer.table(Fixtures.inProgress("japan")))
        .containsExactly("Nothing is on the table yet.");
  }

  @Test
  void score_incompletePackage_listsMissingIssues() {
    assertThat(Renderer.score(Fixtures.inProgress("japan"),
        Package.of("territory", "four_islands", "energy", "none")))
        .containsExactly("That package is incomplete; it lacks peace_treaty, far_east, security,"
            + " missile_defence.");
  }

  @Test
  void prompt_myTimedTurn_showsRoundAndCountdown() {
    GameModel japan = Fixtures.model(Optional.of("japan"), GamePhase.GAME_PHASE_IN_PROGRESS, "japan",
        10_000_000L + 83_000L);
    assertThat(Renderer.prompt(japan, 10_000_000L))
        .isEqualTo("K7MX-Q2PA japan | round 1/6 | YOUR TURN 1:23 > ");
  }

  @Test
  void prompt_otherSidesTurn_andWaitingAndOver() {
    assertThat(Renderer.prompt(Fixtures.inProgress("russia"), 0))
        .isEqualTo("K7MX-Q2PA russia | round 1/6 | Japan's turn > ");
    assertThat(Renderer.prompt(Fixtures.model(Optional.of("japan"), GamePhase.GAME_PHASE_WAITING, "", 0), 0))
        .isEqualTo("K7MX-Q2PA japan | waiting for players > ");
    assertThat(Renderer.prompt(Fixtures.model(Optional.of("japan"), GamePhase.GAME_PHASE_ENDED, "", 0), 0))
        .isEqualTo("K7MX-Q2PA japan | game over > ");
  }

  @Test
  void duration_roundsUpAndNeverGoesNegative() {
    assertThat(Renderer.duration(83_000)).isEqualTo("1:23");
    assertThat(Renderer.duration(82_001)).isEqualTo("1:23");
    assertThat(Renderer.duration(-5)).isEqualTo("0:00");
  }

  @Test
  void brief_player_showsBriefAndReservationValue() {
    List<String> lines = Renderer.brief(Fixtures.inProgress("russia"));
    assertThat(lines).contains("Your role: Russia (confidential brief)");
    assertThat(lines).anyMatch(l -> l.startsWith("Your reservation value: 55 points."));
  }

  @Test
  void history_listsEventsInOrder() {
    GameModel m = Fixtures.inProgress("japan")
        .apply(Fixtures.event(1, EventView.newBuilder().setChatPosted(
            ChatPosted.newBuilder().setRole("japan").setText("Hello"))))
        .apply(offer("russia", Fixtures.NASH));
    List<String> lines = Renderer.history(m);
    assertThat(lines.get(0)).isEqualTo("You said: Hello");
    assertThat(lines.get(1)).startsWith("Russia offers: worth 57");
  }

  @Test
  void history_pricesEachOfferWithThePointsInForceWhenItWasMade() {
    Package pkg = Fixtures.NASH.with("peace_treaty", "roadmap");
    EventView news = Fixtures.event(6, EventView.newBuilder().setNewsArrived(NewsView.newBuilder()
        .setId("n").setRound(2).setHeadline("H").addYourChanges(PointDelta.newBuilder()
            .setIssue("peace_treaty").setOption("roadmap").setDelta(5))));
    GameModel m = Fixtures.inProgress("japan").apply(offer("russia", pkg)).apply(news);
    assertThat(Renderer.table(m).get(0)).contains("worth 62 points");
    assertThat(Renderer.history(m).get(0)).startsWith("Russia offers: worth 57 points");
  }
}
