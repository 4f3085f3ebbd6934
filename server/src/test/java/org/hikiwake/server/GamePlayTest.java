package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.HonestGame.FOUR_ISLANDS;
import static org.hikiwake.server.HonestGame.NASH;
import static org.hikiwake.server.HonestGame.SCENARIO;
import static org.hikiwake.server.HonestGame.expectDone;
import static org.hikiwake.server.HonestGame.expectJoined;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.FetchRecording;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.NewsView;
import org.hikiwake.proto.wire.PointDelta;
import org.hikiwake.proto.wire.RevealedRole;
import org.hikiwake.proto.wire.Say;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WalkAway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whole games against a real server on port 0, with real clients and a watcher. */
class GamePlayTest {
  @TempDir Path data;
  HikiwakeServer server;

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(HonestGame.class)
  void wholeGame_playedToTheEnd_playersAndWatcherSeeTheSameResult(HonestGame script)
      throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port());
        TestClient watcher = TestClient.connect(server.port())) {
      String code = japan.create(SCENARIO, 0, 0);
      assertThat(watcher.watch(code).hasWatching()).isTrue();

      GameOver end = script.playIn(code, japan, russia);

      GameOver watched = watcher.awaitEvent(EventView::hasGameEnded).getGameEnded();
      assertThat(watched).isEqualTo(end);
      assertThat(end.getRolesList()).extracting(RevealedRole::getRole)
          .containsExactly("japan", "russia");
      assertThat(end.getDebrief().hasNash()).isTrue();
      if (script.outcome() != GameOutcome.GAME_OUTCOME_AGREEMENT) {
        Map<String, Integer> reservation = end.getRolesList().stream()
            .collect(Collectors.toMap(RevealedRole::getRole, RevealedRole::getReservationValue));
        assertThat(script.scores()).as("no agreement scores the reservation values")
            .isEqualTo(reservation);
        assertThat(end.getResult().hasAgreed()).isFalse();
      } else {
        assertThat(end.getResult().getAgreed()).isEqualTo(TestClient.pkg(NASH));
      }
      long offers = watcher.seen().stream().filter(EventView::hasOfferMade).count();
      assertThat(offers).isEqualTo(script == HonestGame.DEADLINE ? 12
          : script == HonestGame.AGREEMENT_ROUND_2 ? 2 : 1);
      if (script == HonestGame.DEADLINE) {
        assertThat(watcher.seen()).filteredOn(EventView::hasTurnChanged).hasSize(12);
      }
      ServerMessage late = japan.propose(NASH);
      assertThat(late.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_GAME_OVER);
    }
  }

  @Test
  void uncertainEndAndShuffledNews_areRecordedButNeverShownToPlayers() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port())) {
      ServerMessage created = japan.request(ClientMessage.newBuilder().setCreateGame(
          org.hikiwake.proto.wire.CreateGame.newBuilder().setScenarioId(SCENARIO).setRounds(4)
              .setEndEarliest(2).setNews(org.hikiwake.proto.wire.NewsPlan.newBuilder()
                  .setShuffle(true))));
      String code = created.getGameCreated().getGameCode();
      Joined j = japan.join(code, "japan", "Aiko").getJoined();
      russia.join(code, "russia", "Boris");

      org.hikiwake.proto.game.GameSetup shown = j.getGame().getSettings();
      assertThat(shown.getRounds()).isEqualTo(4);
      assertThat(shown.getEndEarliest()).isEqualTo(2);
      assertThat(shown.getEndDrawn()).as("the drawn last round is the host's").isZero();
      assertThat(shown.getNewsRescheduled()).as("the news schedule is the host's").isFalse();
      assertThat(shown.getNewsRoundsList()).isEmpty();

      // play until the drawn end comes, somewhere from round 2 to round 4
      TestClient[] sides = {japan, russia};
      int turns = 0;
      while (true) {
        TestClient mover = sides[turns % 2];
        ServerMessage m = mover.propose(NASH);
        if (!m.hasDone()) {
          break;
        }
        turns++;
        EventView next = japan.awaitEvent(e -> e.hasTurnChanged() || e.hasGameEnded());
        if (next.hasGameEnded()) {
          break;
        }
      }
      assertThat(turns).isBetween(4, 8);
      ServerMessage file = japan.request(ClientMessage.newBuilder().setFetchRecording(
          FetchRecording.newBuilder().setGameCode(code)));
      org.hikiwake.proto.game.GameSetup recorded = org.hikiwake.codec.recording.RecordingReader
          .read(file.getRecordingFile().getContent().toByteArray()).header().getSettings();
      assertThat(recorded.getEndDrawn()).as("recorded").isEqualTo(turns / 2);
      assertThat(recorded.getNewsRescheduled()).isTrue();
      assertThat(recorded.getNewsRoundsList()).extracting(r -> r.getRound())
          .allSatisfy(r -> assertThat(r).isBetween(2, 5));
      // the replay of the file brings exactly the news the players had, in the same order
      byte[] bytes = file.getRecordingFile().getContent().toByteArray();
      org.hikiwake.codec.recording.ReplayedRecording replayed =
          org.hikiwake.codec.recording.ReplayedRecording.of(
              org.hikiwake.codec.recording.RecordingReader.read(bytes), code);
      assertThat(replayed.problem()).isEmpty();
      java.util.List<String> newsReplayed = replayed.replay().steps().stream()
          .map(step -> step.recorded().event())
          .filter(e -> e instanceof org.hikiwake.engine.game.Event.NewsArrived)
          .map(e -> ((org.hikiwake.engine.game.Event.NewsArrived) e).newsId()).toList();
      java.util.List<String> newsLive = japan.seen().stream().filter(EventView::hasNewsArrived)
          .map(e -> e.getNewsArrived().getId()).toList();
      assertThat(newsLive).as("round 2 always brings one of the shuffled items").isNotEmpty();
      assertThat(newsReplayed).isEqualTo(newsLive);
      assertThat(replayed.last().isOver()).isTrue();
    }
  }

  @Test
  void timedTurn_runsOut_turnPassesAndTheOfferStays() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port());
        TestClient watcher = TestClient.connect(server.port())) {
      String code = japan.create(SCENARIO, 0, 300);
      expectJoined(japan.join(code, "japan", "Aiko"));
      expectJoined(russia.join(code, "russia", "Boris"));
      EventView first = japan.awaitEvent(isTurnOf("japan"));
      assertThat(first.getTurnChanged().getDeadlineMillis()).as("a timed turn has a deadline")
          .isEqualTo(first.getAtMillis() + 300);

      // a slow test thread may miss a 300 ms turn; then it tries again on its next one
      int turn = first.getTurnChanged().getTurn();
      while (!japan.propose(NASH).hasDone()) {
        turn = awaitTurn(japan, "japan", turn);
      }
      russia.awaitEvent(EventView::hasOfferMade);
      EventView timedOut = russia.awaitEvent(e -> e.hasTurnTimedOut()
          && e.getTurnTimedOut().getRole().equals("russia"));
      EventView next = russia.awaitEvent(isTurnOf("japan"));
      assertThat(next.getSeq()).isEqualTo(timedOut.getSeq() + 1);

      GameSnapshot view = watcher.watch(code).getWatching().getGame();
      assertThat(view.getOnTable().getRole()).as("the offer stays on the table").isEqualTo("japan");
      assertThat(view.getOnTable().getPackage()).isEqualTo(TestClient.pkg(NASH));

      // on Japan's next turn its own offer is still there, and it cannot accept it
      turn = next.getTurnChanged().getTurn() - 1;
      ServerMessage own;
      while ((own = japan.accept()).getError().getCode() != ErrorCode.ERROR_CODE_OWN_OFFER) {
        assertThat(own.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_NOT_YOUR_TURN);
        turn = awaitTurn(japan, "japan", turn);
      }

      // Russia, on a later turn, accepts the offer that outlived its timed-out turn
      int russiaTurn = -1;
      ServerMessage accepted;
      while (!(accepted = russia.accept()).hasDone()) {
        assertThat(accepted.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_NOT_YOUR_TURN);
        russiaTurn = awaitTurn(russia, "russia", russiaTurn);
      }
      GameOver end = japan.awaitEvent(EventView::hasGameEnded).getGameEnded();
      assertThat(end.getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
      assertThat(end.getResult().getAgreed()).isEqualTo(TestClient.pkg(NASH));
      assertThat(end.getResult().getEndedBy()).isEqualTo("russia");
    }
  }

  /** Waits for this role's next turn after turn {@code after}; returns its number. */
  static int awaitTurn(TestClient client, String role, int after) throws InterruptedException {
    return client.awaitEvent(e -> isTurnOf(role).test(e)
        && e.getTurnChanged().getTurn() > after).getTurnChanged().getTurn();
  }

  @Test
  void news_privatePartsReachOnlyThePlayerTheyConcern() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port());
        TestClient watcher = TestClient.connect(server.port())) {
      String code = japan.create(SCENARIO, 0, 0);
      assertThat(watcher.watch(code).hasWatching()).isTrue();
      expectJoined(japan.join(code, "japan", "Aiko"));
      expectJoined(russia.join(code, "russia", "Boris"));
      japan.awaitEvent(EventView::hasTurnChanged);

      expectDone(japan.propose(FOUR_ISLANDS));
      expectDone(russia.propose(NASH));

      NewsView japanNews = japan.awaitEvent(EventView::hasNewsArrived).getNewsArrived();
      NewsView russiaNews = russia.awaitEvent(EventView::hasNewsArrived).getNewsArrived();
      NewsView watcherNews = watcher.awaitEvent(EventView::hasNewsArrived).getNewsArrived();
      assertThat(japanNews.getId()).isEqualTo("china-adiz");
      assertThat(japanNews.getRound()).isEqualTo(2);
      assertThat(japanNews.getYourChangesList()).containsExactlyInAnyOrder(
          delta("japan", "security", "joint_exercises", 2),
          delta("japan", "security", "full_fact_sheet", 3),
          delta("japan", "peace_treaty", "roadmap", 2),
          delta("japan", "peace_treaty", "treaty_signed", 3));
      assertThat(japanNews.getYourNote()).contains("China");
      assertThat(russiaNews.getYourChangesList())
          .containsExactly(delta("russia", "peace_treaty", "treaty_signed", 2));
      assertThat(russiaNews.getYourNote()).isNotEmpty().isNotEqualTo(japanNews.getYourNote());
      assertThat(watcherNews.getYourChangesList()).isEmpty();
      assertThat(watcherNews.getYourNote()).isEmpty();
      assertThat(watcherNews.getHeadline()).isEqualTo(japanNews.getHeadline()).isNotEmpty();

      // a watcher arriving later reads the same public history
      try (TestClient late = TestClient.connect(server.port())) {
        GameSnapshot view = late.watch(code).getWatching().getGame();
        List<NewsView> news = view.getHistoryList().stream().filter(EventView::hasNewsArrived)
            .map(EventView::getNewsArrived).toList();
        assertThat(news).singleElement().satisfies(n -> {
          assertThat(n.getYourChangesList()).isEmpty();
          assertThat(n.getYourNote()).isEmpty();
        });
      }
    }
  }

  @Test
  void player_neverSeesTheOtherSidesPointsBeforeTheEnd() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port())) {
      String code = japan.create(SCENARIO, 0, 0);
      Joined japanSeat = japan.join(code, "japan", "Aiko").getJoined();
      Joined russiaSeat = russia.join(code, "russia", "Boris").getJoined();

      // Japan's table has four_islands at 40; Russia's has it at 0 and status_quo at 55
      assertThat(points(japanSeat, "territory", "four_islands")).isEqualTo(40);
      assertThat(points(russiaSeat, "territory", "four_islands")).isZero();
      assertThat(points(russiaSeat, "territory", "status_quo")).isEqualTo(55);
      assertThat(japanSeat.getReservationValue()).isEqualTo(24);
      assertThat(russiaSeat.getReservationValue()).isEqualTo(55);
      assertThat(japanSeat.getBrief()).startsWith("CONFIDENTIAL - JAPAN")
          .doesNotContain("CONFIDENTIAL - RUSSIA");

      japan.awaitEvent(EventView::hasTurnChanged);
      for (int i = 0; i < 4; i++) {
        expectDone(japan.propose(FOUR_ISLANDS));
        expectDone(russia.propose(NASH));
      }
      japan.say("a few rounds in");
      japan.awaitEvent(e -> e.hasChatPosted());
      assertThat(japan.seen()).as("nothing before the end reveals points")
          .noneMatch(EventView::hasGameEnded)
          .allSatisfy(e -> assertThat(e.toString()).doesNotContain("reservation_value"));
      assertThat(japan.seen()).filteredOn(EventView::hasNewsArrived).extracting(EventView::getNewsArrived)
          .flatExtracting(NewsView::getYourChangesList)
          .as("Russia's private changes (treaty_signed +2, territory) never reach Japan")
          .noneMatch(d -> d.getIssue().equals("territory"))
          .noneMatch(d -> d.getIssue().equals("missile_defence"));

      expectDone(japan.walkAway());
      GameOver end = russia.awaitEvent(EventView::hasGameEnded).getGameEnded();
      assertThat(end.getRolesList()).hasSize(2);
    }
  }

  @Test
  void disconnectAndResume_midGame_otherSideIsToldAndTheGameFinishes() throws Exception {
    try (TestClient russia = TestClient.connect(server.port())) {
      String code;
      String token;
      try (TestClient japan = TestClient.connect(server.port())) {
        code = japan.create(SCENARIO, 0, 0);
        token = japan.join(code, "japan", "Aiko").getJoined().getSeatToken();
        expectJoined(russia.join(code, "russia", "Boris"));
        japan.awaitEvent(EventView::hasTurnChanged);
        expectDone(japan.propose(FOUR_ISLANDS));
        expectDone(russia.propose(NASH));
      }
      EventView gone = russia.awaitEvent(EventView::hasPresenceChanged);
      assertThat(gone.getPresenceChanged().getRole()).isEqualTo("japan");
      assertThat(gone.getPresenceChanged().getConnected()).isFalse();

      // the game goes on without Japan: chat still works
      expectDone(russia.say("Are you still there?"));

      try (TestClient back = TestClient.connect(server.port())) {
        ServerMessage resumed = back.resume(code, token);
        expectJoined(resumed);
        Joined joined = resumed.getJoined();
        assertThat(joined.getRole()).isEqualTo("japan");
        assertThat(joined.getSeatToken()).isEqualTo(token);
        GameSnapshot game = joined.getGame();
        assertThat(game.getToMove()).isEqualTo("japan");
        assertThat(game.getRound()).isEqualTo(2);
        assertThat(game.getOnTable().getRole()).isEqualTo("russia");
        assertThat(game.getOnTable().getPackage()).isEqualTo(TestClient.pkg(NASH));
        assertThat(game.getHistoryList()).filteredOn(EventView::hasOfferMade).hasSize(2);
        assertThat(game.getHistoryList()).filteredOn(EventView::hasChatPosted).singleElement()
            .satisfies(e -> assertThat(e.getChatPosted().getText()).contains("still there"));
        assertThat(game.getHistoryList()).filteredOn(EventView::hasNewsArrived).singleElement()
            .satisfies(e -> assertThat(e.getNewsArrived().getYourChangesList()).hasSize(4));
        assertThat(game.getSeatsList()).allSatisfy(s -> assertThat(s.getConnected()).isTrue());

        EventView returned = russia.awaitEvent(EventView::hasPresenceChanged);
        assertThat(returned.getPresenceChanged().getRole()).isEqualTo("japan");
        assertThat(returned.getPresenceChanged().getConnected()).isTrue();

        expectDone(back.accept());
        GameOver end = russia.awaitEvent(EventView::hasGameEnded).getGameEnded();
        HonestGame.AGREEMENT_ROUND_2.check(end.getResult());
        assertThat(back.awaitEvent(EventView::hasGameEnded).getGameEnded()).isEqualTo(end);
      }
    }
  }

  @Test
  void badBytesOnOneConnection_gameOnOthersIsUnaffected() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port());
        TestClient garbage = TestClient.connect(server.port());
        TestClient huge = TestClient.connectRaw(server.port());
        TestClient malformedPrefix = TestClient.connectRaw(server.port())) {
      String code = japan.create(SCENARIO, 0, 0);
      expectJoined(japan.join(code, "japan", "Aiko"));
      expectJoined(russia.join(code, "russia", "Boris"));
      japan.awaitEvent(EventView::hasTurnChanged);
      expectDone(japan.propose(FOUR_ISLANDS));

      garbage.sendRaw(new byte[] {5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
      huge.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
      malformedPrefix.sendRaw(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
          (byte) 0x80, (byte) 0x80});

      assertThat(garbage.nextReply().getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
      assertThat(huge.nextReply().getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE);
      assertThat(malformedPrefix.nextReply().getError().getCode())
          .isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
      assertThat(garbage.awaitClosed()).isTrue();
      assertThat(huge.awaitClosed()).isTrue();
      assertThat(malformedPrefix.awaitClosed()).isTrue();

      expectDone(russia.propose(NASH));
      expectDone(japan.accept());
      HonestGame.AGREEMENT_ROUND_2.check(
          russia.awaitEvent(EventView::hasGameEnded).getGameEnded().getResult());
      assertThat(japan.errors()).isEmpty();
      assertThat(russia.errors()).isEmpty();
    }
  }

  @Test
  void malformedFrame_aMoveSentRightBehindIt_isNotPlayed() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port())) {
      String code = japan.create(SCENARIO, 0, 0);
      expectJoined(japan.join(code, "japan", "Aiko"));
      expectJoined(russia.join(code, "russia", "Boris"));
      japan.awaitEvent(EventView::hasTurnChanged);
      expectDone(japan.propose(FOUR_ISLANDS));

      // one write: a bad frame, then a chat message and a walk-out that must not count
      byte[] bad = {3, 0, (byte) 0xff, (byte) 0xff};
      byte[] say = TestClient.delimited(ClientMessage.newBuilder()
          .setRequestId(100).setSay(Say.newBuilder().setText("smuggled"))
          .build());
      byte[] walk = TestClient.delimited(ClientMessage.newBuilder()
          .setRequestId(101).setWalkAway(WalkAway.getDefaultInstance())
          .build());
      russia.sendRaw(concat(bad, say, walk));
      assertThat(russia.nextReply().getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
      assertThat(russia.awaitClosed()).isTrue();
      japan.awaitEvent(e -> e.hasPresenceChanged() && !e.getPresenceChanged().getConnected());

      expectDone(japan.say("marker"));
      japan.awaitEvent(e -> e.hasChatPosted() && e.getChatPosted().getText().equals("marker"));
      assertThat(japan.seen()).noneMatch(EventView::hasGameEnded)
          .noneMatch(e -> e.getChatPosted().getText().equals("smuggled"));
    }
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static Predicate<EventView> isTurnOf(String role) {
    return e -> e.hasTurnChanged() && e.getTurnChanged().getRole().equals(role);
  }

  static PointDelta delta(String role, String issue, String option, int delta) {
    return PointDelta.newBuilder().setRole(role).setIssue(issue).setOption(option)
        .setDelta(delta).build();
  }

  static int points(Joined joined, String issue, String option) {
    return joined.getPoints().getIssuesList().stream()
        .filter(i -> i.getIssue().equals(issue))
        .flatMap(i -> i.getOptionsList().stream())
        .filter(o -> o.getOption().equals(option))
        .findFirst().orElseThrow().getPoints();
  }
}
