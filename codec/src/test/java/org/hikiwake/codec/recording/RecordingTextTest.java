package org.hikiwake.codec.recording;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.codec.recording.RecordingFixtures.SCENARIO;
import static org.hikiwake.codec.recording.RecordingFixtures.T0;
import static org.hikiwake.codec.recording.RecordingFixtures.decided;
import static org.hikiwake.codec.recording.RecordingFixtures.entries;
import static org.hikiwake.codec.recording.RecordingFixtures.everyKind;
import static org.hikiwake.codec.recording.RecordingFixtures.formatOne;
import static org.hikiwake.codec.recording.RecordingFixtures.formatOneEntries;
import static org.hikiwake.codec.recording.RecordingFixtures.header;
import static org.hikiwake.codec.recording.RecordingFixtures.recordingBytes;
import static org.hikiwake.codec.recording.RecordingFixtures.tokenHash;

import com.google.common.hash.Hashing;
import com.google.protobuf.TextFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.game.GameEvent;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.junit.jupiter.api.Test;

class RecordingTextTest {
  private static final GameSettings TIMED = GameSettings.timed(2, Duration.ofMinutes(5));
  private static final Package OPENING = Package.of("territory", "four_islands",
      "peace_treaty", "treaty_signed", "energy", "none", "far_east", "none",
      "security", "dialogue_only", "missile_defence", "no_statement");

  @Test
  void of_playedGame_rendersHeaderOneLinePerRecordAndResult() throws RecordingException {
    List<Recorded> game = decided(GameState.initial(SCENARIO, TIMED),
        "japan", new Move.TakeSeat("japan", "Aiko", Optional.empty(), tokenHash("t-1"),
            T0.plusMillis(1_250)),
        "russia", new Move.TakeSeat("russia", "Boris", Optional.empty(), tokenHash("t-2"),
            T0.plusSeconds(3)),
        "japan", new Move.Propose("japan", OPENING, T0.plusSeconds(20)),
        "russia", new Move.Say("russia", "No.\n\"Never.\"", T0.plusSeconds(21)),
        "", new Move.TimeOut(T0.plusSeconds(320)),
        "", new Move.RestartClock(T0.plusSeconds(400)),
        "japan", new Move.WalkAway("japan", T0.plusSeconds(401)));
    RecordingHeader header = RecordingHeaders.of("TEXT-0001", T0, SCENARIO, TIMED);
    byte[] bytes = recordingBytes(header, entries(game));

    String text = RecordingText.of(replay(bytes));
    String scores = "japan " + SCENARIO.role("japan").orElseThrow().reservationValue()
        + ", russia " + SCENARIO.role("russia").orElseThrow().reservationValue();

    assertThat(text).isEqualTo(String.join("\n",
        "recording format 2, written by \"hikiwake-0.2.0\"",
        "game TEXT-0001, created 2013-11-02T10:00:00Z",
        "scenario japan-russia-2013 \"" + SCENARIO.title() + "\" (roles japan, russia; 6 issues;"
            + " news china-adiz in round 2, sochi-olympics in round 3, crimea-sanctions in"
            + " round 4, " + SCENARIO.news().get(3).id() + " in round 5), spec sha256 "
            + Hashing.sha256().hashString(TextFormat.printer().printToString(
                header.getScenario()), UTF_8).toString().substring(0, 16),
        "settings 2 rounds, turns of 300.000s",
        "records 12 (" + bytes.length + " bytes)",
        "   1 +1.250s japan: seat japan taken by \"Aiko\", token "
            + tokenHash("t-1").toString().substring(0, 16),
        "   2 +3.000s russia: seat russia taken by \"Boris\", token "
            + tokenHash("t-2").toString().substring(0, 16),
        "   3 +3.000s russia: game started at +3.000s",
        "   4 +3.000s russia: turn 0 (round 1): japan to move, deadline +300.000s",
        "   5 +20.000s japan: japan offers energy=none far_east=none missile_defence=no_statement"
            + " peace_treaty=treaty_signed security=dialogue_only territory=four_islands",
        "   6 +20.000s japan: turn 1 (round 1): russia to move, deadline +300.000s",
        "   7 +21.000s russia: russia says \"No.\\n\\\"Never.\\\"\"",
        "   8 +320.000s host: russia's turn timed out",
        "   9 +320.000s host: turn 2 (round 2): japan to move, deadline +300.000s",
        "  10 +320.000s host: news china-adiz arrived",
        "  11 +400.000s host: clock restarted, deadline +300.000s",
        "  12 +401.000s japan: game ended: walk-out by japan; scores " + scores,
        "replayed 12 records",
        "result walk-out by japan; scores " + scores,
        ""));
  }

  @Test
  void of_everyKindOfEvent_givesEachRecordOneLineInOrder() throws RecordingException {
    List<Recorded> recorded = everyKind(1);
    String text = RecordingText.of(replay(recordingBytes(header("EVERY"), entries(recorded))));
    List<String> lines = text.lines().toList();

    assertThat(lines).hasSize(5 + recorded.size() + 2);
    for (Recorded r : recorded) {
      assertThat(lines.get(4 + (int) r.seq())).startsWith(String.format("%4d ", r.seq()));
    }
    assertThat(lines.get(5)).contains("seat japan taken by \"Aiko\"");
    assertThat(lines.get(6)).contains("seat russia taken by \"Дмитрий\" (bot medium)");
    assertThat(lines.get(9)).endsWith("news china-adiz arrived");
    assertThat(lines.get(11)).endsWith("russia says \"Hikiwake — a draw, not a surrender.\"");
    assertThat(lines.get(13)).endsWith("host: clock restarted, deadline +592.000s");
    assertThat(lines.get(14)).contains("game ended: agreement accepted by russia on ")
        .endsWith("; scores japan 61, russia 58");
    assertThat(lines.get(16))
        .isEqualTo("result " + lines.get(14).replaceAll(".*game ended: ", ""));
  }

  @Test
  void of_formatOneRecording_readsLikeTheSameGameInFormatTwo() throws RecordingException {
    List<Recorded> recorded = everyKind(1);
    String two = RecordingText.of(replay(recordingBytes(header("SAME"), entries(recorded))));
    byte[] oneBytes = recordingBytes(formatOne(header("SAME")), formatOneEntries(recorded));
    String one = RecordingText.of(replay(oneBytes));

    assertThat(one.lines().skip(5).toList()).isEqualTo(two.lines().skip(5).toList());
    assertThat(one.lines().findFirst().orElseThrow())
        .isEqualTo("recording format 1, written by \"hikiwake-0.1.0\"");
  }

  @Test
  void of_samePackageInAnotherOrder_readsTheSame() {
    Package reversed = Package.of("missile_defence", "no_statement", "security",
        "dialogue_only", "far_east", "none", "energy", "none", "peace_treaty", "treaty_signed",
        "territory", "four_islands");
    assertThat(reversed).isEqualTo(OPENING);

    assertThat(RecordingText.event(new Event.OfferMade("japan", reversed), T0, T0))
        .isEqualTo(RecordingText.event(new Event.OfferMade("japan", OPENING), T0, T0))
        .endsWith("territory=four_islands");
  }

  @Test
  void of_unfinishedDamagedRecording_rendersTheBadRecordAndTheProblem()
      throws RecordingException {
    List<RecordingEntry> entries = new ArrayList<>(entries(everyKind(1).subList(0, 4)));
    entries.add(RecordingEntry.newBuilder().setSeq(5).setAtMillis(T0.toEpochMilli())
        .setEvent(GameEvent.getDefaultInstance()).build());
    byte[] bytes = recordingBytes(header("HALF"), entries);

    List<String> lines = RecordingText.of(replay(bytes)).lines().toList();

    assertThat(lines.get(9)).isEqualTo("   5 +0.000s host: cannot be decoded (event has no kind)");
    assertThat(lines.get(10)).startsWith("problem record 5 cannot be decoded");
    assertThat(lines.get(11)).isEqualTo("result none: the game is in progress");
  }

  @Test
  void quote_controlCharactersAndSeparators_areEscaped() {
    assertThat(RecordingText.quote("a\tb\u0000c\u2028d\\e")).isEqualTo(
        "\"a\\tb\\u0000c\\u2028d\\\\e\"");
    assertThat(RecordingText.quote("日本 \ud83c\udf8c")).isEqualTo("\"日本 \ud83c\udf8c\"");
  }

  private static ReplayedRecording replay(byte[] bytes) throws RecordingException {
    return ReplayedRecording.of(RecordingReader.read(bytes), "test");
  }
}
