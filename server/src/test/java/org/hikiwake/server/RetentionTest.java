package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.GameSummary;
import org.hikiwake.proto.wire.ListGames;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.FetchRecording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finished games leave memory after their grace period and are still served
 * from the store; listings are paged and filtered.
 */
class RetentionTest {
  @TempDir Path data;
  private HikiwakeServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(Duration grace) throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data)
        .withMessageRate(1_000, 1_000).withFinishedGameGrace(grace));
  }

  /** Plays a game to a walk-out and disconnects both players; returns its code. */
  private String finishedGame() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port())) {
      String code = japan.create("japan-russia-2013", 0, 0);
      assertThat(japan.join(code, "japan", "Aiko").hasJoined()).isTrue();
      assertThat(russia.join(code, "russia", "Boris").hasJoined()).isTrue();
      assertThat(japan.walkAway().hasDone()).isTrue();
      russia.awaitEvent(EventView::hasGameEnded);
      return code;
    }
  }

  private static ServerMessage list(TestClient c, ListGames.Builder ask) throws Exception {
    ServerMessage m = c.request(ClientMessage.newBuilder().setListGames(ask));
    assertThat(m.hasGameList()).as("%s", m).isTrue();
    return m;
  }

  @Test
  void finishedGame_afterItsGrace_leavesMemoryAndIsStillServedFromTheStore() throws Exception {
    start(Duration.ZERO);
    String code = finishedGame();
    // the lobby's own sweep lets it go once its players' connections are gone
    await().atMost(10, TimeUnit.SECONDS).until(() -> server.lobby().find(code).isEmpty());

    try (TestClient late = TestClient.connect(server.port())) {
      ServerMessage listed = list(late, ListGames.newBuilder());
      assertThat(listed.getGameList().getGamesList()).singleElement().satisfies(g -> {
        assertThat(g.getGameCode()).isEqualTo(code);
        assertThat(g.getPhase()).isEqualTo(GamePhase.GAME_PHASE_ENDED);
        assertThat(g.getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_WALK_OUT);
        assertThat(g.getSeatsList()).extracting(s -> s.getDisplayName())
            .containsExactly("Aiko", "Boris");
      });
      ServerMessage watching = late.watch(code);
      assertThat(watching.hasWatching()).as("%s", watching).isTrue();
      assertThat(watching.getWatching().getGame().getPhase())
          .isEqualTo(GamePhase.GAME_PHASE_ENDED);
      assertThat(watching.getWatching().getGame().getHistoryList())
          .anyMatch(EventView::hasGameEnded);
      ServerMessage file = late.request(ClientMessage.newBuilder().setFetchRecording(
          FetchRecording.newBuilder().setGameCode(code)));
      assertThat(file.hasRecordingFile()).as("%s", file).isTrue();
      assertThat(RecordingReader.read(file.getRecordingFile().getContent().toByteArray())
          .isFinished()).isTrue();
    }
  }

  @Test
  void finishedGame_withinItsGrace_staysInMemory() throws Exception {
    start(Duration.ofHours(1));
    String code = finishedGame();

    assertThat(server.lobby().retireFinished().get(5, TimeUnit.SECONDS)).isZero();
    assertThat(server.lobby().find(code)).isPresent();
  }

  @Test
  void finishedGame_watchedOnAfterItsGrace_staysUntilTheWatcherLeaves() throws Exception {
    start(Duration.ZERO);
    try (TestClient watcher = TestClient.connect(server.port())) {
      String code;
      try (TestClient japan = TestClient.connect(server.port());
          TestClient russia = TestClient.connect(server.port())) {
        code = japan.create("japan-russia-2013", 0, 0);
        assertThat(watcher.watch(code).hasWatching()).isTrue();
        japan.join(code, "japan", "Aiko");
        russia.join(code, "russia", "Boris");
        assertThat(japan.walkAway().hasDone()).isTrue();
        watcher.awaitEvent(EventView::hasGameEnded);
      }
      await().atMost(10, TimeUnit.SECONDS).until(() -> server.lobby().list().get(0).seats()
          .stream().noneMatch(s -> s.connected()));
      assertThat(server.lobby().retireFinished().get(5, TimeUnit.SECONDS)).isZero();
      assertThat(server.lobby().find(code)).isPresent();
    }
    await().atMost(10, TimeUnit.SECONDS).until(() -> server.lobby().list().isEmpty());
  }

  @Test
  void listGames_pagedAndFiltered_everyGameOnceNewestFirst() throws Exception {
    start(Duration.ZERO);
    String ended = finishedGame();
    List<String> created = new ArrayList<>();
    try (TestClient c = TestClient.connect(server.port())) {
      for (int i = 0; i < 6; i++) {
        created.add(0, c.create("japan-russia-2013", 0, 0));
      }
      List<String> seen = new ArrayList<>();
      List<GameSummary> summaries = new ArrayList<>();
      String token = "";
      int pages = 0;
      do {
        ServerMessage page = list(c, ListGames.newBuilder().setPageSize(3).setPageToken(token));
        assertThat(page.getGameList().getGamesCount()).isLessThanOrEqualTo(3);
        page.getGameList().getGamesList().forEach(g -> seen.add(g.getGameCode()));
        summaries.addAll(page.getGameList().getGamesList());
        token = page.getGameList().getNextPageToken();
        pages++;
      } while (!token.isEmpty());
      assertThat(pages).isEqualTo(3);
      List<String> expected = new ArrayList<>(created);
      expected.add(ended);
      assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
      // newest first to the millisecond the store keeps; games of one millisecond by code
      assertThat(summaries).isSortedAccordingTo(java.util.Comparator
          .comparingLong(GameSummary::getCreatedAtMillis).reversed()
          .thenComparing(GameSummary::getGameCode));
      assertThat(seen.get(seen.size() - 1)).as("the oldest").isEqualTo(ended);

      ServerMessage waiting = list(c, ListGames.newBuilder()
          .setPhase(GamePhase.GAME_PHASE_WAITING));
      // the waiting games in the listing's own order (games of one millisecond by code)
      assertThat(waiting.getGameList().getGamesList()).extracting(GameSummary::getGameCode)
          .containsExactlyElementsOf(seen.subList(0, created.size()));
      ServerMessage over = list(c, ListGames.newBuilder().setPhase(GamePhase.GAME_PHASE_ENDED));
      assertThat(over.getGameList().getGamesList()).extracting(GameSummary::getGameCode)
          .containsExactly(ended);
      ServerMessage ofClass = list(c, ListGames.newBuilder().setClassCode("NO-SUCH-CLASS"));
      assertThat(ofClass.getGameList().getGamesList()).isEmpty();

      ServerMessage bad = c.request(ClientMessage.newBuilder().setListGames(
          ListGames.newBuilder().setPageToken("x".repeat(5_000))));
      assertThat(bad.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_BAD_REQUEST);
      assertThat(bad.getError().getMessage()).hasSizeLessThan(200);
    }
  }

  @Test
  void listGames_oldClientAskingForNothing_getsTheFirstPageOfBoundedSize() throws Exception {
    start(Duration.ofHours(1));
    try (TestClient c = TestClient.connect(server.port())) {
      for (int i = 0; i < 55; i++) {
        c.create("japan-russia-2013", 0, 0);
      }
      ServerMessage page = list(c, ListGames.newBuilder());
      assertThat(page.getGameList().getGamesCount()).isEqualTo(50);
      assertThat(page.getGameList().getNextPageToken()).isNotEmpty();
      ServerMessage huge = list(c, ListGames.newBuilder().setPageSize(1_000_000));
      assertThat(huge.getGameList().getGamesCount()).isEqualTo(55);
    }
  }
}
