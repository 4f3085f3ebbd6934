package org.hikiwake.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.store.StoreFixtures.await;
import static org.hikiwake.server.store.StoreFixtures.game;
import static org.hikiwake.server.store.StoreFixtures.headerOf;
import static org.hikiwake.server.store.StoreFixtures.records;
import static org.hikiwake.server.store.StoreFixtures.recordedOf;

import com.google.protobuf.MessageLite;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.recording.Frames;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.server.record.GameQuery;
import org.hikiwake.server.record.RecoveredGame;
import org.hikiwake.server.record.StoredGame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wave-1 recordings in {@code <data>/games/} are imported into the database once. */
class LegacyImportTest {
  private static final List<String> GOLDENS = List.of("agreement.hwr", "deadline.hwr",
      "walkout.hwr");

  @TempDir Path dataDir;

  private Path games() throws Exception {
    return Files.createDirectories(dataDir.resolve(SqliteStore.LEGACY_GAMES_FOLDER));
  }

  private static Path golden(String name) throws URISyntaxException {
    return Path.of(LegacyImportTest.class.getResource("/golden/" + name).toURI());
  }

  private static byte[] framed(List<? extends MessageLite> messages) {
    ByteBuffer b = Frames.encode(messages);
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** An unfinished recording of the long game's first records, as wave 1 wrote it. */
  private Path writeUnfinished(String code, int count) throws Exception {
    List<MessageLite> frames = new ArrayList<>();
    frames.add(headerOf(game(code)));
    records(count).forEach(r -> frames.add(EventCodec.toEntry(r)));
    return Files.write(games().resolve(code + ".hwr"), framed(frames));
  }

  @Test
  void open_goldenFormatOneRecordings_importsThemOnceAndServesTheirBytesAsWritten()
      throws Exception {
    for (String name : GOLDENS) {
      Files.copy(golden(name), games().resolve(name));
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      ImportReport report = store.importReport();
      assertThat(report.finished()).isEqualTo(3);
      assertThat(report.imported()).isEqualTo(3);
      assertThat(report.skipped()).isEmpty();
      assertThat(store.recover()).as("finished games are not replayed at start").isEmpty();
      for (String name : GOLDENS) {
        Recording original = RecordingReader.read(golden(name));
        assertThat(original.header().getFormatVersion()).isEqualTo(1);
        String code = original.header().getGameCode();
        assertThat(await(store.read(code))).isEqualTo(Files.readAllBytes(golden(name)));
        RecoveredGame loaded = await(store.load(code)).orElseThrow();
        assertThat(loaded.damage()).isEmpty();
        assertThat(loaded.replay().last().isOver()).isTrue();
      }
      List<StoredGame> listed = await(store.listGames(new GameQuery(Optional.of(Phase.ENDED),
          Optional.empty(), Optional.empty(), 10))).games();
      assertThat(listed).hasSize(3).allSatisfy(g -> {
        assertThat(g.result()).isPresent();
        assertThat(g.seats()).allSatisfy(s -> assertThat(s.displayName()).isPresent());
      });
    }
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.importReport().imported()).isZero();
      assertThat(store.importReport().alreadyImported()).isEqualTo(3);
    }
    assertThat(Files.readAllBytes(games().resolve("agreement.hwr")))
        .as("the files are left as they were").isEqualTo(Files.readAllBytes(golden(
            "agreement.hwr")));
  }

  @Test
  void open_unfinishedFormatOneRecording_resumesWithItsSeats() throws Exception {
    Recording golden = RecordingReader.read(golden("agreement.hwr"));
    List<MessageLite> frames = new ArrayList<>();
    frames.add(golden.header());
    frames.addAll(golden.records().subList(0, 8));
    Files.write(games().resolve("HALF.hwr"), framed(frames));

    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.importReport().unfinished()).isEqualTo(1);
      RecoveredGame game = store.recover().get(0);
      assertThat(game.damage()).isEmpty();
      assertThat(game.replay().last().seats()).containsOnlyKeys("japan", "russia");
      List<Recorded> more = EventCodec.fromEntries(golden.records().subList(8, 10));
      await(game.log().orElseThrow().append(more));
      Recording now = RecordingReader.read(await(store.read(game.gameCode())));
      assertThat(now.isSound()).isTrue();
      assertThat(now.records()).hasSize(10);
      assertThat(now.records().subList(0, 8)).isEqualTo(golden.records().subList(0, 8));
    }
  }

  @Test
  void open_tornTail_leavesTheTailOutAndTheGameResumes() throws Exception {
    Path file = writeUnfinished("TORN", 5);
    byte[] sound = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(sound, sound.length - 3));

    try (SqliteStore store = SqliteStore.open(dataDir);
        LogCapture logs = LogCapture.of(LegacyImport.class)) {
      assertThat(store.importReport().unfinished()).isEqualTo(1);
      RecoveredGame game = store.recover().get(0);
      assertThat(game.damage()).isEmpty();
      assertThat(recordedOf(game)).isEqualTo(records(4));
      await(game.log().orElseThrow().append(records(5, 6)));
      assertThat(RecordingReader.read(await(store.read("TORN"))).events()).isEqualTo(records(6));
    }
  }

  @Test
  void open_corruptMiddle_importsWhatIsReadableAsDamaged() throws Exception {
    Path file = writeUnfinished("CORRUPT", 4);
    writeUnfinished("FINE", 3);
    byte[] bytes = Files.readAllBytes(file);
    int secondRecord = framed(List.of(headerOf(game("CORRUPT")),
        EventCodec.toEntry(records(1).get(0)))).length;
    bytes[secondRecord + 12] ^= 0x10;
    Files.write(file, bytes);

    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.importReport().damaged()).isEqualTo(1);
      assertThat(store.importReport().unfinished()).isEqualTo(1);
      assertThat(store.recover()).extracting(RecoveredGame::gameCode).containsExactly("FINE");
      RecoveredGame damaged = await(store.load("CORRUPT")).orElseThrow();
      assertThat(damaged.damage()).get().asString().contains("corrupt in the middle");
      assertThat(recordedOf(damaged)).isEqualTo(records(1));
      assertThat(await(store.listGames(GameQuery.firstPage())).games())
          .filteredOn(g -> g.gameCode().equals("CORRUPT")).singleElement()
          .satisfies(g -> assertThat(g.damage()).isPresent());
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void open_fileWithNoReadableHeader_isSkippedWithAReasonAndLeftAlone() throws Exception {
    Path junk = Files.write(games().resolve("JUNK.hwr"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    Files.write(games().resolve("EMPTY.hwr"), new byte[0]);
    writeUnfinished("GOOD", 2);

    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.importReport().skipped()).hasSize(2)
          .anySatisfy(s -> assertThat(s).startsWith("JUNK.hwr: "))
          .anySatisfy(s -> assertThat(s).startsWith("EMPTY.hwr: ").contains("empty"));
      assertThat(store.recover()).extracting(RecoveredGame::gameCode).containsExactly("GOOD");
    }
    assertThat(Files.readAllBytes(junk)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void open_recordingWhoseCodeIsAlreadyStored_isSkipped() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      await(await(store.create(game("SAME"))).append(records(3)));
    }
    writeUnfinished("SAME", 6);
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(store.importReport().skipped()).singleElement().asString()
          .contains("already in the database");
      assertThat(recordedOf(store.recover().get(0))).isEqualTo(records(3));
    }
  }
}
