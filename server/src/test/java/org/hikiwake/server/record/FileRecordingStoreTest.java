package org.hikiwake.server.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hikiwake.server.record.RecordingFixtures.await;
import static org.hikiwake.server.record.RecordingFixtures.everyKind;
import static org.hikiwake.server.record.RecordingFixtures.failureOf;
import static org.hikiwake.server.record.RecordingFixtures.header;
import static org.hikiwake.server.record.RecordingFixtures.offer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRecordingStoreTest {
  @TempDir Path dataDir;

  @Test
  void append_everyKindOfRecord_readsBackEqual() throws IOException {
    RecordingHeader header = header("RT01");
    List<RecordingEntry> records = new ArrayList<>();
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(header));
      for (int i = 0; i < 20; i++) {
        records.add(offer(records.size() + 1));
      }
      await(log.append(records.subList(0, 20)));
      List<RecordingEntry> rest = everyKind(records.size() + 1);
      await(log.append(rest));
      records.addAll(rest);
      await(log.close());
    }

    Path file = dataDir.resolve("games").resolve("RT01.hwr");
    Recording read = RecordingReader.read(file);
    assertThat(read.problem()).isEmpty();
    assertThat(read.header()).isEqualTo(header);
    assertThat(read.records()).isEqualTo(records);
    assertThat(read.isFinished()).isTrue();
    assertThat(read.goodBytes()).isEqualTo(read.totalBytes()).isEqualTo(Files.size(file));
  }

  @Test
  void append_manyGamesFromManyThreads_allDurableInOrder() throws Exception {
    int games = 40;
    int recordsPerGame = 150;
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<List<CompletableFuture<Void>>>> tasks = new ArrayList<>();
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      for (int g = 0; g < games; g++) {
        GameLog log = await(store.create(header("MANY" + g)));
        // Each game is owned by one task, as a room is by one thread; it never waits.
        tasks.add(threads.submit(() -> {
          List<CompletableFuture<Void>> appended = new ArrayList<>();
          for (long seq = 1; seq <= recordsPerGame; seq++) {
            appended.add(log.append(List.of(offer(seq))));
          }
          return appended;
        }));
      }
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (Future<List<CompletableFuture<Void>>> task : tasks) {
        List<CompletableFuture<Void>> appended = task.get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> last = appended.get(appended.size() - 1);
        await(last);
        // Appends of one game complete in order: once the last is done, all are.
        assertThat(appended).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        all.addAll(appended);
      }
      assertThat(store.appendCount()).isEqualTo((long) games * recordsPerGame);
      assertThat(store.fsyncCount()).isPositive();
    } finally {
      threads.shutdownNow();
    }

    for (int g = 0; g < games; g++) {
      Recording read = RecordingReader.read(dataDir.resolve("games/MANY" + g + ".hwr"));
      assertThat(read.problem()).isEmpty();
      assertThat(read.records()).hasSize(recordsPerGame);
      for (int i = 0; i < recordsPerGame; i++) {
        assertThat(read.records().get(i)).isEqualTo(offer(i + 1));
      }
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
      GameLog log = await(store.create(header("SHARED")));
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < threadCount; t++) {
        tasks.add(threads.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            synchronized (numbering) {
              appended.add(log.append(List.of(offer(next[0]++))));
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
  }

  @Test
  void create_existingGame_failsAndLeavesTheFileAlone() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(header("TWICE")));
      await(log.append(List.of(offer(1))));
      byte[] before = Files.readAllBytes(store.fileOf("TWICE"));

      assertThat(failureOf(store.create(header("TWICE"))))
          .isInstanceOf(FileAlreadyExistsException.class);
      assertThat(Files.readAllBytes(store.fileOf("TWICE"))).isEqualTo(before);
      await(log.append(List.of(offer(2))));
    }
  }

  @Test
  void create_gameCodeThatIsNotAFileName_isRejected() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      assertThatThrownBy(() -> store.create(header("../evil")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("../evil");
      assertThatThrownBy(() -> store.create(header("OK").toBuilder().setFormatVersion(0).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("format version");
    }
  }

  @Test
  void append_gapInNumbering_failsAndLogContinues() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(header("GAP")));
      await(log.append(List.of(offer(1), offer(2))));

      assertThat(failureOf(log.append(List.of(offer(4)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("continues at record 3");
      assertThat(failureOf(log.append(List.of(offer(3), offer(5)))))
          .isInstanceOf(IllegalArgumentException.class);
      await(log.append(List.of(offer(3))));
    }
    assertThat(RecordingReader.read(dataDir.resolve("games/GAP.hwr")).records()).hasSize(3);
  }

  @Test
  void append_afterLogClose_failsWithIllegalState() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(header("ENDED")));
      CompletableFuture<Void> last = log.append(everyKind(1));
      CompletableFuture<Void> closed = log.close();
      CompletableFuture<Void> late = log.append(List.of(offer(11)));

      await(closed);
      assertThat(last).isCompleted().isNotCompletedExceptionally();
      assertThat(failureOf(late)).isInstanceOf(IllegalStateException.class);
      assertThat(log.close()).isSameAs(closed);
    }
    Recording read = RecordingReader.read(dataDir.resolve("games/ENDED.hwr"));
    assertThat(read.isSound()).isTrue();
    assertThat(read.isFinished()).isTrue();
  }

  @Test
  void close_withQueuedAppends_makesThemDurableFirst() throws IOException {
    List<CompletableFuture<Void>> appended = new ArrayList<>();
    GameLog log;
    FileRecordingStore store = FileRecordingStore.open(dataDir);
    log = await(store.create(header("FLUSH")));
    for (long seq = 1; seq <= 1000; seq++) {
      appended.add(log.append(List.of(offer(seq))));
    }
    store.close();

    assertThat(appended).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(RecordingReader.read(dataDir.resolve("games/FLUSH.hwr")).records())
        .hasSize(1000);
    assertThat(failureOf(log.append(List.of(offer(1001)))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(failureOf(store.create(header("LATE"))))
        .isInstanceOf(IllegalStateException.class);
    store.close(); // a second close does nothing
  }

  @Test
  void open_folderHeldByAnotherStore_fails() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
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
      GameLog bad = await(store.create(header("BAD")));
      GameLog good = await(store.create(header("GOOD")));
      await(bad.append(List.of(offer(1))));

      fail.set(true);
      CompletableFuture<Void> badAppend = bad.append(List.of(offer(2)));
      CompletableFuture<Void> goodAppend = good.append(List.of(offer(1)));

      assertThat(failureOf(badAppend)).isInstanceOf(IOException.class)
          .hasMessageContaining("simulated");
      await(goodAppend);
      fail.set(false);
      assertThat(failureOf(bad.append(List.of(offer(3))))).isInstanceOf(IOException.class)
          .hasMessageContaining("failed earlier");
      await(good.append(List.of(offer(2))));
      assertThat(failureOf(bad.close())).isInstanceOf(IOException.class);
    }
    Recording bad = RecordingReader.read(dataDir.resolve("games/BAD.hwr"));
    assertThat(bad.isSound()).isTrue();
    assertThat(bad.records()).containsExactly(offer(1));
    assertThat(RecordingReader.read(dataDir.resolve("games/GOOD.hwr")).records()).hasSize(2);
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
      GameLog full = await(store.create(header("FULL")));
      GameLog other = await(store.create(header("OTHER")));
      await(full.append(List.of(offer(1), offer(2))));

      fail.set(true);
      assertThat(failureOf(full.append(List.of(offer(3), offer(4)))))
          .isInstanceOf(IOException.class);
      await(other.append(List.of(offer(1))));
    }
    Recording full = RecordingReader.read(dataDir.resolve("games/FULL.hwr"));
    assertThat(full.isSound()).isTrue();
    assertThat(full.records()).containsExactly(offer(1), offer(2));
  }

  @Test
  void tokenHash_matchesOnlyItsToken() {
    assertThat(TokenHash.of("abc").size()).isEqualTo(32);
    assertThat(TokenHash.of("abc").toByteArray()).asHexString()
        .isEqualTo("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    assertThat(TokenHash.matches("abc", TokenHash.of("abc"))).isTrue();
    assertThat(TokenHash.matches("abd", TokenHash.of("abc"))).isFalse();
  }

  @Test
  void noopStore_completesAtOnceAndRecoversNothing() throws Exception {
    try (RecordingStore store = NoopRecordingStore.noop()) {
      CompletableFuture<GameLog> created = store.create(header("NOOP"));
      assertThat(created).isCompleted();
      assertThat(created.get().append(List.of(offer(1)))).isCompleted();
      assertThat(created.get().close()).isCompleted();
      assertThat(store.recover()).isEmpty();
    }
    assertThat(dataDir).isEmptyDirectory();
  }
}
