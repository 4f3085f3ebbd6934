package org.hikiwake.server.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.record.RecordingFixtures.await;
import static org.hikiwake.server.record.RecordingFixtures.game;
import static org.hikiwake.server.record.RecordingFixtures.headerOf;
import static org.hikiwake.server.record.RecordingFixtures.recordedOf;

import java.nio.file.Path;
import java.util.List;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.replay.Recorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole game played through the rules, recorded, read back and replayed. */
class GameRecordingTest {
  @TempDir Path dataDir;

  @Test
  void replay_recordedWholeGame_reproducesTheLiveState() throws Exception {
    RecordingFixtures.Played played = RecordingFixtures.everyKindOfEvent();
    GameHeader header = game("GOLDEN", played.initial.settings());
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(header));
      // One append per move, as a room makes them.
      for (List<Recorded> batch : played.batches) {
        await(log.append(batch));
      }
      await(log.close());
    }
    GameState live = played.state;
    assertThat(live.isOver()).isTrue();

    Recording recording = RecordingReader.read(dataDir.resolve("games/GOLDEN.hwr"));
    assertThat(recording.problem()).isEmpty();
    assertThat(recording.isFinished()).isTrue();
    assertThat(recording.header()).isEqualTo(headerOf(header));
    assertThat(recording.events()).isEqualTo(played.recorded);
    assertThat(recording.records())
        .isEqualTo(played.recorded.stream().map(EventCodec::toEntry).toList());

    ReplayedRecording replayed = ReplayedRecording.of(recording, "GOLDEN.hwr");
    assertThat(replayed.isSound()).isTrue();
    assertThat(replayed.replay().initial()).isEqualTo(played.initial);
    assertThat(replayed.last()).isEqualTo(live);
    assertThat(replayed.last().result().orElseThrow().outcome()).isEqualTo(Outcome.AGREEMENT);
    assertThat(replayed.last().newsArrived()).isNotEmpty();

    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      assertThat(store.recover()).singleElement().satisfies(game -> {
        assertThat(game.damage()).isEmpty();
        assertThat(game.log()).isEmpty();
        assertThat(game.gameCode()).isEqualTo("GOLDEN");
        assertThat(recordedOf(game)).isEqualTo(played.recorded);
        assertThat(game.replay().last()).isEqualTo(live);
      });
    }
  }
}
