package org.hikiwake.codec.recording;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import com.google.common.collect.ImmutableMap;
import com.google.protobuf.MessageLite;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;

/** Headers, records and recordings as bytes, shared by the recording format's tests. */
final class RecordingFixtures {
  static final Scenario SCENARIO = loadScenario();
  static final GameSettings SETTINGS = GameSettings.untimed(SCENARIO.rounds());
  /** 2013-11-02T10:00:00Z, the first Japan-Russia 2+2. */
  static final Instant T0 = Instant.parse("2013-11-02T10:00:00Z");

  private RecordingFixtures() {}

  private static Scenario loadScenario() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A header as this build writes it. */
  static RecordingHeader header(String gameCode) {
    return RecordingHeaders.of(gameCode, T0, SCENARIO, SETTINGS);
  }

  /** The same header as wave 1 wrote it: format 1, which kept seats out of the rules. */
  static RecordingHeader formatOne(RecordingHeader header) {
    return header.toBuilder().setFormatVersion(1).setServerVersion("hikiwake-0.1.0").build();
  }

  static HashCode tokenHash(String token) {
    return Hashing.sha256().hashString(token, UTF_8);
  }

  static Package sixIssuePackage() {
    return Package.of("territory", "two_islands_plus", "peace_treaty", "roadmap",
        "energy", "lng_contracts", "far_east", "major",
        "security", "joint_exercises", "missile_defence", "briefings");
  }

  /** A realistic record: Japan offers a package with all six issues. */
  static Recorded offer(long seq) {
    return new Recorded(seq, T0.plusSeconds(seq), "japan",
        new Event.OfferMade("japan", sixIssuePackage()));
  }

  static List<Recorded> offers(long first, long last) {
    List<Recorded> out = new ArrayList<>();
    for (long seq = first; seq <= last; seq++) {
      out.add(offer(seq));
    }
    return out;
  }

  /**
   * One record of every kind of event, numbered from {@code firstSeq}, ending
   * with the game's end; not a game the rules would play.
   */
  static List<Recorded> everyKind(long firstSeq) {
    List<Event> events = List.of(
        new Event.SeatTaken("japan", "Aiko", Optional.empty(), tokenHash("secret-1")),
        new Event.SeatTaken("russia", "Дмитрий", Optional.of("medium"), tokenHash("secret-2")),
        new Event.GameStarted(T0.plusSeconds(2)),
        new Event.TurnChanged(0, 1, "japan", Optional.of(T0.plusSeconds(122))),
        new Event.NewsArrived("china-adiz"),
        new Event.OfferMade("japan", sixIssuePackage()),
        new Event.ChatPosted("russia", "Hikiwake — a draw, not a surrender."),
        new Event.TurnTimedOut("russia"),
        new Event.ClockRestarted(T0.plusSeconds(600)),
        new Event.GameEnded(new Result(Outcome.AGREEMENT, Optional.of(sixIssuePackage()),
            ImmutableMap.of("japan", 61, "russia", 58), Optional.of("russia"))));
    List<String> actors = List.of("japan", "russia", "russia", "russia", "russia", "japan",
        "russia", "", "", "russia");
    List<Recorded> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      out.add(new Recorded(firstSeq + i, T0.plusSeconds(i), actors.get(i), events.get(i)));
    }
    return out;
  }

  /**
   * The events the rules decide for each move in turn, numbered from 1 and
   * stamped with their move's time, as a room records them.
   *
   * @param actorsAndMoves alternating actor (a role, or "" for the host) and move
   */
  static List<Recorded> decided(GameState initial, Object... actorsAndMoves) {
    List<Recorded> out = new ArrayList<>();
    GameState state = initial;
    for (int i = 0; i < actorsAndMoves.length; i += 2) {
      Move move = (Move) actorsAndMoves[i + 1];
      Decision decision = Rules.decide(state, move);
      assertThat(decision.isAccepted()).as("%s: %s", move, decision).isTrue();
      for (Event e : ((Decision.Accepted) decision).events()) {
        out.add(new Recorded(out.size() + 1, move.at(), (String) actorsAndMoves[i], e));
        state = Rules.apply(state, e);
      }
    }
    return out;
  }

  static List<RecordingEntry> entries(List<Recorded> recorded) {
    return recorded.stream().map(EventCodec::toEntry).toList();
  }

  /** The entries as format 1 wrote them: seats in their own field, not as events. */
  static List<RecordingEntry> formatOneEntries(List<Recorded> recorded) {
    List<RecordingEntry> out = new ArrayList<>();
    for (RecordingEntry entry : entries(recorded)) {
      out.add(entry.getEvent().hasSeatTaken()
          ? entry.toBuilder().setSeatTaken(entry.getEvent().getSeatTaken()).build()
          : entry);
    }
    return out;
  }

  /** A recording of the header and records, framed as the store writes them. */
  static byte[] recordingBytes(RecordingHeader header, List<RecordingEntry> records) {
    List<MessageLite> messages = new ArrayList<>();
    messages.add(header);
    messages.addAll(records);
    return Frames.encode(messages).array();
  }

  /** Offsets where each frame starts, plus the file's end. */
  static List<Integer> frameStarts(byte[] bytes) {
    List<Integer> starts = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      starts.add(pos);
      pos += Frames.PREFIX_BYTES + ByteBuffer.wrap(bytes, pos, 4).getInt();
    }
    starts.add(pos);
    return starts;
  }
}
