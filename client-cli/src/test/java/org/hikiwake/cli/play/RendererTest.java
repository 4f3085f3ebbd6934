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
import org.hikiwake.cli.play.PlaySession;
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
  void event_theirTurnRanOutWithNothingOnTheTable_saysNothingStays() {
    RecordedGames.Game game = Fixtures.seatedTimed();
    LiveGame russia = Fixtures.joined("russia", game);
    game.timeOut();
    assertThat(Fixtures.textOf(russia, game, TURN_TIMED_OUT)).containsExactly(
        "Japan ran out of time; the turn passes, with nothing on the table yet.");
    assertThat(Fixtures.textOf(russia, game, TURN_CHANGED)).containsExactly(
        "Round 1 of 6: your turn (1:30 to move). Make an offer or walk away.");
  }

  @Test
  void event_turnRanOutWithAnOffer_saysTheOfferStays() {
    RecordedGames.Game game = Fixtures.seatedTimed().offer("japan", LOW);
    LiveGame japan = Fixtures.joined("japan", game);
    game.timeOut();
    assertThat(Fixtures.textOf(japan, game, TURN_TIMED_OUT)).containsExactly(
        "Russia ran out of time; the turn passes and the offer on the table stays.");
  }

  /** The game after offers of LOW by whoever is to move, until turn {@code turn} begins. */
  private static RecordedGames.Game playTo(RecordedGames.Game game, int turn) {
    while (game.state().turn() < turn) {
      game.offer(game.state().toMove().orElseThrow(), LOW);
    }
    return game;
  }

  @Test
  void event_finalRound_isAnnounced() {
    RecordedGames.Game game = playTo(Fixtures.seated(), 9);
    LiveGame japan = Fixtures.joined("japan", game);
    game.offer("russia", LOW);
    assertThat(Fixtures.textOf(japan, game, TURN_CHANGED)).containsExactly(
        "Round 6 of 6, the final round: your turn. Make an offer (Russia has one turn left to"
            + " accept it), accept the one on the table or walk away.");
  }

  @Test
  void event_myLastTurn_saysAnOfferCanNeverBeAccepted() {
    RecordedGames.Game game = playTo(Fixtures.seated(), 10);
    LiveGame russia = Fixtures.joined("russia", game);
    game.offer("japan", LOW);
    assertThat(Fixtures.textOf(russia, game, TURN_CHANGED)).containsExactly(
        "Round 6 of 6, the last turn of the game: your turn. An offer now could never be"
            + " accepted: the game ends right after it with no agreement. Accept the offer on"
            + " the table, or the game ends with no agreement.");
  }

  @Test
  void event_theirLastTurn_saysTheGameEndsUnlessTheyAccept() {
    RecordedGames.Game game = playTo(Fixtures.seated(), 10);
    LiveGame japan = Fixtures.joined("japan", game);
    game.offer("japan", LOW);
    assertThat(Fixtures.textOf(japan, game, TURN_CHANGED)).containsExactly(
        "Round 6 of 6, the last turn of the game: Russia's turn. Unless Russia accepts your"
            + " offer, the game ends with no agreement.");
  }

  @Test
  void event_uncertainEnd_saysAnyRoundFromTheEarliestMayBeTheLast() {
    RecordedGames.Game game = RecordedGames.japanRussia(
        org.hikiwake.engine.game.GameSettings.untimed(6).withUncertainEnd(4, 5))
        .seat("japan", "Aiko").seat("russia", "Boris");
    playTo(game, 6);
    LiveGame russia = Fixtures.joined("russia", game);
    game.offer("japan", LOW);
    List<String> lines = Fixtures.textOf(russia, game, TURN_CHANGED);
    assertThat(lines).containsExactly("Round 4 of up to 6: your turn. Make an offer, accept the"
        + " one on the table or walk away. Any round from 4 on may be the last: if this one is,"
        + " an offer made now can never be accepted.");
    assertThat(Renderer.prompt(Fixtures.caughtUp(russia, game), Instant.EPOCH))
        .isEqualTo("K7MX-Q2PA russia | round 4/?6, may be the last | YOUR TURN > ");
  }

  @Test
  void prompt_finalRoundAndLastTurn_areMarkedAndFitEightyColumns() {
    RecordedGames.Game game = playTo(Fixtures.seatedTimed(), 10);
    LiveGame japan = Fixtures.joined("japan", game);
    Instant now = japan.deadline().orElseThrow().minusSeconds(83);
    assertThat(Renderer.prompt(japan, now))
        .isEqualTo("K7MX-Q2PA japan | FINAL ROUND 6/6 | YOUR TURN 1:23 > ");
    game.offer("japan", LOW);
    LiveGame russia = Fixtures.joined("russia", game);
    String last = Renderer.prompt(russia, russia.deadline().orElseThrow().minusSeconds(83));
    assertThat(last).isEqualTo(
        "K7MX-Q2PA russia | round 6/6 | YOUR LAST TURN: offers can't be accepted 1:23 > ");
    assertThat(last.length()).isLessThan(80);
    assertThat(Renderer.prompt(Fixtures.caughtUp(japan, game), now))
        .startsWith("K7MX-Q2PA japan | round 6/6 | Russia's last turn");
  }

  @Test
  void prompt_whileReconnecting_showsNoStaleCountdown() {
    LiveGame japan = Fixtures.joined("japan", Fixtures.seatedTimed());
    Instant deadline = japan.deadline().orElseThrow();
    assertThat(Renderer.prompt(japan, deadline.plusSeconds(5), false))
        .isEqualTo("K7MX-Q2PA japan | round 1/6 | YOUR TURN | reconnecting... > ");
  }

  @Test
  void acceptCheck_belowReservationValue_warnsToWalkAway() {
    // Japan offers the package Russia likes least that Japan can table: far below Russia's 55.
    Package bad = Package.of("territory", "four_islands", "peace_treaty", "treaty_signed",
        "energy", "none", "far_east", "none", "security", "dialogue_only", "missile_defence",
        "no_statement");
    LiveGame russia = Fixtures.joined("russia", Fixtures.seated().offer("japan", bad));
    List<String> lines = Renderer.acceptCheck(russia.view());
    assertThat(lines.get(0)).startsWith("You would accept Japan's offer: worth ")
        .contains("below your reservation value of 55");
    assertThat(lines).anyMatch(l -> l.contains("territory") && l.contains("four_islands"));
    assertThat(lines.get(lines.size() - 1)).matches("That is \\d+ points below your reservation"
        + " value: you would do better by walking away \\(you would score 55\\)\\.");
    assertThat(Renderer.acceptQuestion(russia.view()))
        .isEqualTo("Accept it? The game ends at once in this agreement.");
  }

  @Test
  void acceptCheck_aboveReservationValue_hasNoWarning() {
    LiveGame russia = Fixtures.joined("russia", Fixtures.seated().offer("japan", Fixtures.NASH));
    assertThat(Renderer.acceptCheck(russia.view()).get(0)).isEqualTo(
        "You would accept Japan's offer: worth 82 points to you (27 above your reservation value"
            + " of 55)");
    assertThat(Renderer.acceptCheck(russia.view())).noneMatch(l -> l.contains("walking away"));
  }

  @Test
  void lastTurnOffer_isExplainedBeforeItIsSent() {
    RecordedGames.Game game = playTo(Fixtures.seated(), 11);
    LiveGame russia = Fixtures.joined("russia", game);
    assertThat(Renderer.lastTurnOfferWarning(russia.view())).hasValue(
        "This is the last turn of the game: an offer now can never be accepted, and the game"
            + " ends right after it with no agreement (you score your reservation value, 55).");
    assertThat(Renderer.lastTurnOfferWarning(Fixtures.joined("japan",
        playTo(Fixtures.seated(), 10)).view())).isEmpty();
  }

  @Test
  void leaving_saysHowToComeBack() {
    assertThat(Renderer.leaving(PlaySession.Attach.resume("K7MX-Q2PA", "t"),
        org.hikiwake.cli.net.ServerAddress.DEFAULT)).isEqualTo(
        "Leaving. Your seat is kept: `hikiwake play --resume K7MX-Q2PA` takes it back.");
    assertThat(Renderer.leaving(PlaySession.Attach.classJoin("CL4S-C0DE", "Zoë O'Neil", "t"),
        org.hikiwake.cli.net.ServerAddress.parse("10.0.0.5:7430"))).isEqualTo(
        "Leaving. Your seat is kept: `hikiwake join CL4S-C0DE --name \"Zoë O'Neil\""
            + " --server 10.0.0.5:7430` takes it back.");
  }

  @Test
  void help_explainsHowTheGameEndsAndHowToLeave() {
    List<String> lines = Renderer.help(Fixtures.joined("japan", Fixtures.seated()).view());
    assertThat(lines).anyMatch(l -> l.contains("accept --yes"));
    assertThat(lines).anyMatch(l -> l.contains("Ctrl-C cancels the line"));
    assertThat(lines).anyMatch(l -> l.contains("quit") && l.contains("Ctrl-D"));
    assertThat(String.join(" ", lines)).contains("an offer made on the last turn (Russia's,"
        + " in round 6) can never be accepted");
  }

  @Test
  void brief_wrappedToEightyColumns_breaksNoWord() {
    List<String> brief = Renderer.brief(Fixtures.joined("japan", Fixtures.seated()).view());
    List<String> wrapped = org.hikiwake.cli.text.Wrap.lines(brief, 80);
    assertThat(wrapped).allMatch(l -> l.codePointCount(0, l.length()) <= 80);
    assertThat(String.join(" ", wrapped).split("\\s+"))
        .containsExactly(String.join(" ", brief).split("\\s+"));
  }

  @Test
  void brief_saysHowThisGameEnds() {
    List<String> lines = Renderer.brief(Fixtures.joined("russia", Fixtures.seated()).view());
    assertThat(String.join(" ", lines)).contains("How this game ends:");
  }

  @Test
  void event_newsChangingMyPoints_revaluesTheOfferOnTheTableAndMyLastOffer() {
    // Russia's offer stands when the round-2 news (China's ADIZ) lifts roadmap and
    // full_fact_sheet for Japan: the Nash package goes from 57 to 62 for Japan.
    RecordedGames.Game game = Fixtures.seated().offer("japan", LOW);
    LiveGame japan = Fixtures.caughtUp(Fixtures.joined("japan", game), game);
    game.offer("russia", Fixtures.NASH);
    List<String> lines = Fixtures.textOf(japan, game, NEWS_ARRIVED);
    assertThat(lines).contains(
        "  Russia's offer on the table is now worth 62 points to you, was 57: still above your"
            + " reservation value of 24.");
    assertThat(lines).anyMatch(l -> l.startsWith("  Your last offer is now worth ")
        || l.startsWith("  Your last offer is still worth "));
  }

  @Test
  void event_newsNotChangingMyPoints_saysNothingOfTheTable() {
    RecordedGames.Game game = Fixtures.seated().offer("japan", LOW);
    LiveGame watcher = Fixtures.watching(game);
    game.offer("russia", Fixtures.NASH);
    assertThat(Fixtures.textOf(watcher, game, NEWS_ARRIVED))
        .noneMatch(l -> l.contains("now worth"));
  }

  @Test
  void welcome_watcherBeforeTheStart_isNotToldToWaitForTheOtherSide() {
    List<String> lines = Renderer.welcome(Fixtures.watching(
        RecordedGames.japanRussia().seat("japan", "Aiko")), false);
    assertThat(lines).noneMatch(l -> l.contains("the other side"));
    assertThat(lines).contains("Waiting for the players: 1 of 2 seats taken.");
  }

  @Test
  void history_gameEnded_saysTheOutcomeInWords() {
    RecordedGames.Game game = Fixtures.seated().offer("japan", Fixtures.NASH).accept("russia");
    List<String> lines = Renderer.history(Fixtures.joined("japan", game));
    assertThat(lines).contains("The game ended in an agreement: Russia accepted Japan's offer.");
    assertThat(lines).noneMatch(l -> l.matches(".*\\b[A-Z]+_[A-Z_]+\\b.*")
        || l.contains("AGREEMENT"));
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
  void event_newsReleasedEarlyByTheInstructor_saysTheRoundItArrivedIn() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame japan = Fixtures.joined("japan", game);
    // round 2's news, released by the instructor in round 1
    game.move("instructor", at -> new org.hikiwake.engine.game.Move.ReleaseNews(
        "china-adiz", at));
    assertThat(Fixtures.textOf(japan, game, NEWS_ARRIVED).get(0))
        .startsWith("NEWS (round 1): China declares an air defence zone");
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
        "That is 0.58 of the most your role could have gained in an agreement (57 points, at"
            + " 81): compare it with other players of your role, not with the other side's"
            + " score.",
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
  void issues_afterCrimea_showsTheMajorFundAsACostBelowZero() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame japan = Fixtures.joined("japan", game);
    // three rounds of offers; round 4 brings the Crimea news, which takes the fund below zero
    for (int i = 0; i < 3; i++) {
      game.offer("japan", Fixtures.NASH).offer("russia", Fixtures.NASH);
    }
    List<String> lines = Renderer.issues(Fixtures.caughtUp(japan, game).view());
    assertThat(lines).as("%s", lines).anyMatch(l -> l.contains("major") && l.contains(" -4 "));
  }

  @Test
  void table_nothingYet_saysSo() {
    assertThat(Renderer.table(Fixtures.joined("japan", Fixtures.seated()).view()))
        .containsExactly("Nothing is on the table yet.");
  }

  @Test
  void score_partialPackage_showsThePointsOfTheNamedIssuesAndWhatIsMissing() {
    List<String> lines = Renderer.score(Fixtures.joined("japan", Fixtures.seated()).view(),
        Package.of("territory", "four_islands", "energy", "none"));
    assertThat(lines.get(0)).isEqualTo("Part of a package (2 of 6 issues): 42 points to you"
        + " from these issues.");
    assertThat(lines).anyMatch(l -> l.contains("four_islands") && l.contains("40"));
    assertThat(lines.get(lines.size() - 1)).startsWith("It lacks peace_treaty, far_east,"
        + " security, missile_defence: name them (or use `score --from-table issue=option"
        + " ...`) for the package's total");
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
