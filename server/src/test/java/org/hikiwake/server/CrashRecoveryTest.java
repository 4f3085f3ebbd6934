package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import com.google.common.hash.Hashing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a server in a child process with SIGKILL right after it acknowledged
 * moves, restarts it on the same data folder, and checks that every
 * acknowledged move is there and the players finish with their tokens.
 */
class CrashRecoveryTest {
  static final String[] JAPAN_OFFER = {"territory", "area_split", "peace_treaty",
      "treaty_signed", "energy", "lng_contracts", "far_east", "modest", "security",
      "joint_exercises", "missile_defence", "no_statement"};
  static final String[] RUSSIA_OFFER = {"territory", "two_islands", "peace_treaty", "roadmap",
      "energy", "lng_and_pipeline", "far_east", "major", "security", "full_fact_sheet",
      "missile_defence", "written_assurance"};

  @TempDir Path data;
  private ChildServers children;

  @org.junit.jupiter.api.BeforeEach
  void children() {
    children = new ChildServers(data);
  }

  @AfterEach
  void killChildren() {
    children.close();
  }

  @Test
  void sigkillAfterAcks_restart_everyAcknowledgedMoveIsKeptAndGameFinishes() throws Exception {
    Process first = startChild();
    int port = portOf(first);
    String code;
    String japanToken;
    String russiaToken;
    int acknowledgedOffers = 0;
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      code = japan.create("japan-russia-2013", 0, 0);
      japanToken = japan.join(code, "japan", "Aiko").getJoined().getSeatToken();
      russiaToken = russia.join(code, "russia", "Boris").getJoined().getSeatToken();
      for (int turn = 0; turn < 5; turn++) {
        TestClient mover = turn % 2 == 0 ? japan : russia;
        ServerMessage ack = mover.propose(turn % 2 == 0 ? JAPAN_OFFER : RUSSIA_OFFER);
        assertThat(ack.hasDone()).as("ack of turn %s: %s", turn, ack).isTrue();
        acknowledgedOffers++;
      }
      ServerMessage chat = japan.say("last words before the crash");
      assertThat(chat.hasDone()).isTrue();
      // The instant the last acknowledgement arrives, the server dies without any shutdown.
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(first.exitValue()).isEqualTo(137);

    Process second = startChild();
    int port2 = portOf(second);
    try (TestClient japan = TestClient.connect(port2);
        TestClient russia = TestClient.connect(port2)) {
      ServerMessage rj = japan.resume(code, japanToken);
      ServerMessage rr = russia.resume(code, russiaToken);
      assertThat(rj.hasJoined()).as("%s", rj).isTrue();
      assertThat(rr.hasJoined()).as("%s", rr).isTrue();
      assertThat(rj.getJoined().getRole()).isEqualTo("japan");
      assertThat(rr.getJoined().getRole()).isEqualTo("russia");
      GameSnapshot view = rj.getJoined().getGame();
      assertThat(view.getHistoryList().stream().filter(EventView::hasOfferMade).count())
          .isEqualTo(acknowledgedOffers);
      assertThat(view.getHistoryList().stream().filter(EventView::hasChatPosted)
          .map(e -> e.getChatPosted().getText()))
          .containsExactly("last words before the crash");
      assertThat(view.getPhase()).isEqualTo(GamePhase.GAME_PHASE_IN_PROGRESS);
      assertThat(view.getToMove()).isEqualTo("russia");
      assertThat(view.getOnTable().getRole()).isEqualTo("japan");

      assertThat(russia.accept().hasDone()).isTrue();
      EventView end = japan.awaitEvent(EventView::hasGameEnded);
      assertThat(end.getGameEnded().getResult().getOutcome())
          .isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
    }
  }

  /** The cut points of the store: the JVM halts just before or just after a chosen commit. */
  @ParameterizedTest
  @ValueSource(strings = {"before-commit", "after-commit"})
  void join_killedAroundItsCommit_retryWithItsKeyGetsOneSeatAndItsToken(String cut)
      throws Exception {
    String key = "crash-join-" + cut + "-0123456789";
    Process first = startChild(haltAt(cut, key));
    int port = portOf(first);
    String code;
    String japanToken;
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      code = japan.create("japan-russia-2013", 0, 0);
      japanToken = japan.join(code, "japan", "Aiko").getJoined().getSeatToken();
      russia.send(IdempotentRetryTest.join(code, "russia", key).setRequestId(41));
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("halted at the cut").isTrue();
      assertThat(first.exitValue()).isEqualTo(137);
    }

    Process second = startChild();
    int port2 = portOf(second);
    try (TestClient japan = TestClient.connect(port2);
        TestClient russia = TestClient.connect(port2);
        TestClient again = TestClient.connect(port2)) {
      ServerMessage resumed = japan.resume(code, japanToken);
      long russiaSeats = resumed.getJoined().getGame().getHistoryList().stream()
          .filter(e -> e.hasSeatFilled() && e.getSeatFilled().getRole().equals("russia"))
          .count();
      assertThat(russiaSeats).as("the seat is durable only if the commit was")
          .isEqualTo(cut.equals("after-commit") ? 1 : 0);

      ServerMessage retried = russia.request(41, IdempotentRetryTest.join(code, "russia", key));

      assertThat(retried.hasJoined()).as("%s", retried).isTrue();
      assertThat(retried.getJoined().getGame().getHistoryList().stream()
          .filter(e -> e.hasSeatFilled() && e.getSeatFilled().getRole().equals("russia"))
          .count()).isEqualTo(1);
      // the token works: another connection resumes the seat with it and plays
      ServerMessage taken = again.resume(code, retried.getJoined().getSeatToken());
      assertThat(taken.getJoined().getRole()).isEqualTo("russia");
      assertThat(japan.propose(JAPAN_OFFER).hasDone()).isTrue();
      assertThat(again.accept().hasDone()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"before-commit", "after-commit"})
  void move_killedAroundItsCommit_retryWithItsKeyMakesItExactlyOnce(String cut)
      throws Exception {
    String key = "crash-move-" + cut + "-0123456789";
    Process first = startChild(haltAt(cut, key));
    int port = portOf(first);
    String code;
    String japanToken;
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      code = japan.create("japan-russia-2013", 0, 0);
      japanToken = japan.join(code, "japan", "Aiko").getJoined().getSeatToken();
      russia.join(code, "russia", "Boris");
      japan.send(IdempotentRetryTest.propose(key, JAPAN_OFFER).setRequestId(77));
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("halted at the cut").isTrue();
    }

    Process second = startChild();
    int port2 = portOf(second);
    try (TestClient japan = TestClient.connect(port2);
        TestClient watcher = TestClient.connect(port2)) {
      ServerMessage resumed = japan.resume(code, japanToken);
      assertThat(resumed.getJoined().getGame().getHistoryList().stream()
          .filter(EventView::hasOfferMade).count())
          .isEqualTo(cut.equals("after-commit") ? 1 : 0);

      ServerMessage retried = japan.request(77, IdempotentRetryTest.propose(key, JAPAN_OFFER));

      assertThat(retried.hasDone()).as("%s", retried).isTrue();
      GameSnapshot view = watcher.watch(code).getWatching().getGame();
      assertThat(view.getHistoryList().stream().filter(EventView::hasOfferMade).count())
          .isEqualTo(1);
      assertThat(view.getToMove()).isEqualTo("russia");
    }
  }

  /**
   * SIGKILL while both players chat as fast as they can and a watcher follows:
   * every event anyone was shown, and every acknowledged message, is there
   * after the restart, under the same sequence number.
   */
  @Test
  void sigkillUnderLoad_everythingShownOrAcknowledgedIsKeptUnderItsNumber() throws Exception {
    Process first = startChild();
    int port = portOf(first);
    String code;
    String japanToken;
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<EventView> watched;
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port);
        TestClient watcher = TestClient.connect(port)) {
      code = japan.create("japan-russia-2013", 0, 0);
      japanToken = japan.join(code, "japan", "Aiko").getJoined().getSeatToken();
      russia.join(code, "russia", "Boris");
      assertThat(watcher.watch(code).hasWatching()).isTrue();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> talkers = new ArrayList<>();
      for (TestClient side : List.of(japan, russia)) {
        Thread t = new Thread(() -> {
          for (int i = 0; !stop.get(); i++) {
            String text = (side == japan ? "j" : "r") + i;
            try {
              if (side.say(text).hasDone()) {
                acknowledged.add(text);
              }
            } catch (AssertionError | InterruptedException e) {
              return; // the server is gone
            }
          }
        });
        t.setDaemon(true);
        t.start();
        talkers.add(t);
      }
      org.awaitility.Awaitility.await().atMost(60, TimeUnit.SECONDS)
          .until(() -> acknowledged.size() >= 60);
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      stop.set(true);
      for (Thread t : talkers) {
        t.join(TestClient.TIMEOUT.toMillis() + 5_000);
      }
      watched = List.copyOf(watcher.drained());
    }

    Process second = startChild();
    int port2 = portOf(second);
    try (TestClient japan = TestClient.connect(port2);
        TestClient watcher = TestClient.connect(port2)) {
      GameSnapshot after = watcher.watch(code).getWatching().getGame();
      java.util.Map<Long, EventView> bySeq = new java.util.HashMap<>();
      after.getHistoryList().forEach(e -> bySeq.put(e.getSeq(), e));
      assertThat(watched).isNotEmpty().allSatisfy(e ->
          assertThat(bySeq.get(e.getSeq())).as("event %s as shown before the crash", e.getSeq())
              .isEqualTo(e));
      Set<String> kept = new java.util.HashSet<>();
      after.getHistoryList().stream().filter(EventView::hasChatPosted)
          .forEach(e -> kept.add(e.getChatPosted().getText()));
      assertThat(kept).containsAll(acknowledged);
      assertThat(japan.resume(code, japanToken).hasJoined()).isTrue();
    }
  }

  private static String haltAt(String cut, String key) {
    return "-Dhikiwake.store.haltAt=" + cut + ":"
        + Hashing.sha256().hashString(key, StandardCharsets.UTF_8);
  }

  private Process startChild(String... jvmOptions) throws IOException {
    return children.start(jvmOptions);
  }

  private static int portOf(Process p) throws IOException {
    return ChildServers.portOf(p);
  }
}
