package org.hikiwake.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hikiwake.server.store.StoreFixtures.T0;
import static org.hikiwake.server.store.StoreFixtures.await;
import static org.hikiwake.server.store.StoreFixtures.everyKindOfEvent;
import static org.hikiwake.server.store.StoreFixtures.failureOf;
import static org.hikiwake.server.store.StoreFixtures.game;
import static org.hikiwake.server.store.StoreFixtures.headerOf;
import static org.hikiwake.server.store.StoreFixtures.records;
import static org.hikiwake.server.store.StoreFixtures.recordedOf;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.server.record.DuplicateCodeException;
import org.hikiwake.server.record.GameLog;
import org.hikiwake.server.record.GamePage;
import org.hikiwake.server.record.GameQuery;
import org.hikiwake.server.record.RecoveredGame;
import org.hikiwake.server.record.RequestKey;
import org.hikiwake.server.record.StoredGame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store on real database files in a temporary folder. */
class SqliteStoreTest {
  @TempDir Path dataDir;

  @Test
  void read_wholeGameAppendedMoveByMove_isItsSelfContainedRecording() throws Exception {
    StoreFixtures.Played played = everyKindOfEvent();
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      GameLog log = await(store.create(game("GOLDEN", played.initial.settings())));
      for (List<Recorded> batch : played.batches) {
        await(log.append(batch));
      }
      await(log.close());

      Recording recording = RecordingReader.read(await(store.read("GOLDEN")));
      assertThat(recording.problem()).isEmpty();
      assertThat(recording.header()).isEqualTo(headerOf(game("GOLDEN",
          played.initial.settings())));
      assertThat(recording.records())
          .isEqualTo(played.recorded.stream().map(EventCodec::toEntry).toList());
      ReplayedRecording replayed = ReplayedRecording.of(recording, "GOLDEN");
      assertThat(replayed.last()).isEqualTo(played.state);
      assertThat(replayed.last().result().orElseThrow().outcome()).isEqualTo(Outcome.AGREEMENT);
    }
  }

  @Test
  void read_unknownGame_failsWithNoSuchFile() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(failureOf(store.read("NOPE"))).isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void append_manyGamesFromManyThreads_allDurableInFewerCommits() throws Exception {
    int games = 40;
    int perGame = 30;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int g = 0; g < games; g++) {
        String code = "G" + g;
        GameLog log = await(store.create(game(code)));
        done.add(CompletableFuture.runAsync(() -> {
          List<CompletableFuture<Void>> appends = new ArrayList<>();
          for (Recorded r : records(perGame)) {
            appends.add(log.append(List.of(r)));
          }
          appends.forEach(StoreFixtures::await);
        }, pool));
      }
      done.forEach(StoreFixtures::await);

      assertThat(store.appendCount()).isEqualTo((long) games * perGame);
      assertThat(store.batchCount()).as("group commit: batches of several appends")
          .isLessThan((long) games * perGame);
      for (int g = 0; g < games; g++) {
        assertThat(RecordingReader.read(await(store.read("G" + g))).events())
            .isEqualTo(records(perGame));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void append_gapInNumbering_failsAndTheLogContinues() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      GameLog log = await(store.create(game("GAP")));
      await(log.append(records(2)));

      assertThat(failureOf(log.append(records(4, 4))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 3");
      await(log.append(records(3, 4)));
      assertThat(RecordingReader.read(await(store.read("GAP"))).events()).isEqualTo(records(4));
    }
  }

  @Test
  void append_afterClose_failsWithIllegalState() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      GameLog log = await(store.create(game("SHUT")));
      await(log.close());
      assertThat(failureOf(log.append(records(1)))).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void create_codeAlreadyStored_failsWithDuplicateCode() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      await(store.create(game("TWICE")));
      assertThat(failureOf(store.create(game("TWICE"))))
          .isInstanceOf(DuplicateCodeException.class);
    }
  }

  @Test
  void open_folderHeldByAnotherStore_fails() throws Exception {
    try (SqliteStore first = SqliteStore.open(dataDir)) {
      assertThatThrownBy(() -> SqliteStore.open(dataDir))
          .hasMessageContaining("in use by another server");
    }
    SqliteStore.open(dataDir).close(); // released with the first
  }

  @Test
  void open_pragmas_walAndFullSynchronous() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.databaseFile());
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        assertThat(rs.getInt(1)).isEqualTo(Schema.latest());
      }
    }
  }

  @Test
  void close_withQueuedAppends_makesThemDurableFirst() throws Exception {
    GameLog log;
    List<CompletableFuture<Void>> appends = new ArrayList<>();
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      log = await(store.create(game("LATE")));
      for (Recorded r : records(50)) {
        appends.add(log.append(List.of(r)));
      }
    }
    appends.forEach(StoreFixtures::await);
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(recordedOf(store.recover().get(0))).isEqualTo(records(50));
    }
  }

  @Test
  void recover_readsOnlyUnfinishedGamesAndTheirAppendsContinue() throws Exception {
    StoreFixtures.Played played = everyKindOfEvent();
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      GameLog open = await(store.create(game("OPEN")));
      await(open.append(records(10)));
      GameLog done = await(store.create(game("DONE", played.initial.settings())));
      for (List<Recorded> batch : played.batches) {
        await(done.append(batch));
      }
      await(store.create(game("EMPTY")));
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      List<RecoveredGame> games = store.recover();

      assertThat(games).extracting(RecoveredGame::gameCode).containsExactlyInAnyOrder("OPEN",
          "EMPTY");
      RecoveredGame open = games.stream().filter(g -> g.gameCode().equals("OPEN")).findFirst()
          .orElseThrow();
      assertThat(open.damage()).isEmpty();
      assertThat(open.createdAt()).isEqualTo(T0);
      assertThat(recordedOf(open)).isEqualTo(records(10));
      await(open.log().orElseThrow().append(records(11, 12)));
      assertThat(failureOf(open.log().orElseThrow().append(records(12, 12))))
          .isInstanceOf(IllegalArgumentException.class);

      RecoveredGame finished = await(store.load("DONE")).orElseThrow();
      assertThat(finished.log()).isEmpty();
      assertThat(finished.replay().last()).isEqualTo(played.state);
      assertThat(await(store.load("NOPE"))).isEmpty();
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(recordedOf(store.recover().stream().filter(g -> g.gameCode().equals("OPEN"))
          .findFirst().orElseThrow())).isEqualTo(records(12));
    }
  }

  @Test
  void recover_calledTwice_isRejected() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      store.recover();
      assertThatThrownBy(store::recover).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void recover_undecodableRecord_marksThatGameDamagedAndTheOthersResume() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      await(await(store.create(game("SOUND"))).append(records(6)));
      await(await(store.create(game("BROKEN"))).append(records(6)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + dataDir.resolve(SqliteStore.DATABASE_FILE)); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE game_events SET entry = x'ffffffff' WHERE game = 'BROKEN'"
          + " AND seq = 4");
    }
    try (SqliteStore store = SqliteStore.open(dataDir);
        LogCapture logs = LogCapture.of(SqliteStore.class)) {
      List<RecoveredGame> games = store.recover();

      RecoveredGame broken = games.stream().filter(g -> g.gameCode().equals("BROKEN"))
          .findFirst().orElseThrow();
      assertThat(broken.damage()).get().asString().contains("record 4 cannot be decoded")
          .contains("records 1-3 are readable");
      assertThat(broken.log()).isEmpty();
      assertThat(recordedOf(broken)).isEqualTo(records(3));
      assertThat(games.stream().filter(g -> g.gameCode().equals("SOUND")).findFirst()
          .orElseThrow().log()).isPresent();
      assertThat(logs.messages("ERROR")).anySatisfy(m -> assertThat(m).contains("BROKEN")
          .contains("damaged"));
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.recover()).extracting(RecoveredGame::gameCode).containsExactly("SOUND");
      StoredGame listed = await(store.listGames(GameQuery.firstPage())).games().stream()
          .filter(g -> g.gameCode().equals("BROKEN")).findFirst().orElseThrow();
      assertThat(listed.damage()).get().asString().contains("record 4");
      assertThat(await(store.load("BROKEN")).orElseThrow().damage()).isPresent();
    }
  }

  @Test
  void open_fileThatIsNotADatabase_failsNamingItAndLeavesItAlone() throws Exception {
    Path db = dataDir.resolve(SqliteStore.DATABASE_FILE);
    byte[] garbage = "this is not an SQLite database, but someone's notes ".repeat(200)
        .getBytes(StandardCharsets.UTF_8);
    java.nio.file.Files.write(db, garbage);

    assertThatThrownBy(() -> SqliteStore.open(dataDir))
        .hasMessageContaining(db.toString())
        .hasMessageContaining("Nothing in it was changed");
    assertThat(java.nio.file.Files.readAllBytes(db)).isEqualTo(garbage);
    // the failed open released the folder: a second try meets the same damage, not a lock
    assertThatThrownBy(() -> SqliteStore.open(dataDir))
        .hasMessageContaining("Nothing in it was changed");
  }

  @Test
  void listGames_pagesAndFilters_newestFirstWithoutGapsOrRepeats() throws Exception {
    StoreFixtures.Played played = everyKindOfEvent();
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      for (int i = 0; i < 7; i++) {
        await(store.create(new org.hikiwake.server.record.GameHeader("W" + i,
            T0.plusSeconds(i), StoreFixtures.SCENARIO, GameSettings.untimed(6))));
      }
      // two games created at the same instant: ordered by code
      GameLog ended = await(store.create(new org.hikiwake.server.record.GameHeader("E1",
          T0.plusSeconds(3), StoreFixtures.SCENARIO, played.initial.settings())));
      for (List<Recorded> batch : played.batches) {
        await(ended.append(batch));
      }
      GameLog playing = await(store.create(game("P1")));
      await(playing.append(records(5)));

      List<String> all = new ArrayList<>();
      Optional<GameQuery.Position> after = Optional.empty();
      int pages = 0;
      do {
        GamePage page = await(store.listGames(new GameQuery(Optional.empty(), Optional.empty(),
            after, 3)));
        page.games().forEach(g -> all.add(g.gameCode()));
        after = page.next();
        pages++;
      } while (after.isPresent());

      assertThat(all).containsExactly("W6", "W5", "W4", "E1", "W3", "W2", "W1", "P1", "W0");
      assertThat(pages).isEqualTo(3);
      GamePage endedOnly = await(store.listGames(new GameQuery(Optional.of(Phase.ENDED),
          Optional.empty(), Optional.empty(), 10)));
      assertThat(endedOnly.games()).singleElement().satisfies(g -> {
        assertThat(g.gameCode()).isEqualTo("E1");
        assertThat(g.result().orElseThrow().outcome()).isEqualTo(Outcome.AGREEMENT);
        assertThat(g.seats()).extracting(s -> s.displayName().orElse(""))
            .containsExactly("Aiko", "Dmitry");
      });
      GamePage inProgress = await(store.listGames(new GameQuery(Optional.of(Phase.IN_PROGRESS),
          Optional.empty(), Optional.empty(), 10)));
      assertThat(inProgress.games()).extracting(StoredGame::gameCode).containsExactly("P1");
      assertThat(inProgress.games().get(0).round()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void append_withIdempotencyKey_isKeptWithTheEventsAndRecovered() throws Exception {
    HashCode key = Hashing.sha256().hashString("retry-me", StandardCharsets.UTF_8);
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      GameLog log = await(store.create(game("KEYS")));
      await(log.append(records(1), Optional.of(new RequestKey(key, RequestKey.Kind.JOIN,
          "japan", 1))));
      await(log.append(records(2, 2)));
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.recover().get(0).requests())
          .containsExactly(new RequestKey(key, RequestKey.Kind.JOIN, "japan", 1));
    }
  }

  @Test
  void append_keysOnMovesOfOneTwoAndThreeEvents_recoverTheLatestInOrderWithTheirLastSeq()
      throws Exception {
    // appends of 1, 2 and 3 events in turn, each with its own key: the key goes on the
    // row of the append's last event, whichever statement writes that row
    List<RequestKey> written = new java.util.ArrayList<>();
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      GameLog log = await(store.create(game("MANYKEYS")));
      long next = 1;
      for (int i = 0; i < 24; i++) {
        int size = 1 + i % 3;
        long last = next + size - 1;
        RequestKey key = new RequestKey(Hashing.sha256().hashInt(i),
            i % 2 == 0 ? RequestKey.Kind.MOVE : RequestKey.Kind.JOIN, i % 2 == 0 ? "japan"
                : "russia", last);
        await(log.append(records(next, last), Optional.of(key)));
        written.add(key);
        next = last + 1;
      }
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.recover().get(0).requests())
          .containsExactlyElementsOf(written.subList(written.size() - SqliteStore.KEPT_REQUESTS,
              written.size()));
    }
  }

  @Test
  void recover_keysWrittenToRequestsBeforeSchemaTwo_comeFirstThenThoseOnEvents()
      throws Exception {
    HashCode old = Hashing.sha256().hashString("before the upgrade", StandardCharsets.UTF_8);
    HashCode later = Hashing.sha256().hashString("after the upgrade", StandardCharsets.UTF_8);
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      GameLog log = await(store.create(game("UPGRADE")));
      await(log.append(records(1), Optional.of(new RequestKey(old, RequestKey.Kind.JOIN,
          "japan", 1))));
      await(log.append(records(2, 3), Optional.of(new RequestKey(later, RequestKey.Kind.MOVE,
          "japan", 3))));
    }
    // what schema 1 wrote: the first key in a row of requests, not on its event
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + dataDir.resolve(SqliteStore.DATABASE_FILE)); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("UPDATE game_events SET request_key = NULL, request_kind = NULL,"
          + " request_role = NULL WHERE game = 'UPGRADE' AND seq = 1")).isEqualTo(1);
      s.executeUpdate("INSERT INTO requests (game, key_sha256, kind, role, last_seq) VALUES"
          + " ('UPGRADE', x'" + old + "', 'JOIN', 'japan', 1)");
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.recover().get(0).requests()).containsExactly(
          new RequestKey(old, RequestKey.Kind.JOIN, "japan", 1),
          new RequestKey(later, RequestKey.Kind.MOVE, "japan", 3));
    }
  }

  @Test
  void open_databaseOfSchemaOne_addsTheKeyColumnsToEvents() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + dataDir.resolve(SqliteStore.DATABASE_FILE)); Statement s = c.createStatement()) {
      for (String sql : Schema.MIGRATIONS.get(0)) {
        s.execute(sql);
      }
      s.execute("PRAGMA user_version = 1");
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.recover()).isEmpty();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + dataDir.resolve(SqliteStore.DATABASE_FILE)); Statement s = c.createStatement()) {
      List<String> columns = new java.util.ArrayList<>();
      try (ResultSet rs = s.executeQuery("PRAGMA table_info(game_events)")) {
        while (rs.next()) {
          columns.add(rs.getString("name"));
        }
      }
      assertThat(columns).containsExactly("game", "seq", "entry", "request_key",
          "request_kind", "request_role");
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void wal_manyGroupCommitsWithReadsBetween_staysBoundedBecauseCheckpointsRestartIt()
      throws Exception {
    // 200 games of 250 events each, appended one event at a time from 8 threads while
    // finished recordings are read back: some 50,000 appends in a few hundred commits,
    // each rewriting the pages it touched into the WAL. Only checkpoints that the writer
    // completes let the WAL start over: with SQLite's automatic one (every 1,000 pages) it
    // stays near 4 MB; with none (wal_autocheckpoint=0) it reached 18 MB in this test.
    int games = 200;
    int perGame = 250;
    Path wal = dataDir.resolve(SqliteStore.DATABASE_FILE + "-wal");
    java.util.concurrent.atomic.AtomicLong largest = new java.util.concurrent.atomic.AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    java.util.concurrent.ScheduledExecutorService gauge =
        Executors.newSingleThreadScheduledExecutor();
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      gauge.scheduleAtFixedRate(() -> {
        try {
          largest.accumulateAndGet(Files.exists(wal) ? Files.size(wal) : 0, Math::max);
        } catch (java.io.IOException e) {
          // the WAL is being reset: the next sample sees it
        }
      }, 0, 5, java.util.concurrent.TimeUnit.MILLISECONDS);
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int g = 0; g < games; g++) {
        GameLog log = await(store.create(game("W" + g)));
        boolean reader = g % 20 == 0;
        done.add(CompletableFuture.runAsync(() -> {
          List<CompletableFuture<Void>> appends = new ArrayList<>();
          for (Recorded r : records(perGame)) {
            appends.add(log.append(List.of(r)));
          }
          appends.forEach(StoreFixtures::await);
          if (reader) {
            // a read in between: a reader's snapshot holds back the checkpoint it overlaps
            await(store.read("W0"));
          }
        }, pool));
      }
      done.forEach(StoreFixtures::await);
      assertThat(store.appendCount()).isEqualTo((long) games * perGame);
      System.out.printf("WAL bound: %,d appends in %,d commits, largest WAL seen %,d bytes%n",
          store.appendCount(), store.batchCount(), largest.get());
    } finally {
      gauge.shutdownNow();
      pool.shutdownNow();
    }
    assertThat(largest.get()).as("largest WAL seen, bytes").isPositive()
        .isLessThan(8L * 1024 * 1024);
  }

  @Test
  void tokenSecret_isKeptAcrossStarts() throws Exception {
    byte[] first;
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      first = store.tokenSecret();
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.tokenSecret()).isEqualTo(first).hasSize(32);
    }
  }

  @Test
  void close_thenAppend_failsWithIllegalState() throws Exception {
    SqliteStore store = SqliteStore.open(dataDir);
    GameLog log = await(store.create(game("AFTER")));
    store.close();
    assertThat(failureOf(log.append(records(1)))).isInstanceOf(IllegalStateException.class);
    assertThat(store.create(game("X")).isCompletedExceptionally()).isTrue();
    store.close(); // twice is fine
  }
}
