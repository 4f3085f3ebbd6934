package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.proto.wire.EventView.KindCase.GAME_ENDED;
import static org.hikiwake.proto.wire.EventView.KindCase.NEWS_ARRIVED;
import static org.hikiwake.proto.wire.EventView.KindCase.OFFER_MADE;
import static org.hikiwake.proto.wire.EventView.KindCase.SEAT_FILLED;
import static org.hikiwake.proto.wire.EventView.KindCase.TURN_CHANGED;
import static org.hikiwake.proto.wire.EventView.KindCase.TURN_TIMED_OUT;

import java.time.Instant;
import java.util.List;
import org.hikiwake.codec.recording.RecordedGames;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.game.ChatPosted;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.PresenceChanged;
import org.junit.jupiter.api.Test;

class RendererTest {
  private static final Package LOW = Fixtures.NASH.with("far_east", "none");

  @Test
  void event_opponentsOffer_showsMyPointsAgainstReservation() {
    RecordedGames.Game game = Fixtures.seated().offer("japan", LOW);
    LiveGame japan = Fixtures.joined("japan", game);
    game.offer("russia", Fixtures.NASH);
    List<String> lines = Fixtures.textOf(japan, game, OFFER_MADE);
    assertThat(lines.get(0)).isEqualTo(
        "Russia offers: worth 57 points to you (33 above your reservation value of 24)");
    assertThat(lines).hasSize(7);
    assertThat(lines.get(1)).contains("territory").contains("two_islands_plus").contains("18")
        .contains("Two islands plus");
  }

  @Test
  void event_sameOfferForTheOtherSide_usesTheirPoints() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame russia = Fixtures.joined("russia", game);
    game.offer("japan", Fixtures.NASH);
    assertThat(Fixtures.textOf(russia, game, OFFER_MADE).get(0)).isEqualTo(
        "Japan offers: worth 82 points to you (27 above your reservation value of 55)");
  }

  @Test
  void event_myOwnOffer_saysYou() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame japan = Fixtures.joined("japan", game);
    game.offer("japan", Fixtures.NASH);
    assertThat(Fixtures.textOf(japan, game, OFFER_MADE).get(0))
        .startsWith("You offered: worth 57");
  }

  @Test
  void event_offerSeenByWatcher_hasNoPoints() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame watcher = Fixtures.watching(game);
    game.offer("japan", Fixtures.NASH);
    List<String> lines = Fixtures.textOf(watcher, game, OFFER_MADE);
    assertThat(lines.get(0)).isEqualTo("Japan offers:");
    assertThat(lines.get(1)).doesNotContain(" 18 ");
  }

  @Test
  void event_chatWithEscapeSequences_isPrintedHarmlessly() {
    LiveGame japan = Fixtures.joined("japan", Fixtures.seated());
    EventView e = EventView.newBuilder().setGameCode(Fixtures.CODE)
        .setSeq(japan.lastSeq() + 1).setAtMillis(1_000_000L)
        .setChatPosted(ChatPosted.newBuilder().setRole("russia").setText(
            "\u001b[2J\u001b]0;owned\u0007Let us \u001b[31mtalk\u001b[0m\nabout gas"))
        .build();
    List<String> lines = Renderer.event(japan.apply(e), e);
    assertThat(lines).containsExactly("Russia (Boris) says: Let us talk about gas");
    assertThat(String.join("", lines)).doesNotContain("\u001b").doesNotContain("\u0007");
  }

  @Test
  void event_myTurnAfterAnOffer_invitesAMoveOrAnAccept() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame russia = Fixtures.joined("russia", game);
    game.offer("japan", LOW);
    assertThat(Fixtures.textOf(russia, game, TURN_CHANGED)).containsExactly(
        "Round 1 of 6: your turn. Make an offer, accept the one on the table or walk away.");
  }

  @Test
  void event_theirTurnRanOut_saysTheOfferStaysAndInvitesMyMove() {
    RecordedGames.Game game = Fixtures.seatedTimed();
    LiveGame russia = Fixtures.joined("russia", game);
    game.timeOut();
    assertThat(Fixtures.textOf(russia, game, TURN_TIMED_OUT)).containsExactly(
        "Japan ran out of time; the turn passes and the offer on the table stays.");
    assertThat(Fixtures.textOf(russia, game, TURN_CHANGED)).containsExactly(
        "Round 1 of 6: your turn (1:30 to move). Make an offer or walk away.");
  }

  @Test
  void event_timedTurnOfTheOtherSide_showsTheLimit() {
    RecordedGames.Game game = Fixtures.seatedTimed();
    LiveGame japan = Fixtures.joined("japan", game);
    game.offer("japan", LOW);
    assertThat(Fixtures.textOf(japan, game, TURN_CHANGED))
        .containsExactly("Round 1 of 6: Russia's turn (1:30 to move).");
  }

  @Test
  void event_newsWithPrivateChanges_listsThemForTheirRoleOnly() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame japan = Fixtures.joined("japan", game);
    LiveGame russia = Fixtures.joined("russia", game);
    game.offer("japan", LOW).offer("russia", LOW);
    List<String> forJapan = Fixtures.textOf(japan, game, NEWS_ARRIVED);
    assertThat(forJapan.get(0))
        .isEqualTo("NEWS (round 2): China declares an air defence zone over the East China Sea");
    assertThat(forJapan.get(1)).startsWith("  On 23 November 2013 Beijing announced");
    assertThat(forJapan).contains("  Your points change: security=joint_exercises +2,"
        + " security=full_fact_sheet +3, peace_treaty=roadmap +2, peace_treaty=treaty_signed +3."
        + " Type `issues` to see them.");
    List<String> forRussia = Fixtures.textOf(russia, game, NEWS_ARRIVED);
    assertThat(forRussia.get(0)).isEqualTo(forJapan.get(0));
    assertThat(forRussia).noneMatch(l -> l.contains("security="))
        .contains("  Your points change: peace_treaty=treaty_signed +2. Type `issues` to see"
            + " them.")
        .anyMatch(l -> l.startsWith("  For you: Moscow says nothing in public"));
  }

  @Test
  void event_seatFilledAndPresence() {
    RecordedGames.Game game = RecordedGames.japanRussia().seat("japan", "Aiko");
    LiveGame japan = Fixtures.joined("japan", game);
    game.seat("russia", "Boris");
    assertThat(Fixtures.textOf(japan, game, SEAT_FILLED))
        .containsExactly("Russia seat taken by Boris.");
    LiveGame seated = Fixtures.caughtUp(japan, game);
    EventView gone = EventView.newBuilder().setGameCode(Fixtures.CODE)
        .setPresenceChanged(PresenceChanged.newBuilder().setRole("russia").setConnected(false))
        .build();
    assertThat(Renderer.event(seated.apply(gone), gone))
        .containsExactly("Russia (Boris) disconnected.");
  }

  @Test
  void gameOver_agreement_showsOutcomeScoresBothTablesAndDebrief() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame japan = Fixtures.joined("japan", game);
    game.offer("japan", Fixtures.NASH).accept("russia");
    List<String> lines = Fixtures.textOf(japan, game, GAME_ENDED);
    assertThat(lines.get(0))
        .isEqualTo("=== Game over: AGREEMENT. Russia accepted Japan's offer. ===");
    assertThat(lines).contains(
        "Scores: Japan 57 (reservation value 24) | Russia 82 (reservation value 55)",
        "You scored 57, 33 above your reservation value.",
        "Points tables (Japan | Russia), * marks the agreed option:",
        "Agreed package (Japan 57, Russia 82):",
        "  Nash bargaining package (Japan 57, Russia 82):",
        "  The agreement is on the Pareto frontier: no package is better for both sides.",
        "  Against the Nash package: Japan +0, Russia +0.");
    assertThat(lines).anyMatch(l -> l.matches(
        "  territory\\s+= two_islands_plus\\s+18 \\| 46\\s+Two islands plus"));
    assertThat(lines).anyMatch(l -> l.startsWith("  * two_islands_plus")
        && l.endsWith("18 |   46"));
    assertThat(lines).anyMatch(l -> l.startsWith("    four_islands") && l.endsWith("40 |    0"));
  }

  @Test
  void gameOver_dominatedAgreement_saysHowFarFromTheFrontier() {
    Package poor = Fixtures.NASH.with("far_east", "none").with("energy", "lng_contracts");
    RecordedGames.Game game = Fixtures.seated();
    LiveGame russia = Fixtures.joined("russia", game);
    game.offer("japan", poor).accept("russia");
    assertThat(Fixtures.textOf(russia, game, GAME_ENDED)).anyMatch(l -> l.matches(
        "  The agreement is \\d+\\.\\d points from the Pareto frontier; together the sides"
            + " left \\d+ points on the table\\."));
  }

  @Test
  void gameOver_walkOut_namesWhoWalked() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame russia = Fixtures.joined("russia", game);
    game.walkAway("japan");
    List<String> lines = Fixtures.textOf(russia, game, GAME_ENDED);
    assertThat(lines.get(0))
        .isEqualTo("=== Game over: WALK-OUT. Japan walked away; no agreement. ===");
    assertThat(lines).contains(
        "Scores: Japan 24 (reservation value 24) | Russia 55 (reservation value 55)",
        "You scored 55, exactly your reservation value.",
        "  No agreement, although 559 packages would have given both sides more than no"
            + " agreement.");
    assertThat(lines).noneMatch(l -> l.startsWith("Agreed package"));
  }

  @Test
  void issues_player_listsEveryOptionWithMyPointsAndMarksTheTable() {
    LiveGame japan = Fixtures.joined("japan", Fixtures.seated().offer("japan", Fixtures.NASH));
    List<String> lines = Renderer.issues(japan.view());
    assertThat(lines).anyMatch(l -> l.startsWith("  * two_islands_plus") && l.contains("  18  "));
    assertThat(lines).anyMatch(l -> l.startsWith("    four_islands") && l.contains("  40  "));
    assertThat(lines.stream().filter(l -> l.startsWith("    ") || l.startsWith("  * ")).count())
        .isEqualTo(5 + 3 + 4 + 3 + 3 + 3);
  }

  @Test
  void table_nothingYet_saysSo() {
    assertThat(Renderer.table(Fixtures.joined("japan", Fixtures.seated()).view()))
        .containsExactly("Nothing is on the table yet.");
  }

  @Test
  void score_incompletePackage_listsMissingIssues() {
    assertThat(Renderer.score(Fixtures.joined("japan", Fixtures.seated()).view(),
        Package.of("territory", "four_islands", "energy", "none")))
        .containsExactly("That package is incomplete; it lacks peace_treaty, far_east, security,"
            + " missile_defence.");
  }

  @Test
  void prompt_myTimedTurn_showsRoundAndCountdown() {
    LiveGame japan = Fixtures.joined("japan", Fixtures.seatedTimed());
    Instant deadline = japan.deadline().orElseThrow();
    assertThat(Renderer.prompt(japan, deadline.minusSeconds(83)))
        .isEqualTo("K7MX-Q2PA japan | round 1/6 | YOUR TURN 1:23 > ");
  }

  @Test
  void prompt_otherSidesTurn_andWaitingAndOver() {
    Instant now = Instant.EPOCH;
    assertThat(Renderer.prompt(Fixtures.joined("russia", Fixtures.seated()), now))
        .isEqualTo("K7MX-Q2PA russia | round 1/6 | Japan's turn > ");
    assertThat(Renderer.prompt(Fixtures.joined("japan",
        RecordedGames.japanRussia().seat("japan", "Aiko")), now))
        .isEqualTo("K7MX-Q2PA japan | waiting for players > ");
    assertThat(Renderer.prompt(Fixtures.joined("japan",
        Fixtures.seated().walkAway("japan")), now))
        .isEqualTo("K7MX-Q2PA japan | game over > ");
  }

  @Test
  void brief_player_showsBriefAndReservationValue() {
    List<String> lines = Renderer.brief(Fixtures.joined("russia", Fixtures.seated()).view());
    assertThat(lines).contains("Your role: Russia (confidential brief)");
    assertThat(lines).anyMatch(l -> l.startsWith("Your reservation value: 55 points."));
  }

  @Test
  void welcome_joinedBeforeTheOtherSide_saysWhoAndWaits() {
    assertThat(Renderer.welcome(Fixtures.joined("japan",
        RecordedGames.japanRussia().seat("japan", "Aiko")), false)).containsExactly(
        "You are Japan in game K7MX-Q2PA (Hikiwake: Japan and Russia after the first 2+2 (late"
            + " 2013)): 6 rounds, untimed turns.",
        "Your reservation value (your score if there is no agreement) is 24. Type `brief` for"
            + " your instructions, `issues` for your points, `help` for the commands.",
        "Waiting for the other side to join.");
  }

  @Test
  void history_listsEventsInOrder() {
    RecordedGames.Game game = Fixtures.seated().say("japan", "Hello").offer("japan", LOW)
        .offer("russia", Fixtures.NASH);
    List<String> lines = Renderer.history(Fixtures.joined("japan", game));
    int said = lines.indexOf("You said: Hello");
    assertThat(said).isNotNegative();
    assertThat(lines.subList(said, lines.size()))
        .anyMatch(l -> l.startsWith("Russia offers: worth 57"));
    assertThat(lines.get(0)).isEqualTo("You took the Japan seat as Aiko.");
  }

  @Test
  void history_pricesEachOfferWithThePointsInForceWhenItWasMade() {
    // The Nash package now has the roadmap already (it used to be the Nash package with
    // roadmap for treaty_signed); the round-2 news reprices two of its options for Japan
    // (roadmap +2, full_fact_sheet +3): 57 when Russia offers it, 62 after the news.
    Package pkg = Fixtures.NASH;
    RecordedGames.Game game = Fixtures.seated().offer("japan", LOW).offer("russia", pkg);
    LiveGame japan = Fixtures.joined("japan", game);
    assertThat(Renderer.table(japan.view()).get(0)).contains("worth 62 points");
    assertThat(Renderer.history(japan)).anyMatch(l -> l.startsWith("Russia offers: worth 57"));
  }
}
