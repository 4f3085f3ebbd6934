package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.server.record.EventCodec;
import org.hikiwake.server.record.Recording;
import org.hikiwake.server.record.RecordingReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden recordings made by real games ({@link GoldenRecordings}). Each move
 * that caused the recorded events is made again through the rules, at its
 * recorded time; the rules must produce exactly the recorded events and so
 * the stored outcome and scores.
 */
class GoldenRecordingTest {

  @ParameterizedTest
  @CsvSource({"agreement.hwr, AGREEMENT", "walkout.hwr, WALK_OUT", "deadline.hwr, DEADLINE"})
  void replay_goldenRecording_reproducesStoredEventsOutcomeAndScores(String file,
      Outcome expected) throws Exception {
    Recording recording = RecordingReader.read(golden(file));
    assertThat(recording.problem()).isEmpty();
    assertThat(recording.isFinished()).isTrue();
    Scenario scenario = ScenarioLoader.fromProto(recording.header().getScenario(), file);
    GameSettings settings = EventCodec.fromProto(recording.header().getSettings());

    GameState state = GameState.initial(scenario, settings);
    List<Event> recorded = recording.events();
    List<Event> replayed = new ArrayList<>();
    List<RecordingEntry> records = recording.records();
    int i = 0;
    while (i < records.size()) {
      RecordingEntry r = records.get(i);
      if (!r.hasEvent()) {
        i++;
        continue;
      }
      Move move = moveThatCaused(EventCodec.fromProto(r.getEvent()), r, state);
      Decision decision = Rules.decide(state, move);
      assertThat(decision).as("move %s at record %s", move, r.getSeq())
          .isInstanceOf(Decision.Accepted.class);
      List<Event> events = ((Decision.Accepted) decision).events();
      replayed.addAll(events);
      state = Rules.applyAll(state, events);
      i += events.size();
    }

    assertThat(replayed).isEqualTo(recorded);
    Result stored = ((Event.GameEnded) recorded.get(recorded.size() - 1)).result();
    assertThat(state.result()).contains(stored);
    assertThat(stored.outcome()).isEqualTo(expected);
    assertThat(Rules.applyAll(GameState.initial(scenario, settings), recorded)).isEqualTo(state);
  }

  /** The move behind the first event of a decision, rebuilt from the record. */
  private static Move moveThatCaused(Event first, RecordingEntry r, GameState state) {
    Instant at = Instant.ofEpochMilli(r.getAtMillis());
    if (first instanceof Event.GameStarted) {
      return new Move.Start(at);
    } else if (first instanceof Event.OfferMade o) {
      return new Move.Propose(o.role(), o.pkg(), at);
    } else if (first instanceof Event.ChatPosted c) {
      return new Move.Say(c.role(), c.text(), at);
    } else if (first instanceof Event.TurnTimedOut) {
      return new Move.TimeOut(at);
    } else if (first instanceof Event.ClockRestarted) {
      return new Move.RestartClock(at);
    } else if (first instanceof Event.GameEnded g) {
      String by = g.result().endedBy().orElseThrow();
      return g.result().outcome() == Outcome.AGREEMENT ? new Move.Accept(by, at)
          : new Move.WalkAway(by, at);
    }
    throw new AssertionError("no move starts with " + first + " in state " + state);
  }

  private static Path golden(String name) throws URISyntaxException {
    return Path.of(GoldenRecordingTest.class.getResource("/golden/" + name).toURI());
  }
}
