package org.hikiwake.codec.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hikiwake.codec.recording.RecordingFixtures.SCENARIO;
import static org.hikiwake.codec.recording.RecordingFixtures.SETTINGS;
import static org.hikiwake.codec.recording.RecordingFixtures.T0;
import static org.hikiwake.codec.recording.RecordingFixtures.decided;
import static org.hikiwake.codec.recording.RecordingFixtures.entries;
import static org.hikiwake.codec.recording.RecordingFixtures.formatOne;
import static org.hikiwake.codec.recording.RecordingFixtures.formatOneEntries;
import static org.hikiwake.codec.recording.RecordingFixtures.header;
import static org.hikiwake.codec.recording.RecordingFixtures.recordingBytes;
import static org.hikiwake.codec.recording.RecordingFixtures.sixIssuePackage;
import static org.hikiwake.codec.recording.RecordingFixtures.tokenHash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.game.GameEvent;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.hikiwake.proto.scenario.ScenarioSpec;
import org.junit.jupiter.api.Test;

class ReplayedRecordingTest {
  private static final GameState INITIAL = GameState.initial(SCENARIO, SETTINGS);
  /** A short game as the rules play it: both seats, an offer, a word, an acceptance. */
  private static final List<Recorded> GAME = decided(INITIAL,
      "japan", new Move.TakeSeat("japan", "Aiko", Optional.empty(), tokenHash("t-1"),
          T0.plusSeconds(5)),
      "russia", new Move.TakeSeat("russia", "Boris", Optional.of("medium"), tokenHash("t-2"),
          T0.plusSeconds(9)),
      "japan", new Move.Propose("japan", sixIssuePackage(), T0.plusSeconds(40)),
      "russia", new Move.Say("russia", "Two islands and more: a draw.", T0.plusSeconds(50)),
      "russia", new Move.Accept("russia", T0.plusSeconds(70)));

  @Test
  void of_soundRecording_replaysToTheLiveState() throws RecordingException {
    ReplayedRecording replayed = replay(recordingBytes(header("LIVE"), entries(GAME)));

    assertThat(replayed.isSound()).isTrue();
    assertThat(replayed.gameCode()).isEqualTo("LIVE");
    assertThat(replayed.createdAt()).isEqualTo(T0);
    assertThat(replayed.scenario()).isEqualTo(SCENARIO);
    assertThat(replayed.settings()).isEqualTo(SETTINGS);
    assertThat(recorded(replayed.replay())).isEqualTo(GAME);
    assertThat(replayed.last()).isEqualTo(Rules.applyAll(INITIAL, events(GAME)));
    assertThat(replayed.last().result().orElseThrow().outcome()).isEqualTo(Outcome.AGREEMENT);
  }

  @Test
  void of_formatOneRecordingWithSeatEntries_replaysSeatsAsSeatTaken()
      throws RecordingException {
    List<RecordingEntry> formatOne = formatOneEntries(GAME);
    assertThat(formatOne).filteredOn(RecordingEntry::hasSeatTaken).hasSize(2);

    ReplayedRecording replayed = replay(recordingBytes(formatOne(header("OLD1")), formatOne));

    assertThat(replayed.isSound()).isTrue();
    assertThat(replayed.header().getFormatVersion()).isEqualTo(1);
    assertThat(recorded(replayed.replay())).isEqualTo(GAME);
    assertThat(replayed.replay().steps().get(1).recorded().event())
        .isEqualTo(new Event.SeatTaken("russia", "Boris", Optional.of("medium"),
            tokenHash("t-2")));
    assertThat(replayed.last().seats()).containsOnlyKeys("japan", "russia");
    assertThat(replayed.last().seat("russia").orElseThrow().bot()).contains("medium");
    assertThat(replayed.last().result())
        .isEqualTo(Rules.applyAll(INITIAL, events(GAME)).result())
        .hasValueSatisfying(r -> assertThat(r.scores()).containsOnlyKeys("japan", "russia"));
  }

  @Test
  void of_recordThatBreaksTheRules_stopsBeforeItWithAClearProblem() throws RecordingException {
    List<Recorded> game = new ArrayList<>(GAME.subList(0, 6));
    long bad = game.size() + 1;
    // Japan's seat is taken already: the rules would never have recorded this.
    game.add(new Recorded(bad, T0.plusSeconds(60), "japan",
        new Event.SeatTaken("japan", "Intruder", Optional.empty(), tokenHash("t-3"))));
    game.add(new Recorded(bad + 1, T0.plusSeconds(61), "japan",
        new Event.ChatPosted("japan", "never replayed")));

    ReplayedRecording replayed = replay(recordingBytes(header("RULES"), entries(game)));

    assertThat(replayed.recording().isSound()).as("the bytes are fine").isTrue();
    assertThat(replayed.isSound()).isFalse();
    assertThat(replayed.problem()).hasValueSatisfying(p -> assertThat(p)
        .startsWith("record " + bad + " does not follow the rules")
        .contains("seat japan already taken")
        .endsWith("the replay stops before it"));
    assertThat(replayed.replay().steps()).hasSize((int) bad - 1);
    assertThat(replayed.replay().lastSeq()).isEqualTo(bad - 1);
    assertThat(replayed.last()).isEqualTo(Rules.applyAll(INITIAL, events(game.subList(0, 6))));
    assertThat(replayed.last().seat("japan").orElseThrow().displayName()).isEqualTo("Aiko");
  }

  @Test
  void of_recordThatCannotBeDecoded_stopsBeforeIt() throws RecordingException {
    List<RecordingEntry> entries = new ArrayList<>(entries(GAME.subList(0, 3)));
    entries.add(RecordingEntry.newBuilder().setSeq(4).setAtMillis(T0.toEpochMilli())
        .setEvent(GameEvent.getDefaultInstance()).build());

    ReplayedRecording replayed = replay(recordingBytes(header("BLANK"), entries));

    assertThat(replayed.problem()).hasValueSatisfying(p -> assertThat(p)
        .startsWith("record 4 cannot be decoded").contains("no kind")
        .endsWith("the replay stops before it"));
    assertThat(recorded(replayed.replay())).isEqualTo(GAME.subList(0, 3));
  }

  @Test
  void of_tornTail_replaysWhatIsReadableAndSaysWhy() throws RecordingException {
    byte[] sound = recordingBytes(header("TORN"), entries(GAME));
    ReplayedRecording replayed = replay(Arrays.copyOf(sound, sound.length - 3));

    assertThat(replayed.recording().hasTornTail()).isTrue();
    assertThat(replayed.problem()).hasValueSatisfying(p -> assertThat(p).contains("torn tail"));
    assertThat(recorded(replayed.replay())).isEqualTo(GAME.subList(0, GAME.size() - 1));
    assertThat(replayed.last().phase()).isEqualTo(Phase.IN_PROGRESS);
    assertThat(replayed.readableSummary())
        .startsWith((GAME.size() - 1) + " records (")
        .endsWith(" of " + String.format(java.util.Locale.ROOT, "%,d", sound.length - 3)
            + " bytes)");
  }

  @Test
  void of_noReadableHeader_isRefusedNamingTheSource() {
    assertThatThrownBy(() -> ReplayedRecording.of(RecordingReader.read(new byte[0]), "x.hwr"))
        .isInstanceOf(RecordingException.class)
        .hasMessageStartingWith("x.hwr is not a readable recording")
        .hasMessageContaining("empty");
  }

  @Test
  void of_invalidScenarioInTheHeader_isRefusedWithTheScenarioProblem() {
    RecordingHeader header = header("BADSCEN").toBuilder()
        .setScenario(ScenarioSpec.newBuilder().setId("half-a-scenario")).build();

    assertThatThrownBy(() -> replay(recordingBytes(header, entries(GAME))))
        .isInstanceOf(RecordingException.class)
        .hasMessageStartingWith("BADSCEN.hwr: the scenario in its header is invalid");
  }

  @Test
  void of_agreedPackage_isTheOneOnTheTable() throws RecordingException {
    ReplayedRecording replayed = replay(recordingBytes(header("AGREED"), entries(GAME)));
    Package agreed = replayed.last().result().orElseThrow().agreed().orElseThrow();

    assertThat(agreed).isEqualTo(sixIssuePackage());
    assertThat(replayed.last().result().orElseThrow().scores()).isEqualTo(java.util.Map.of(
        "japan", SCENARIO.pointsOf("japan").score(agreed),
        "russia", SCENARIO.pointsOf("russia").score(agreed)));
  }

  private static ReplayedRecording replay(byte[] bytes) throws RecordingException {
    Recording recording = RecordingReader.read(bytes);
    return ReplayedRecording.of(recording, recording.header().getGameCode() + ".hwr");
  }

  private static List<Recorded> recorded(Replay replay) {
    return replay.steps().stream().map(Replay.Step::recorded).toList();
  }

  private static List<Event> events(List<Recorded> recorded) {
    return recorded.stream().map(Recorded::event).toList();
  }
}
