package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hikiwake.server.HonestGame.NASH;
import static org.hikiwake.server.HonestGame.SCENARIO;
import static org.hikiwake.server.HonestGame.expectDone;
import static org.hikiwake.server.HonestGame.expectJoined;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateGame;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.Hello;
import org.hikiwake.proto.wire.Ping;
import org.hikiwake.proto.wire.Say;
import org.hikiwake.proto.wire.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error code, each produced by the bad move that causes it. After an
 * error that does not close the connection, the connection still serves.
 */
class ErrorCodeTest {
  @TempDir Path data;
  HikiwakeServer server;
  final List<HikiwakeServer> others = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data));
  }

  @AfterEach
  void stop() {
    others.forEach(HikiwakeServer::close);
    server.close();
  }

  @Test
  void hello_unsupportedVersion_isRefusedUntilASupportedOne() throws Exception {
    try (TestClient c = TestClient.connectRaw(server.port())) {
      ServerMessage refused = c.request(hello(2));
      expectError(refused, ErrorCode.ERROR_CODE_UNSUPPORTED_PROTOCOL_VERSION);
      assertThat(refused.getError().getMessage()).contains("1").contains("2");

      expectError(c.ping(), ErrorCode.ERROR_CODE_BAD_REQUEST);
      assertThat(c.request(hello(1)).hasWelcome()).isTrue();
      assertStillServes(c);
    }
  }

  @Test
  void anyCommand_beforeHello_isBadRequest() throws Exception {
    try (TestClient c = TestClient.connectRaw(server.port())) {
      expectError(c.request(ClientMessage.newBuilder().setCreateGame(
          CreateGame.newBuilder().setScenarioId(SCENARIO))), ErrorCode.ERROR_CODE_BAD_REQUEST);
      assertThat(server.lobby().size()).isZero();
      assertThat(c.request(hello(1)).hasWelcome()).isTrue();
      assertStillServes(c);
    }
  }

  @Test
  void message_withNoCommand_isBadRequest() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      expectError(c.request(ClientMessage.newBuilder()), ErrorCode.ERROR_CODE_BAD_REQUEST);
      assertStillServes(c);
    }
  }

  @Test
  void create_roundsOrTurnLimitOutOfRange_isBadRequest() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      expectError(c.request(ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
          .setScenarioId(SCENARIO).setRounds(100_000))), ErrorCode.ERROR_CODE_BAD_REQUEST);
      expectError(c.request(ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
          .setScenarioId(SCENARIO).setTurnLimitMillis(Duration.ofDays(2).toMillis()))),
          ErrorCode.ERROR_CODE_BAD_REQUEST);
      // uint32 and uint64 maxima, which Java reads as -1
      expectError(c.request(ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
          .setScenarioId(SCENARIO).setRounds(-1))), ErrorCode.ERROR_CODE_BAD_REQUEST);
      expectError(c.request(ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
          .setScenarioId(SCENARIO).setTurnLimitMillis(-1L))), ErrorCode.ERROR_CODE_BAD_REQUEST);
      expectError(c.request(ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
          .setScenarioId(SCENARIO).setTurnLimitMillis(Long.MIN_VALUE))), ErrorCode.ERROR_CODE_BAD_REQUEST);
      assertStillServes(c);
    }
  }

  @Test
  void create_unknownScenario_isUnknownScenario() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      ServerMessage m = c.request(ClientMessage.newBuilder().setCreateGame(
          CreateGame.newBuilder().setScenarioId("atlantis-1066")));
      expectError(m, ErrorCode.ERROR_CODE_UNKNOWN_SCENARIO);
      assertThat(m.getError().getMessage()).contains(SCENARIO);
      assertStillServes(c);
    }
  }

  @Test
  void create_overTheGameLimit_isTooManyGames() throws Exception {
    HikiwakeServer small = other(ServerConfig.defaults().withPort(0).withDataDir(data.resolve("s"))
        .withMaxGames(1));
    try (TestClient c = TestClient.connect(small.port())) {
      c.create(SCENARIO, 0, 0);
      expectError(c.request(ClientMessage.newBuilder().setCreateGame(
          CreateGame.newBuilder().setScenarioId(SCENARIO))), ErrorCode.ERROR_CODE_TOO_MANY_GAMES);
      assertThat(small.lobby().size()).isEqualTo(1);
      assertStillServes(c);
    }
  }

  @Test
  void create_afterTheOnlyGameEnded_isAllowedAgain() throws Exception {
    HikiwakeServer small = other(ServerConfig.defaults().withPort(0).withDataDir(data.resolve("f"))
        .withMaxGames(1));
    try (TestClient japan = TestClient.connect(small.port());
        TestClient russia = TestClient.connect(small.port())) {
      String code = japan.create(SCENARIO, 0, 0);
      expectJoined(japan.join(code, "japan", "Aiko"));
      expectJoined(russia.join(code, "russia", "Boris"));
      expectError(japan.request(ClientMessage.newBuilder().setCreateGame(
          CreateGame.newBuilder().setScenarioId(SCENARIO))), ErrorCode.ERROR_CODE_TOO_MANY_GAMES);
      japan.awaitEvent(e -> e.hasTurnChanged());
      assertThat(japan.walkAway().hasDone()).isTrue();
      japan.awaitEvent(e -> e.hasGameEnded());
      assertThat(russia.create(SCENARIO, 0, 0)).isNotEqualTo(code);
      assertThat(small.lobby().size()).isEqualTo(2);
    }
  }

  @Test
  void joinResumeWatch_unknownGame_isUnknownGame() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      expectError(c.join("QQQQ-QQQQ", "japan", "Aiko"), ErrorCode.ERROR_CODE_UNKNOWN_GAME);
      expectError(c.resume("QQQQ-QQQQ", "token"), ErrorCode.ERROR_CODE_UNKNOWN_GAME);
      expectError(c.watch(""), ErrorCode.ERROR_CODE_UNKNOWN_GAME);
      assertStillServes(c);
    }
  }

  @Test
  void join_unknownRole_isUnknownRole() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      String code = c.create(SCENARIO, 0, 0);
      ServerMessage m = c.join(code, "china", "Li");
      expectError(m, ErrorCode.ERROR_CODE_UNKNOWN_ROLE);
      assertThat(m.getError().getMessage()).contains("japan").contains("russia");
      assertStillServes(c);
    }
  }

  @Test
  void join_takenSeat_isRoleTaken() throws Exception {
    try (TestClient a = TestClient.connect(server.port());
        TestClient b = TestClient.connect(server.port())) {
      String code = a.create(SCENARIO, 0, 0);
      expectJoined(a.join(code, "japan", "Aiko"));
      ServerMessage m = b.join(code, "japan", "Akira");
      expectError(m, ErrorCode.ERROR_CODE_ROLE_TAKEN);
      assertThat(m.getError().getMessage()).contains("russia");
      assertStillServes(b);
      expectJoined(b.join(code, "russia", "Boris"));
    }
  }

  @Test
  void join_displayNameTooLong_isMessageTooLarge() throws Exception {
    try (TestClient a = TestClient.connect(server.port());
        TestClient b = TestClient.connect(server.port())) {
      String code = a.create(SCENARIO, 0, 0);
      expectError(a.join(code, "japan", "A".repeat(33)), ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE);
      assertStillServes(a);
      // 31 letters and one letter outside the BMP: 32 code points, 33 UTF-16 units.
      expectJoined(a.join(code, "japan", "A".repeat(31) + "\uD835\uDC9C"));
      expectJoined(b.join(code, "russia", "Борис Ельцин-2 jr._x"));
    }
  }

  @Test
  void join_nameWithApostropheAndDiaeresis_isTaken() throws Exception {
    try (TestClient a = TestClient.connect(server.port())) {
      String code = a.create(SCENARIO, 0, 0);
      ServerMessage joined = a.join(code, "japan", "Zoë O'Neil");
      expectJoined(joined);
    }
  }

  @Test
  void join_displayNameBadOrEmpty_isInvalidText() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      String code = c.create(SCENARIO, 0, 0);
      expectError(c.join(code, "japan", "Aiko<script>"), ErrorCode.ERROR_CODE_INVALID_TEXT);
      expectError(c.join(code, "japan", "Ai\u001b[2Jko"), ErrorCode.ERROR_CODE_INVALID_TEXT);
      expectError(c.join(code, "japan", "   "), ErrorCode.ERROR_CODE_INVALID_TEXT);
      expectError(c.join(code, "japan", ""), ErrorCode.ERROR_CODE_INVALID_TEXT);
      assertStillServes(c);
      expectJoined(c.join(code, "japan", "Aiko"));
    }
  }

  @Test
  void resume_madeUpToken_isBadSeatToken() throws Exception {
    try (TestClient a = TestClient.connect(server.port());
        TestClient thief = TestClient.connect(server.port())) {
      String code = a.create(SCENARIO, 0, 0);
      expectJoined(a.join(code, "japan", "Aiko"));
      expectError(thief.resume(code, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
          ErrorCode.ERROR_CODE_BAD_SEAT_TOKEN);
      expectError(thief.resume(code, ""), ErrorCode.ERROR_CODE_BAD_SEAT_TOKEN);
      assertStillServes(thief);
    }
  }

  @Test
  void move_beforeBothSeatsAreTaken_isGameNotStarted() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      String code = c.create(SCENARIO, 0, 0);
      expectJoined(c.join(code, "japan", "Aiko"));
      expectError(c.propose(NASH), ErrorCode.ERROR_CODE_GAME_NOT_STARTED);
      expectError(c.accept(), ErrorCode.ERROR_CODE_GAME_NOT_STARTED);
      assertStillServes(c);
    }
  }

  @Test
  void move_withoutASeat_isNotSeated() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      c.create(SCENARIO, 0, 0);
      expectError(c.propose(NASH), ErrorCode.ERROR_CODE_NOT_SEATED);
      expectError(c.say("hello?"), ErrorCode.ERROR_CODE_NOT_SEATED);
      assertStillServes(c);
    }
  }

  @Test
  void move_byAWatcher_isWatchersCannotMove() throws Exception {
    try (Game g = Game.start(server.port());
        TestClient watcher = TestClient.connect(server.port())) {
      assertThat(watcher.watch(g.code).hasWatching()).isTrue();

      expectError(watcher.propose(NASH), ErrorCode.ERROR_CODE_WATCHERS_CANNOT_MOVE);
      expectError(watcher.accept(), ErrorCode.ERROR_CODE_WATCHERS_CANNOT_MOVE);
      expectError(watcher.walkAway(), ErrorCode.ERROR_CODE_WATCHERS_CANNOT_MOVE);
      expectError(watcher.say("I have opinions"), ErrorCode.ERROR_CODE_WATCHERS_CANNOT_MOVE);
      assertStillServes(watcher);

      expectDone(g.japan.propose(NASH));
      expectDone(g.russia.accept());
      watcher.awaitEvent(EventView::hasGameEnded);
      assertThat(watcher.seen()).noneMatch(EventView::hasChatPosted);
    }
  }

  @Test
  void move_outOfTurn_isNotYourTurn() throws Exception {
    try (Game g = Game.start(server.port())) {
      expectError(g.russia.propose(NASH), ErrorCode.ERROR_CODE_NOT_YOUR_TURN);
      expectError(g.russia.walkAway(), ErrorCode.ERROR_CODE_NOT_YOUR_TURN);
      assertStillServes(g.russia);
      expectDone(g.japan.propose(NASH));
      expectError(g.japan.propose(NASH), ErrorCode.ERROR_CODE_NOT_YOUR_TURN);
    }
  }

  @Test
  void propose_incompleteOrUnknownPackage_isInvalidPackageNamingTheIssues() throws Exception {
    try (Game g = Game.start(server.port())) {
      ServerMessage incomplete = g.japan.propose("territory", "four_islands",
          "peace_treaty", "treaty_signed", "security", "dialogue_only",
          "missile_defence", "no_statement");
      expectError(incomplete, ErrorCode.ERROR_CODE_INVALID_PACKAGE);
      assertThat(incomplete.getError().getDetailsList())
          .containsExactlyInAnyOrder("missing issue energy", "missing issue far_east");

      ServerMessage unknown = g.japan.propose("territory", "the_moon", "peace_treaty", "none",
          "energy", "none", "far_east", "none", "security", "dialogue_only",
          "missile_defence", "no_statement", "fisheries", "quotas");
      expectError(unknown, ErrorCode.ERROR_CODE_INVALID_PACKAGE);
      assertThat(unknown.getError().getDetailsList()).containsExactlyInAnyOrder(
          "unknown option the_moon for issue territory", "unknown issue fisheries");
      assertStillServes(g.japan);
      expectDone(g.japan.propose(NASH));
    }
  }

  @Test
  void accept_withNothingOnTheTable_isNothingToAccept() throws Exception {
    try (Game g = Game.start(server.port())) {
      expectError(g.japan.accept(), ErrorCode.ERROR_CODE_NOTHING_TO_ACCEPT);
      assertStillServes(g.japan);
    }
  }

  @Test
  void accept_ownOfferAfterTheOtherSideTimedOut_isOwnOffer() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port())) {
      String code = japan.create(SCENARIO, 0, 300);
      expectJoined(japan.join(code, "japan", "Aiko"));
      expectJoined(russia.join(code, "russia", "Boris"));
      int turn = japan.awaitEvent(GamePlayTest.isTurnOf("japan")).getTurnChanged().getTurn();
      while (!japan.propose(NASH).hasDone()) {
        turn = GamePlayTest.awaitTurn(japan, "japan", turn);
      }
      ServerMessage own;
      while ((own = japan.accept()).getError().getCode() != ErrorCode.ERROR_CODE_OWN_OFFER) {
        assertThat(own.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_NOT_YOUR_TURN);
        turn = GamePlayTest.awaitTurn(japan, "japan", turn);
      }
      assertStillServes(japan);
    }
  }

  @Test
  void move_afterTheEnd_isGameOver() throws Exception {
    try (Game g = Game.start(server.port())) {
      expectDone(g.japan.walkAway());
      g.russia.awaitEvent(EventView::hasGameEnded);

      expectError(g.russia.propose(NASH), ErrorCode.ERROR_CODE_GAME_OVER);
      expectError(g.russia.accept(), ErrorCode.ERROR_CODE_GAME_OVER);
      expectError(g.japan.say("one more thing"), ErrorCode.ERROR_CODE_GAME_OVER);
      assertStillServes(g.russia);
    }
  }

  @Test
  void say_overFiveHundredCharacters_isMessageTooLarge() throws Exception {
    try (Game g = Game.start(server.port())) {
      expectError(g.russia.say("x".repeat(501)), ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE);
      assertStillServes(g.russia);
      expectDone(g.russia.say("x".repeat(500)));
    }
  }

  @Test
  void say_fiveHundredCodePointsWithAnEmoji_isPostedBecauseCodePointsCount() throws Exception {
    try (Game g = Game.start(server.port())) {
      // 499 letters and one emoji: 500 code points, 501 UTF-16 units (refused in wave 1).
      String text = "x".repeat(499) + "\uD83D\uDE00";
      expectDone(g.russia.say(text));
      ServerMessage tooLong = g.russia.say(text + "x");
      expectError(tooLong, ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE);
      assertThat(tooLong.getError().getMessage()).contains("code points").contains("501");
    }
  }

  @Test
  void propose_packageNamingAnIssueTwice_isInvalidPackageAndChangesNothing() throws Exception {
    try (Game g = Game.start(server.port())) {
      // Every issue once, then territory again: wave 1 took the last option.
      java.util.List<String> choices = new java.util.ArrayList<>(java.util.List.of(NASH));
      choices.add("territory");
      choices.add("four_islands");
      ServerMessage m = g.japan.propose(choices.toArray(new String[0]));
      expectError(m, ErrorCode.ERROR_CODE_INVALID_PACKAGE);
      assertThat(m.getError().getMessage()).contains("territory").contains("more than once");
      expectDone(g.japan.propose(NASH));
    }
  }

  @Test
  void say_emptyOrBlank_isInvalidText() throws Exception {
    try (Game g = Game.start(server.port())) {
      expectError(g.russia.say(""), ErrorCode.ERROR_CODE_INVALID_TEXT);
      expectError(g.russia.say(" \n\t "), ErrorCode.ERROR_CODE_INVALID_TEXT);
      assertStillServes(g.russia);
    }
  }

  @Test
  void frame_overSixtyFourKibibytes_isMessageTooLargeAndClosesTheConnection() throws Exception {
    try (Game g = Game.start(server.port())) {
      g.russia.send(ClientMessage.newBuilder().setSay(Say.newBuilder()
          .setText("x".repeat(70_000))));

      ServerMessage m = g.russia.nextReply();
      assertThat(m.getRequestId()).isZero();
      expectError(m, ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE);
      assertThat(g.russia.awaitClosed()).isTrue();
      g.japan.awaitEvent(e -> e.hasPresenceChanged() && !e.getPresenceChanged().getConnected());
      assertStillServes(g.japan);
    }
  }

  @Test
  void bytesThatAreNoFrame_areMalformedFrameAndCloseTheConnection() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      c.sendRaw(new byte[] {4, 0, 0, 0, 0});

      ServerMessage m = c.nextReply();
      expectError(m, ErrorCode.ERROR_CODE_MALFORMED_FRAME);
      assertThat(c.awaitClosed()).isTrue();
    }
  }

  @Test
  void burstOverTheRate_isRateLimitedThenServesAgain() throws Exception {
    HikiwakeServer slow = other(ServerConfig.defaults().withPort(0)
        .withDataDir(data.resolve("r")).withMessageRate(5, 5));
    try (TestClient c = TestClient.connect(slow.port())) {
      for (int i = 0; i < 20; i++) {
        c.send(ClientMessage.newBuilder().setPing(Ping.getDefaultInstance()));
      }
      List<ServerMessage> replies = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        replies.add(c.nextReply());
      }

      assertThat(replies).filteredOn(ServerMessage::hasPong).hasSizeBetween(4, 8);
      assertThat(replies).filteredOn(ServerMessage::hasError).hasSizeGreaterThanOrEqualTo(12)
          .allSatisfy(m -> expectError(m, ErrorCode.ERROR_CODE_RATE_LIMITED));
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300))
          .until(() -> c.ping().hasPong());
      assertThat(c.isOpen()).isTrue();
    }
  }

  @Test
  void silence_overTheIdleTimeout_isIdleTimeoutAndClosesTheConnection() throws Exception {
    HikiwakeServer strict = other(ServerConfig.defaults().withPort(0)
        .withDataDir(data.resolve("i")).withIdleTimeout(Duration.ofMillis(300)));
    try (TestClient c = TestClient.connect(strict.port())) {
      ServerMessage m = c.nextReply();

      assertThat(m.getRequestId()).isZero();
      expectError(m, ErrorCode.ERROR_CODE_IDLE_TIMEOUT);
      assertThat(c.awaitClosed()).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> strict.connectionCount() == 0);
    }
  }

  @Test
  void pings_withinTheIdleTimeout_keepTheConnectionOpen() throws Exception {
    HikiwakeServer strict = other(ServerConfig.defaults().withPort(0)
        .withDataDir(data.resolve("h")).withIdleTimeout(Duration.ofMillis(500)));
    try (TestClient c = TestClient.connect(strict.port())) {
      long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      // heartbeats every 100 ms for three idle periods
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
        assertThat(c.ping().hasPong()).isTrue();
        return System.nanoTime() > until;
      });
      assertThat(c.isOpen()).isTrue();
      assertThat(c.errors()).isEmpty();
    }
  }

  private HikiwakeServer other(ServerConfig config) throws Exception {
    HikiwakeServer s = HikiwakeServer.start(config);
    others.add(s);
    return s;
  }

  static ClientMessage.Builder hello(int version) {
    return ClientMessage.newBuilder()
        .setHello(Hello.newBuilder().setProtocolVersion(version).setClientName("errors"));
  }

  static void expectError(ServerMessage m, ErrorCode code) {
    assertThat(m.hasError()).as("expected %s but got %s", code, m).isTrue();
    assertThat(m.getError().getCode()).as("%s", m).isEqualTo(code);
    assertThat(m.getError().getMessage()).isNotBlank()
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  static void assertStillServes(TestClient c) throws InterruptedException {
    assertThat(c.ping().hasPong()).as("the connection still serves").isTrue();
    assertThat(c.isOpen()).isTrue();
  }

  /** A started game with both seats taken; Japan is to move. */
  static final class Game implements AutoCloseable {
    final TestClient japan;
    final TestClient russia;
    final String code;

    private Game(TestClient japan, TestClient russia, String code) {
      this.japan = japan;
      this.russia = russia;
      this.code = code;
    }

    static Game start(int port) throws InterruptedException {
      TestClient japan = TestClient.connect(port);
      TestClient russia = TestClient.connect(port);
      String code = japan.create(SCENARIO, 0, 0);
      expectJoined(japan.join(code, "japan", "Aiko"));
      expectJoined(russia.join(code, "russia", "Boris"));
      japan.awaitEvent(EventView::hasTurnChanged);
      return new Game(japan, russia, code);
    }

    @Override
    public void close() {
      japan.close();
      russia.close();
    }
  }
}
