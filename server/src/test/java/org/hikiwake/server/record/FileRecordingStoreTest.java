package org.hikiwake.server.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hikiwake.server.record.RecordingFixtures.await;
import static org.hikiwake.server.record.RecordingFixtures.everyKindOfEvent;
import static org.hikiwake.server.record.RecordingFixtures.failureOf;
import static org.hikiwake.server.record.RecordingFixtures.game;
import static org.hikiwake.server.record.RecordingFixtures.headerOf;
import static org.hikiwake.server.record.RecordingFixtures.record;
import static org.hikiwake.server.record.RecordingFixtures.records;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.Versions;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.proto.recording.RecordingHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRecordingStoreTest {
  @TempDir Path dataDir;

  @Test
  void append_everyKindOfEvent_readsBackEqual() throws IOException {
    RecordingFixtures.Played played = everyKindOfEvent();
    GameHeader game = game("RT01", played.initial.settings());
    assertThat(played.recorded.stream().map(r -> r.event().getClass()).collect(
        Collectors.toSet())).as("every kind of event")
        .isEqualTo(Set.of(Event.class.getPermittedSubclasses()));
    List<Recorded> recorded = played.recorded;
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(game));
      await(log.append(recorded.subList(0, 1)));
      await(log.append(recorded.subList(1, 6)));
      await(log.append(recorded.subList(6, recorded.size())));
      await(log.close());
    }

    Path file = dataDir.resolve("games").resolve("RT01.hwr");
    Recording read = RecordingReader.read(file);
    assertThat(read.problem()).isEmpty();
    assertThat(read.header()).isEqualTo(headerOf(game));
    assertThat(read.header().getFormatVersion()).isEqualTo(Versions.RECORDING_FORMAT);
    assertThat(read.events()).isEqualTo(recorded);
    assertThat(read.records()).isEqualTo(recorded.stream().map(EventCodec::toEntry).toList());
    assertThat(read.isFinished()).isTrue();
    assertThat(read.goodBytes()).isEqualTo(read.totalBytes()).isEqualTo(Files.size(file));
  }

  @Test
  void append_manyRecordsAtOnce_readsBackEqual() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(game("BULK")));
      await(log.append(records(200)));
      await(log.append(records(201, 220)));
      assertThat(store.appendCount()).isEqualTo(2);
      assertThat(store.recordCount()).isEqualTo(220);
    }
    Recording read = RecordingReader.read(dataDir.resolve("games/BULK.hwr"));
    assertThat(read.isSound()).isTrue();
    assertThat(read.events()).isEqualTo(records(220));
    assertThat(read.isFinished()).isFalse();
  }

  @Test
  void append_manyGamesFromManyThreads_allDurableInOrder() throws Exception {
    int games = 40;
    int recordsPerGame = 150;
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<List<CompletableFuture<Void>>>> tasks = new ArrayList<>();
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      for (int g = 0; g < games; g++) {
        GameLog log = await(store.create(game("MANY" + g)));
        // Each game is owned by one task, as a room is by one thread; it never waits.
        tasks.add(threads.submit(() -> {
          List<CompletableFuture<Void>> appended = new ArrayList<>();
          for (long seq = 1; seq <= recordsPerGame; seq++) {
            appended.add(log.append(List.of(record(seq))));
          }
          return appended;
        }));
      }
      for (Future<List<CompletableFuture<Void>>> task : tasks) {
        List<CompletableFuture<Void>> appended = task.get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> last = appended.get(appended.size() - 1);
        await(last);
        // Appends of one game complete in order: once the last is done, all are.
        assertThat(appended).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
      }
      assertThat(store.appendCount()).isEqualTo((long) games * recordsPerGame);
      assertThat(store.recordCount()).isEqualTo((long) games * recordsPerGame);
      assertThat(store.fsyncCount()).isPositive();
      // Group commit: far fewer batches than appends.
      assertThat(store.batchCount()).isLessThan((long) games * recordsPerGame);
    } finally {
      threads.shutdownNow();
    }

    for (int g = 0; g < games; g++) {
      Recording read = RecordingReader.read(dataDir.resolve("games/MANY" + g + ".hwr"));
      assertThat(read.problem()).isEmpty();
      assertThat(read.records()).hasSize(recordsPerGame);
      assertThat(read.events()).isEqualTo(records(recordsPerGame));
    }
  }

  @Test
  void append_oneGameFromManyThreads_keepsTheNumberingOrder() throws Exception {
    int threadCount = 8;
    int perThread = 100;
    Object numbering = new Object();
    long[] next = {1};
    List<CompletableFuture<Void>> appended = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(threadCount);
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(game("SHARED")));
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < threadCount; t++) {
        tasks.add(threads.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            synchronized (numbering) {
              appended.add(log.append(List.of(record(next[0]++))));
            }
          }
        }));
      }
      for (Future<?> task : tasks) {
        task.get(30, TimeUnit.SECONDS);
      }
      synchronized (numbering) {
        await(CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)));
      }
    } finally {
      threads.shutdownNow();
    }

    Recording read = RecordingReader.read(dataDir.resolve("games/SHARED.hwr"));
    assertThat(read.problem()).isEmpty();
    assertThat(read.records()).hasSize(threadCount * perThread);
    assertThat(read.events()).isEqualTo(records(threadCount * perThread));
  }

  @Test
  void create_existingGame_failsAndLeavesTheFileAlone() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(game("TWICE")));
      await(log.append(List.of(record(1))));
      byte[] before = Files.readAllBytes(store.fileOf("TWICE"));

      assertThat(failureOf(store.create(game("TWICE"))))
          .isInstanceOf(FileAlreadyExistsException.class);
      assertThat(Files.readAllBytes(store.fileOf("TWICE"))).isEqualTo(before);
      await(log.append(List.of(record(2))));
    }
  }

  @Test
  void create_gameCodeThatIsNotAFileName_isRejected() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      assertThatThrownBy(() -> store.create(game("../evil")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("../evil");
    }
  }

  @Test
  void create_rawHeaderOfAFormatThisBuildCannotRead_isRejected() throws IOException {
    RecordingHeader header = headerOf(game("OK"));
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      assertThatThrownBy(() -> store.create(header.toBuilder().setFormatVersion(0).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("format version");
      assertThatThrownBy(() -> store.create(header.toBuilder()
          .setFormatVersion(Versions.RECORDING_FORMAT + 1).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("format version");
      await(store.create(header.toBuilder().setGameCode("OLD")
          .setFormatVersion(Versions.OLDEST_RECORDING_FORMAT).build()));
    }
    assertThat(RecordingReader.read(dataDir.resolve("games/OLD.hwr")).header()
        .getFormatVersion()).isEqualTo(Versions.OLDEST_RECORDING_FORMAT);
    assertThat(dataDir.resolve("games/OK.hwr")).doesNotExist();
  }

  @Test
  void append_gapInNumbering_failsAndLogContinues() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(game("GAP")));
      await(log.append(records(2)));

      assertThat(failureOf(log.append(List.of(record(4)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("continues at record 3");
      assertThat(failureOf(log.append(List.of(record(3), record(5)))))
          .isInstanceOf(IllegalArgumentException.class);
      await(log.append(List.of(record(3))));
    }
    assertThat(RecordingReader.read(dataDir.resolve("games/GAP.hwr")).events())
        .isEqualTo(records(3));
  }

  @Test
  void append_afterLogClose_failsWithIllegalState() throws IOException {
    RecordingFixtures.Played played = everyKindOfEvent();
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(game("ENDED", played.initial.settings())));
      CompletableFuture<Void> last = log.append(played.recorded);
      CompletableFuture<Void> closed = log.close();
      CompletableFuture<Void> late = log.append(List.of(new Recorded(
          played.recorded.size() + 1, RecordingFixtures.T0, "japan",
          new Event.ChatPosted("japan", "too late"))));

      await(closed);
      assertThat(last).isCompleted().isNotCompletedExceptionally();
      assertThat(failureOf(late)).isInstanceOf(IllegalStateException.class);
      assertThat(log.close()).isSameAs(closed);
    }
    Recording read = RecordingReader.read(dataDir.resolve("games/ENDED.hwr"));
    assertThat(read.isSound()).isTrue();
    assertThat(read.isFinished()).isTrue();
    assertThat(read.events()).isEqualTo(played.recorded);
  }

  @Test
  void close_withQueuedAppends_makesThemDurableFirst() throws IOException {
    List<CompletableFuture<Void>> appended = new ArrayList<>();
    GameLog log;
    FileRecordingStore store = FileRecordingStore.open(dataDir);
    log = await(store.create(game("FLUSH")));
    for (long seq = 1; seq <= 1000; seq++) {
      appended.add(log.append(List.of(record(seq))));
    }
    store.close();

    assertThat(appended).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(RecordingReader.read(dataDir.resolve("games/FLUSH.hwr")).events())
        .isEqualTo(records(1000));
    assertThat(failureOf(log.append(List.of(new Recorded(1001, RecordingFixtures.T0, "japan",
        new Event.ChatPosted("japan", "after the close"))))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(failureOf(store.create(game("LATE"))))
        .isInstanceOf(IllegalStateException.class);
    store.close(); // a second close does nothing
  }

  @Test
  void open_folderHeldByAnotherStore_fails() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      assertThat(dataDir.resolve("games/.lock")).exists();
      assertThatThrownBy(() -> FileRecordingStore.open(dataDir))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use");
    }
    FileRecordingStore.open(dataDir).close();
  }

  @Test
  void fsyncFailure_failsThatGameOnly() throws IOException {
    AtomicBoolean fail = new AtomicBoolean();
    FileRecordingStore.ChannelOpener opener = (file, options) -> {
      FileChannel channel = FileChannel.open(file, options);
      return file.getFileName().toString().startsWith("BAD")
          ? new FailingChannel(channel, new AtomicBoolean(), fail) : channel;
    };
    try (FileRecordingStore store = FileRecordingStore.open(dataDir, opener)) {
      GameLog bad = await(store.create(game("BAD")));
      GameLog good = await(store.create(game("GOOD")));
      await(bad.append(List.of(record(1))));

      fail.set(true);
      CompletableFuture<Void> badAppend = bad.append(List.of(record(2)));
      CompletableFuture<Void> goodAppend = good.append(List.of(record(1)));

      assertThat(failureOf(badAppend)).isInstanceOf(IOException.class)
          .hasMessageContaining("simulated");
      await(goodAppend);
      fail.set(false);
      assertThat(failureOf(bad.append(List.of(record(3))))).isInstanceOf(IOException.class)
          .hasMessageContaining("failed earlier");
      await(good.append(List.of(record(2))));
      assertThat(failureOf(bad.close())).isInstanceOf(IOException.class);
    }
    Recording bad = RecordingReader.read(dataDir.resolve("games/BAD.hwr"));
    assertThat(bad.isSound()).isTrue();
    assertThat(bad.events()).containsExactly(record(1));
    assertThat(RecordingReader.read(dataDir.resolve("games/GOOD.hwr")).events())
        .isEqualTo(records(2));
  }

  @Test
  void writeFailure_failsThatGameAndCutsTheHalfWrittenFrame() throws IOException {
    AtomicBoolean fail = new AtomicBoolean();
    FileRecordingStore.ChannelOpener opener = (file, options) -> {
      FileChannel channel = FileChannel.open(file, options);
      return file.getFileName().toString().startsWith("FULL")
          ? new FailingChannel(channel, fail, new AtomicBoolean()) : channel;
    };
    try (FileRecordingStore store = FileRecordingStore.open(dataDir, opener)) {
      GameLog full = await(store.create(game("FULL")));
      GameLog other = await(store.create(game("OTHER")));
      await(full.append(records(2)));

      fail.set(true);
      assertThat(failureOf(full.append(records(3, 4))))
          .isInstanceOf(IOException.class);
      await(other.append(List.of(record(1))));
    }
    Recording full = RecordingReader.read(dataDir.resolve("games/FULL.hwr"));
    assertThat(full.isSound()).isTrue();
    assertThat(full.events()).isEqualTo(records(2));
  }

  @Test
  void noopStore_completesAtOnceAndRecoversNothing() throws Exception {
    try (RecordingStore store = NoopRecordingStore.noop()) {
      CompletableFuture<GameLog> created = store.create(game("NOOP"));
      assertThat(created).isCompleted();
      assertThat(created.get().append(List.of(record(1)))).isCompleted();
      assertThat(created.get().close()).isCompleted();
      assertThat(store.recover()).isEmpty();
    }
    assertThat(dataDir).isEmptyDirectory();
  }
}
