package org.hikiwake.server.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hikiwake.server.record.RecordingFixtures.T0;
import static org.hikiwake.server.record.RecordingFixtures.await;
import static org.hikiwake.server.record.RecordingFixtures.bytesOf;
import static org.hikiwake.server.record.RecordingFixtures.everyKindOfEvent;
import static org.hikiwake.server.record.RecordingFixtures.game;
import static org.hikiwake.server.record.RecordingFixtures.headerOf;
import static org.hikiwake.server.record.RecordingFixtures.initial;
import static org.hikiwake.server.record.RecordingFixtures.recordedOf;
import static org.hikiwake.server.record.RecordingFixtures.records;
import static org.hikiwake.server.record.RecordingFixtures.sizeOf;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.recording.Frames;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.scenario.ScenarioSpec;
import org.hikiwake.server.room.TokenHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryTest {
  @TempDir Path dataDir;

  /**
   * A recording file and where each of its frames ends: {@code ends.get(0)}
   * is the end of the header, {@code ends.get(n)} the end of record n.
   */
  private record Written(Path file, List<Long> ends) {}

  /**
   * Writes the long game's first {@code count} records one by one and leaves
   * the game unfinished, as a crash would.
   */
  private Written writeUnfinished(String code, int count) throws IOException {
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(game(code)));
      Path file = store.fileOf(code);
      List<Long> ends = new ArrayList<>(List.of(sizeOf(file)));
      for (Recorded r : records(count)) {
        await(log.append(List.of(r)));
        ends.add(sizeOf(file));
      }
      return new Written(file, ends);
    }
  }

  private Path writeFinished(String code) throws IOException {
    RecordingFixtures.Played played = everyKindOfEvent();
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(game(code, played.initial.settings())));
      for (List<Recorded> batch : played.batches) {
        await(log.append(batch));
      }
      await(log.close());
      return store.fileOf(code);
    }
  }

  /** How many bytes of the last frame are left after the crash; -1: all but one. */
  @ParameterizedTest
  @ValueSource(ints = {1, 4, 7, 8, 9, 40, -1})
  void recover_tornTail_cutsBackWarnsAndAppendsContinue(int bytesOfLastFrameLeft)
      throws IOException {
    Written written = writeUnfinished("TORN", 5);
    Path file = written.file();
    byte[] sound = bytesOf(file);
    int lastStart = written.ends().get(4).intValue();
    int cut = bytesOfLastFrameLeft > 0 ? lastStart + bytesOfLastFrameLeft : sound.length - 1;
    assertThat(cut).as("a cut inside the last frame").isBetween(lastStart + 1, sound.length - 1);
    Files.write(file, Arrays.copyOf(sound, cut));

    try (FileRecordingStore store = FileRecordingStore.open(dataDir);
        LogCapture logs = LogCapture.of(FileRecordingStore.class)) {
      List<RecoveredGame> games = store.recover();

      assertThat(games).hasSize(1);
      RecoveredGame game = games.get(0);
      assertThat(game.damage()).isEmpty();
      assertThat(game.source()).isEqualTo(file.toString());
      assertThat(game.gameCode()).isEqualTo("TORN");
      assertThat(game.createdAt()).isEqualTo(T0);
      assertThat(game.replay().initial()).isEqualTo(initial());
      assertThat(game.replay().isComplete()).isTrue();
      assertThat(recordedOf(game)).isEqualTo(records(4));
      assertThat(Files.size(file)).isEqualTo(lastStart);
      assertThat(logs.messages("WARN")).singleElement().asString()
          .contains(file.toString())
          .contains("Cut " + (cut - lastStart) + " bytes")
          .contains("torn tail");
      assertThat(logs.messages("ERROR")).isEmpty();

      assertThat(game.log()).isPresent();
      await(game.log().get().append(records(5, 6)));
    }
    Recording read = RecordingReader.read(file);
    assertThat(read.isSound()).isTrue();
    assertThat(read.events()).isEqualTo(records(6));
  }

  @Test
  void recover_corruptMiddle_isDamagedAndOtherGamesRecover() throws IOException {
    Written written = writeUnfinished("CORRUPT", 4);
    Path corrupt = written.file();
    long secondRecord = written.ends().get(1);
    Path unfinished = writeUnfinished("UNFINISHED", 3).file();
    Path finished = writeFinished("FINISHED");
    byte[] bytes = bytesOf(corrupt);
    bytes[(int) secondRecord + 12] ^= 0x10;
    Files.write(corrupt, bytes);

    try (FileRecordingStore store = FileRecordingStore.open(dataDir);
        LogCapture logs = LogCapture.of(FileRecordingStore.class)) {
      Map<String, RecoveredGame> games = store.recover().stream()
          .collect(Collectors.toMap(RecoveredGame::source, Function.identity()));

      assertThat(games).containsOnlyKeys(corrupt.toString(), unfinished.toString(),
          finished.toString());
      RecoveredGame damaged = games.get(corrupt.toString());
      assertThat(damaged.damage()).get().asString()
          .startsWith("header and record 1 readable")
          .contains("corrupt in the middle");
      assertThat(damaged.log()).isEmpty();
      assertThat(recordedOf(damaged)).isEqualTo(records(1));
      assertThat(bytesOf(corrupt)).isEqualTo(bytes);
      assertThat(logs.messages("ERROR")).singleElement().asString()
          .contains(corrupt.toString()).contains("damaged");

      RecoveredGame resumed = games.get(unfinished.toString());
      assertThat(resumed.damage()).isEmpty();
      assertThat(recordedOf(resumed)).isEqualTo(records(3));
      await(resumed.log().orElseThrow().append(records(4, 4)));
      assertThat(games.get(finished.toString()).damage()).isEmpty();
      assertThat(games.get(finished.toString()).log()).isEmpty();
    }
    assertThat(RecordingReader.read(unfinished).events()).isEqualTo(records(4));
  }

  @Test
  void recover_finishedRecording_hasNoLogAndIsNotTouched() throws IOException {
    Path file = writeFinished("DONE");
    byte[] before = bytesOf(file);
    FileTime modified = Files.getLastModifiedTime(file);
    RecordingFixtures.Played played = everyKindOfEvent();

    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      List<RecoveredGame> games = store.recover();

      assertThat(games).singleElement().satisfies(game -> {
        assertThat(game.damage()).isEmpty();
        assertThat(game.log()).isEmpty();
        assertThat(recordedOf(game)).isEqualTo(played.recorded);
        assertThat(game.replay().last()).isEqualTo(played.state);
        assertThat(game.replay().last().isOver()).isTrue();
      });
    }
    assertThat(bytesOf(file)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
  }

  @Test
  void recover_filesWithNoReadableHeader_areLeftOutWithAnErrorNotThrown() throws IOException {
    Path games = dataDir.resolve("games");
    Files.createDirectories(games);
    Path empty = Files.write(games.resolve("EMPTY.hwr"), new byte[0]);
    Path junk = Files.write(games.resolve("JUNK.hwr"), "not a recording at all".getBytes());
    Files.write(games.resolve("README.txt"), "ignored".getBytes());
    Path sound = writeUnfinished("SOUND", 2).file();
    byte[] junkBytes = bytesOf(junk);

    try (FileRecordingStore store = FileRecordingStore.open(dataDir);
        LogCapture logs = LogCapture.of(FileRecordingStore.class)) {
      List<RecoveredGame> found = store.recover();

      assertThat(found).singleElement().satisfies(game -> {
        assertThat(game.source()).isEqualTo(sound.toString());
        assertThat(game.log()).isPresent();
        assertThat(recordedOf(game)).isEqualTo(records(2));
      });
      assertThat(logs.messages("ERROR")).filteredOn(m -> m.contains("left out")).hasSize(2)
          .anySatisfy(m -> assertThat(m).contains(empty.toString()).contains("empty"))
          .anySatisfy(m -> assertThat(m).contains(junk.toString())
              .contains("nothing readable"));
    }
    assertThat(empty).isEmptyFile();
    assertThat(bytesOf(junk)).isEqualTo(junkBytes);
  }

  @Test
  void recover_headerWithAnInvalidScenario_isLeftOutWithAnError() throws IOException {
    Path file;
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(headerOf(game("BADSCEN")).toBuilder()
          .setScenario(ScenarioSpec.newBuilder().setId("half-a-scenario")).build()));
      await(log.append(records(3)));
      file = store.fileOf("BADSCEN");
    }
    byte[] before = bytesOf(file);

    try (FileRecordingStore store = FileRecordingStore.open(dataDir);
        LogCapture logs = LogCapture.of(FileRecordingStore.class)) {
      assertThat(store.recover()).isEmpty();
      assertThat(logs.messages("ERROR")).singleElement().asString()
          .contains(file.toString()).contains("cannot be replayed")
          .contains("scenario in its header is invalid");
    }
    assertThat(bytesOf(file)).isEqualTo(before);
  }

  @Test
  void recover_recordThatBreaksTheRules_isDamagedAndTakesNoMoreRecords() throws IOException {
    Path file;
    Recorded intruder = new Recorded(5, T0.plusSeconds(30), "japan", new Event.SeatTaken(
        "japan", "Intruder", Optional.empty(), TokenHash.of("token-intruder")));
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(game("RULES")));
      // The store keeps what it is given; only a replay can tell this breaks the rules.
      await(log.append(records(4)));
      await(log.append(List.of(intruder)));
      file = store.fileOf("RULES");
    }
    byte[] before = bytesOf(file);
    FileTime modified = Files.getLastModifiedTime(file);

    try (FileRecordingStore store = FileRecordingStore.open(dataDir);
        LogCapture logs = LogCapture.of(FileRecordingStore.class)) {
      RecoveredGame game = store.recover().get(0);

      assertThat(game.damage()).get().asString()
          .contains("record 5 does not follow the rules")
          .contains("seat japan already taken");
      assertThat(game.log()).isEmpty();
      assertThat(recordedOf(game)).isEqualTo(records(4));
      assertThat(game.replay().problem()).hasValueSatisfying(p ->
          assertThat(p.seq()).isEqualTo(5));
      assertThat(logs.messages("ERROR")).singleElement().asString()
          .contains(file.toString()).contains("cannot be played on");
    }
    assertThat(bytesOf(file)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
  }

  @Test
  void recover_formatOneRecording_replaysSeatEntriesAndAppendsContinue() throws IOException {
    List<MessageLite> frames = new ArrayList<>();
    frames.add(headerOf(game("OLD1")).toBuilder().setFormatVersion(1)
        .setServerVersion("hikiwake-0.1.0").build());
    for (Recorded r : records(6)) {
      RecordingEntry entry = EventCodec.toEntry(r);
      // Format 1 kept seats out of the rules' events, in a field of their own.
      frames.add(entry.getEvent().hasSeatTaken()
          ? entry.toBuilder().setSeatTaken(entry.getEvent().getSeatTaken()).build() : entry);
    }
    Path file = Files.createDirectories(dataDir.resolve("games")).resolve("OLD1.hwr");
    Files.write(file, Frames.encode(frames).array());
    assertThat(RecordingReader.read(file).records()).filteredOn(RecordingEntry::hasSeatTaken)
        .hasSize(2);

    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      RecoveredGame game = store.recover().get(0);

      assertThat(game.damage()).isEmpty();
      assertThat(recordedOf(game)).isEqualTo(records(6));
      assertThat(game.replay().last().seats()).containsOnlyKeys("japan", "russia");
      await(game.log().orElseThrow().append(records(7, 8)));
    }
    Recording read = RecordingReader.read(file);
    assertThat(read.isSound()).isTrue();
    assertThat(read.header().getFormatVersion()).isEqualTo(1);
    assertThat(read.events()).isEqualTo(records(8));
  }

  @Test
  void recover_renamedRecording_isDamaged() throws IOException {
    Path file = writeUnfinished("ORIGINAL", 1).file();
    Path renamed = Files.move(file, file.resolveSibling("RENAMED.hwr"));

    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      assertThat(store.recover()).singleElement().satisfies(game -> {
        assertThat(game.damage()).get().asString().contains("ORIGINAL").contains("RENAMED");
        assertThat(game.log()).isEmpty();
        assertThat(game.source()).isEqualTo(renamed.toString());
        assertThat(game.gameCode()).isEqualTo("ORIGINAL");
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
      GameLog fresh = await(store.create(game("NEW")));
      await(fresh.append(records(1)));
      await(old.log().orElseThrow().append(records(3, 3)));
      assertThat(RecordingFixtures.failureOf(store.create(game("OLD"))).getMessage())
          .contains("OLD.hwr");
    }
    assertThat(RecordingReader.read(dataDir.resolve("games/OLD.hwr")).events())
        .isEqualTo(records(3));
    assertThat(RecordingReader.read(dataDir.resolve("games/NEW.hwr")).events())
        .isEqualTo(records(1));
  }
}
