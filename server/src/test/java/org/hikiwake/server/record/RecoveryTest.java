package org.hikiwake.server.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hikiwake.server.record.RecordingFixtures.await;
import static org.hikiwake.server.record.RecordingFixtures.bytesOf;
import static org.hikiwake.server.record.RecordingFixtures.everyKind;
import static org.hikiwake.server.record.RecordingFixtures.frameStarts;
import static org.hikiwake.server.record.RecordingFixtures.header;
import static org.hikiwake.server.record.RecordingFixtures.offer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hikiwake.proto.recording.RecordingEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryTest {
  @TempDir Path dataDir;

  /** Writes a game of {@code count} offers and leaves it unfinished, as a crash would. */
  private Path writeUnfinished(String code, int count) throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(header(code)));
      for (long seq = 1; seq <= count; seq++) {
        await(log.append(List.of(offer(seq))));
      }
      return store.fileOf(code);
    }
  }

  private Path writeFinished(String code) throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(header(code)));
      await(log.append(everyKind(1)));
      await(log.close());
      return store.fileOf(code);
    }
  }

  private static List<RecordingEntry> offers(int count) {
    List<RecordingEntry> records = new ArrayList<>();
    for (long seq = 1; seq <= count; seq++) {
      records.add(offer(seq));
    }
    return records;
  }

  /** How many bytes of the last frame are left after the crash. */
  @ParameterizedTest
  @ValueSource(ints = {1, 4, 7, 8, 9, 40, -1})
  void recover_tornTail_cutsBackWarnsAndAppendsContinue(int bytesOfLastFrameLeft)
      throws IOException {
    Path file = writeUnfinished("TORN", 5);
    byte[] sound = bytesOf(file);
    int lastStart = frameStarts(sound).get(5);
    int cut = bytesOfLastFrameLeft > 0 ? lastStart + bytesOfLastFrameLeft : sound.length - 1;
    Files.write(file, Arrays.copyOf(sound, cut));

    try (FileRecordingStore store = FileRecordingStore.open(dataDir);
        LogCapture logs = LogCapture.of(FileRecordingStore.class)) {
      List<RecoveredGame> games = store.recover();

      assertThat(games).hasSize(1);
      RecoveredGame game = games.get(0);
      assertThat(game.damage()).isEmpty();
      assertThat(game.file()).isEqualTo(file);
      assertThat(game.header()).isEqualTo(header("TORN"));
      assertThat(game.records()).isEqualTo(offers(4));
      assertThat(Files.size(file)).isEqualTo(lastStart);
      assertThat(logs.messages("WARN")).singleElement().asString()
          .contains(file.toString())
          .contains("Cut " + (cut - lastStart) + " bytes")
          .contains("torn tail");

      assertThat(game.log()).isPresent();
      await(game.log().get().append(List.of(offer(5), offer(6))));
    }
    Recording read = RecordingReader.read(file);
    assertThat(read.isSound()).isTrue();
    assertThat(read.records()).isEqualTo(offers(6));
  }

  @Test
  void recover_corruptMiddle_isDamagedAndOtherGamesRecover() throws IOException {
    Path corrupt = writeUnfinished("CORRUPT", 4);
    Path unfinished = writeUnfinished("UNFINISHED", 3);
    Path finished = writeFinished("FINISHED");
    byte[] bytes = bytesOf(corrupt);
    bytes[frameStarts(bytes).get(2) + 12] ^= 0x10;
    Files.write(corrupt, bytes);

    try (FileRecordingStore store = FileRecordingStore.open(dataDir);
        LogCapture logs = LogCapture.of(FileRecordingStore.class)) {
      Map<Path, RecoveredGame> games = store.recover().stream()
          .collect(Collectors.toMap(RecoveredGame::file, Function.identity()));

      assertThat(games).containsOnlyKeys(corrupt, unfinished, finished);
      RecoveredGame damaged = games.get(corrupt);
      assertThat(damaged.damage()).get().asString()
          .startsWith("header and record 1 readable")
          .contains("corrupt in the middle");
      assertThat(damaged.log()).isEmpty();
      assertThat(damaged.records()).containsExactly(offer(1));
      assertThat(bytesOf(corrupt)).isEqualTo(bytes);
      assertThat(logs.messages("ERROR")).singleElement().asString()
          .contains(corrupt.toString()).contains("damaged");

      RecoveredGame resumed = games.get(unfinished);
      assertThat(resumed.damage()).isEmpty();
      assertThat(resumed.records()).isEqualTo(offers(3));
      await(resumed.log().orElseThrow().append(List.of(offer(4))));
      assertThat(games.get(finished).damage()).isEmpty();
      assertThat(games.get(finished).log()).isEmpty();
    }
    assertThat(RecordingReader.read(unfinished).records()).isEqualTo(offers(4));
  }

  @Test
  void recover_finishedRecording_hasNoLogAndIsNotTouched() throws IOException {
    Path file = writeFinished("DONE");
    byte[] before = bytesOf(file);
    var modified = Files.getLastModifiedTime(file);

    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      List<RecoveredGame> games = store.recover();

      assertThat(games).singleElement().satisfies(game -> {
        assertThat(game.damage()).isEmpty();
        assertThat(game.log()).isEmpty();
        assertThat(game.records()).isEqualTo(everyKind(1));
      });
    }
    assertThat(bytesOf(file)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
  }

  @Test
  void recover_unreadableFiles_areDamagedNotThrown() throws IOException {
    Path games = dataDir.resolve("games");
    Files.createDirectories(games);
    Files.write(games.resolve("EMPTY.hwr"), new byte[0]);
    Files.write(games.resolve("JUNK.hwr"), "not a recording at all".getBytes());
    Files.write(games.resolve("README.txt"), "ignored".getBytes());
    Path sound = writeUnfinished("SOUND", 2);

    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      Map<String, RecoveredGame> found = store.recover().stream().collect(Collectors.toMap(
          g -> g.file().getFileName().toString(), Function.identity()));

      assertThat(found).containsOnlyKeys("EMPTY.hwr", "JUNK.hwr", "SOUND.hwr");
      assertThat(found.get("EMPTY.hwr").damage()).get().asString().contains("empty");
      assertThat(found.get("JUNK.hwr").damage()).get().asString()
          .startsWith("nothing readable");
      assertThat(found.get("JUNK.hwr").log()).isEmpty();
      assertThat(found.get("SOUND.hwr").log()).isPresent();
      assertThat(found.get("SOUND.hwr").file()).isEqualTo(sound);
    }
  }

  @Test
  void recover_renamedRecording_isDamaged() throws IOException {
    Path file = writeUnfinished("ORIGINAL", 1);
    Files.move(file, file.resolveSibling("RENAMED.hwr"));

    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      assertThat(store.recover()).singleElement().satisfies(game -> {
        assertThat(game.damage()).get().asString().contains("ORIGINAL").contains("RENAMED");
        assertThat(game.log()).isEmpty();
      });
    }
  }

  @Test
  void recover_calledTwice_isRejected() throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      assertThat(store.recover()).isEmpty();
      assertThatThrownBy(store::recover).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void recover_thenCreate_newGamesAreNotLeftovers() throws IOException {
    writeUnfinished("OLD", 2);
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      RecoveredGame old = store.recover().get(0);
      GameLog fresh = await(store.create(header("NEW")));
      await(fresh.append(List.of(offer(1))));
      await(old.log().orElseThrow().append(List.of(offer(3))));
      assertThat(failureOfCreate(store, "OLD")).contains("OLD.hwr");
    }
    assertThat(RecordingReader.read(dataDir.resolve("games/OLD.hwr")).records())
        .isEqualTo(offers(3));
  }

  private static String failureOfCreate(FileRecordingStore store, String code) {
    return RecordingFixtures.failureOf(store.create(header(code))).getMessage();
  }
}
