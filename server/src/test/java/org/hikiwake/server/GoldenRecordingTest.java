package org.hikiwake.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hikiwake.codec.Versions;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingException;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.codec.recording.RecordingText;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden recordings made by real games on a real server ({@link GoldenRecordings}):
 * wave 1's three of recording format 1 in {@code golden/}, and three of each
 * later format in {@code golden/v<format>/}. They must import cleanly
 * forever, so none is ever rewritten.
 *
 * <ul>
 *   <li>Each replays through {@link ReplayedRecording} (the one path from a
 *       recording to the engine's fold) to its stored outcome and scores.
 *   <li>Each decision in it is made again through {@link Rules#decide} at its
 *       recorded time, from a move rebuilt from its first event; the rules
 *       must produce exactly the recorded events, and so the stored result.
 *       Format 1 recorded the start as a move of its own, a moment after the
 *       last seat; since the last seat now starts the game, that seat is
 *       taken again at the recorded start.
 *   <li>Each has a text twin next to it ({@code agreement.hwr.txt}), its
 *       {@link RecordingText}, so a change of behaviour shows in a diff; the
 *       test compares the rendering with the twin. After a deliberate change
 *       to the rendering, rewrite the twins and review their diff:
 *       {@code ./mvnw -B -o -pl proto,scenarios,engine,codec,server verify
 *       -Dtest=GoldenRecordingTest -Dsurefire.failIfNoSpecifiedTests=false
 *       -Dhikiwake.golden.update=true}.
 * </ul>
 */
class GoldenRecordingTest {
  /** Set to {@code true} to rewrite the text twins from the recordings instead of checking them. */
  static final boolean UPDATE_TWINS = Boolean.getBoolean("hikiwake.golden.update");
  private static final String[] GAMES = {"agreement", "walkout", "deadline"};
  private static final Outcome[] OUTCOMES = {Outcome.AGREEMENT, Outcome.WALK_OUT,
      Outcome.DEADLINE};

  /** Every golden recording: its path under golden/, its format and its outcome. */
  static Stream<Arguments> goldens() {
    List<Arguments> out = new ArrayList<>();
    for (int format = Versions.OLDEST_RECORDING_FORMAT; format <= Versions.RECORDING_FORMAT;
        format++) {
      String folder = GoldenRecordings.folderOf(format);
      for (int g = 0; g < GAMES.length; g++) {
        String path = (folder.isEmpty() ? "" : folder + "/") + GAMES[g] + ".hwr";
        out.add(Arguments.of(path, format, OUTCOMES[g]));
      }
    }
    return out.stream();
  }

  @Test
  void goldens_everyFormatThisBuildReads_hasItsThreeGames() {
    List<String> missing = goldens().map(a -> (String) a.get()[0])
        .filter(path -> GoldenRecordingTest.class.getResource("/golden/" + path) == null)
        .toList();
    assertThat(missing).as("golden recordings to make with GoldenRecordings").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void replay_goldenRecording_reachesTheStoredOutcomeAndScores(String path, int format,
      Outcome outcome) throws Exception {
    ReplayedRecording replayed = replay(path);
    Recording recording = replayed.recording();

    assertThat(recording.header().getFormatVersion()).isEqualTo(format);
    assertThat(recording.isSound()).isTrue();
    assertThat(recording.isFinished()).isTrue();
    assertThat(replayed.problem()).isEmpty();
    assertThat(replayed.replay().steps()).hasSize(recording.records().size());
    List<Recorded> recorded = recording.events();
    assertThat(recorded).filteredOn(r -> r.event() instanceof Event.SeatTaken)
        .extracting(r -> ((Event.SeatTaken) r.event()).role()).containsExactly("japan", "russia");
    Result stored = ((Event.GameEnded) recorded.get(recorded.size() - 1).event()).result();
    assertThat(replayed.last().result()).contains(stored);
    assertThat(stored.outcome()).isEqualTo(outcome);
    assertThat(stored.scores()).containsOnlyKeys(replayed.scenario().roles().stream()
        .map(Role::id).toList());
    if (outcome != Outcome.AGREEMENT) {
      for (Role role : replayed.scenario().roles()) {
        assertThat(stored.scores().get(role.id())).isEqualTo(role.reservationValue());
      }
    } else {
      assertThat(stored.scores()).allSatisfy((role, score) -> assertThat(score).isEqualTo(
          replayed.last().pointsOf(role).score(stored.agreed().orElseThrow())));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void decide_everyDecisionOfAGoldenRecording_makesExactlyTheRecordedEvents(String path)
      throws Exception {
    ReplayedRecording replayed = replay(path);
    List<Recorded> records = replayed.recording().events();
    GameState state = replayed.replay().initial();
    List<Event> decided = new ArrayList<>();
    int i = 0;
    while (i < records.size()) {
      Recorded first = records.get(i);
      Move move = moveThatCaused(records, i, state);
      Decision decision = Rules.decide(state, move);
      assertThat(decision).as("move %s at record %s", move, first.seq())
          .isInstanceOf(Decision.Accepted.class);
      List<Event> events = ((Decision.Accepted) decision).events();
      assertThat(events).as("events of %s at record %s", move, first.seq())
          .isEqualTo(records.subList(i, Math.min(records.size(), i + events.size())).stream()
              .map(Recorded::event).toList());
      decided.addAll(events);
      state = Rules.applyAll(state, events);
      i += events.size();
    }

    assertThat(decided).isEqualTo(records.stream().map(Recorded::event).toList());
    assertThat(state).isEqualTo(replayed.last());
    assertThat(state.isOver()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void text_goldenRecording_matchesItsTwin(String path) throws Exception {
    String text = RecordingText.of(replay(path));
    String twinPath = path + ".txt";
    if (UPDATE_TWINS) {
      Path source = GoldenRecordings.sourceResources().resolve("golden").resolve(twinPath);
      Files.writeString(source, text, UTF_8);
      System.out.println("rewrote " + source);
      return;
    }
    URL twin = GoldenRecordingTest.class.getResource("/golden/" + twinPath);
    assertThat(twin).as("the twin %s (make it with -Dhikiwake.golden.update=true)", twinPath)
        .isNotNull();
    assertThat(text).as("%s rendered; if the change is meant, rewrite the twins with"
        + " -Dhikiwake.golden.update=true and review their diff", path)
        .isEqualTo(Files.readString(Path.of(twin.toURI()), UTF_8));
  }

  /**
   * The move behind the decision that starts at record {@code i}, rebuilt
   * from its first event.
   */
  private static Move moveThatCaused(List<Recorded> records, int i, GameState state) {
    Recorded r = records.get(i);
    Event first = r.event();
    Instant at = r.at();
    if (first instanceof Event.SeatTaken s) {
      boolean last = state.scenario().roles().stream()
          .allMatch(role -> role.id().equals(s.role()) || state.seats().containsKey(role.id()));
      if (last && i + 1 < records.size()
          && records.get(i + 1).event() instanceof Event.GameStarted started) {
        at = started.at();
      }
      return new Move.TakeSeat(s.role(), s.displayName(), s.bot(), s.tokenHash(), at);
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
    throw new AssertionError("no move starts with " + first + " at record " + r.seq()
        + " in state " + state);
  }

  private static ReplayedRecording replay(String path)
      throws IOException, URISyntaxException, RecordingException {
    URL url = GoldenRecordingTest.class.getResource("/golden/" + path);
    assertThat(url).as("golden recording %s", path).isNotNull();
    return ReplayedRecording.of(RecordingReader.read(Path.of(url.toURI())), path);
  }
}
