package org.hikiwake.server.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.record.RecordingFixtures.SCENARIO;
import static org.hikiwake.server.record.RecordingFixtures.await;
import static org.hikiwake.server.record.RecordingFixtures.header;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.hikiwake.proto.recording.SeatTaken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole game played through the rules, recorded, read back and replayed. */
class GameRecordingTest {
  private static final Instant START = Instant.parse("2013-11-02T10:00:00Z");

  @TempDir Path dataDir;

  private GameState live;
  private long seq;
  private final List<RecordingEntry> written = new ArrayList<>();

  @Test
  void replay_recordedWholeGame_reproducesTheLiveResult() throws Exception {
    GameSettings settings = GameSettings.timed(SCENARIO.rounds(), Duration.ofMinutes(3));
    RecordingHeader header = header("GOLDEN", settings);
    live = GameState.initial(SCENARIO, settings);
    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      GameLog log = await(store.create(header));
      seat(log, "japan", "Aiko", "token-japan");
      seat(log, "russia", "Dmitry", "token-russia");
      play(log, new Move.Start(at(0)), "");
      play(log, new Move.Propose("japan", Package.of(
          "territory", "four_islands", "peace_treaty", "treaty_signed",
          "energy", "lng_contracts", "far_east", "modest",
          "security", "dialogue_only", "missile_defence", "written_assurance"), at(60)), "japan");
      play(log, new Move.Say("russia", "Four islands is not a draw.", at(90)), "russia");
      play(log, new Move.Propose("russia", Package.of(
          "territory", "two_islands", "peace_treaty", "treaty_signed",
          "energy", "lng_and_pipeline", "far_east", "major",
          "security", "full_fact_sheet", "missile_defence", "written_assurance"), at(150)),
          "russia");
      play(log, new Move.TimeOut(at(150 + 180)), "");
      play(log, new Move.RestartClock(at(400)), "");
      play(log, new Move.Propose("russia", Package.of(
          "territory", "two_islands_plus", "peace_treaty", "treaty_signed",
          "energy", "lng_and_pipeline", "far_east", "major",
          "security", "joint_exercises", "missile_defence", "briefings"), at(450)), "russia");
      play(log, new Move.Propose("japan", Package.of(
          "territory", "area_split", "peace_treaty", "treaty_signed",
          "energy", "lng_contracts", "far_east", "major",
          "security", "joint_exercises", "missile_defence", "briefings"), at(520)), "japan");
      play(log, new Move.Accept("russia", at(600)), "russia");
      assertThat(live.isOver()).isTrue();
      await(log.close());
    }

    Recording recording = RecordingReader.read(dataDir.resolve("games/GOLDEN.hwr"));
    assertThat(recording.problem()).isEmpty();
    assertThat(recording.isFinished()).isTrue();
    assertThat(recording.records()).isEqualTo(written);

    GameState replayed = Rules.applyAll(initialFrom(recording.header()), recording.events());
    assertThat(replayed.result()).isEqualTo(live.result());
    assertThat(replayed.result().orElseThrow().outcome()).isEqualTo(Outcome.AGREEMENT);
    assertThat(replayed.newsArrived()).isEqualTo(live.newsArrived()).isNotEmpty();
    assertThat(replayed.pointsInForce()).isEqualTo(live.pointsInForce());
    assertThat(replayed.onTable()).isEqualTo(live.onTable());
    assertThat(replayed.turn()).isEqualTo(live.turn());

    try (FileRecordingStore store = FileRecordingStore.open(dataDir)) {
      assertThat(store.recover()).singleElement().satisfies(game -> {
        assertThat(game.damage()).isEmpty();
        assertThat(game.log()).isEmpty();
        assertThat(game.records()).isEqualTo(written);
      });
    }
  }

  private static GameState initialFrom(RecordingHeader header) throws ScenarioException {
    return GameState.initial(ScenarioLoader.fromProto(header.getScenario(), "GOLDEN.hwr"),
        EventCodec.fromProto(header.getSettings()));
  }

  private void seat(GameLog log, String role, String name, String token) {
    RecordingEntry record = RecordingEntry.newBuilder().setSeq(++seq).setAtMillis(START.toEpochMilli())
        .setRole(role).setSeatTaken(SeatTaken.newBuilder().setRole(role).setDisplayName(name)
            .setTokenSha256(TokenHash.of(token)))
        .build();
    await(log.append(List.of(record)));
    written.add(record);
  }

  /** Decides a move, appends its events as the room would, then applies them. */
  private void play(GameLog log, Move move, String role) {
    Decision decision = Rules.decide(live, move);
    assertThat(decision).as("%s", move).isInstanceOf(Decision.Accepted.class);
    List<RecordingEntry> records = new ArrayList<>();
    for (Event event : ((Decision.Accepted) decision).events()) {
      records.add(RecordingEntry.newBuilder().setSeq(++seq).setAtMillis(move.at().toEpochMilli())
          .setRole(role).setEvent(EventCodec.toProto(event)).build());
    }
    await(log.append(records));
    written.addAll(records);
    live = Rules.applyAll(live, ((Decision.Accepted) decision).events());
  }

  private static Instant at(long seconds) {
    return START.plusSeconds(seconds);
  }
}
