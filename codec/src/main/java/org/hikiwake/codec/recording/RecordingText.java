package org.hikiwake.codec.recording;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.hash.Hashing;
import com.google.protobuf.TextFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;

/**
 * A recording as plain text, for people and for diffs: its header, one line
 * per record and the replay's result, the same bytes for the same recording
 * on every machine.
 *
 * <p>Times are written relative to the game's creation ({@code +12.345s}) and
 * deadlines relative to their record, so two runs of the same game differ
 * only where behaviour differs. Text from players is quoted with Java string
 * escapes, so every record stays on one line. Seat token hashes and the
 * scenario's fingerprint are shortened to their first 16 hex digits.
 */
public final class RecordingText {
  private RecordingText() {}

  /** The header, every record (decodable or not), how far the replay got, and the result. */
  public static String of(ReplayedRecording replayed) {
    List<String> lines = new ArrayList<>();
    RecordingHeader header = replayed.header();
    Instant created = replayed.createdAt();
    lines.add("recording format " + header.getFormatVersion() + ", written by "
        + quote(header.getServerVersion()));
    lines.add("game " + header.getGameCode() + ", created " + created);
    lines.add("scenario " + scenario(replayed.scenario()) + ", spec sha256 "
        + Hashing.sha256().hashString(TextFormat.printer().printToString(header.getScenario()),
            UTF_8).toString().substring(0, 16));
    lines.add("settings " + settings(replayed.settings()));
    lines.add("records " + replayed.recording().records().size() + " ("
        + replayed.recording().totalBytes() + " bytes)");
    for (RecordingEntry entry : replayed.recording().records()) {
      lines.add(record(entry, created));
    }
    replayed.problem().ifPresentOrElse(p -> lines.add("problem " + p),
        () -> lines.add("replayed " + replayed.replay().steps().size() + " records"));
    lines.add("result " + replayed.last().result().map(RecordingText::result)
        .orElse("none: the game is " + replayed.last().phase().name().toLowerCase(Locale.ROOT)
            .replace('_', ' ')));
    return String.join("\n", lines) + "\n";
  }

  /** One record's line: number, time, actor (or {@code host}) and what happened. */
  static String record(RecordingEntry entry, Instant created) {
    String prefix = String.format(Locale.ROOT, "%4d %s %s", entry.getSeq(),
        offset(created, Instant.ofEpochMilli(entry.getAtMillis())),
        entry.getRole().isEmpty() ? "host" : entry.getRole());
    Recorded recorded;
    try {
      recorded = EventCodec.fromEntry(entry);
    } catch (IllegalArgumentException e) {
      return prefix + ": cannot be decoded (" + e.getMessage() + ")";
    }
    return prefix + ": " + event(recorded.event(), recorded.at(), created);
  }

  /** One event in words; times relative to the game's creation, deadlines to {@code at}. */
  static String event(Event event, Instant at, Instant created) {
    if (event instanceof Event.SeatTaken e) {
      return "seat " + e.role() + " taken by " + quote(e.displayName())
          + e.bot().map(b -> " (bot " + b + ")").orElse("")
          + ", token " + e.tokenHash().toString().substring(0, 16);
    } else if (event instanceof Event.GameStarted e) {
      return "game started at " + offset(created, e.at());
    } else if (event instanceof Event.OfferMade e) {
      return e.role() + " offers " + pkg(e.pkg());
    } else if (event instanceof Event.ChatPosted e) {
      return e.role() + " says " + quote(e.text());
    } else if (event instanceof Event.TurnTimedOut e) {
      return e.role() + "'s turn timed out";
    } else if (event instanceof Event.TurnChanged e) {
      return "turn " + e.turn() + " (round " + e.round() + "): " + e.role() + " to move, "
          + e.deadline().map(d -> "deadline " + offset(at, d)).orElse("untimed");
    } else if (event instanceof Event.ClockRestarted e) {
      return "clock restarted, deadline " + offset(at, e.deadline());
    } else if (event instanceof Event.NewsArrived e) {
      return "news " + e.newsId() + " arrived";
    } else if (event instanceof Event.GameEnded e) {
      return "game ended: " + result(e.result());
    }
    throw new AssertionError(event);
  }

  /** A result in words, e.g. {@code agreement accepted by russia on ...; scores japan 61, russia 58}. */
  static String result(Result result) {
    String how;
    switch (result.outcome()) {
      case AGREEMENT:
        how = "agreement accepted by " + result.endedBy().orElse("?") + " on "
            + pkg(result.agreed().orElseThrow());
        break;
      case WALK_OUT:
        how = "walk-out by " + result.endedBy().orElse("?");
        break;
      case DEADLINE:
        how = "deadline passed with no agreement";
        break;
      default:
        throw new AssertionError(result.outcome());
    }
    return how + "; scores " + result.scores().entrySet().stream()
        .map(s -> s.getKey() + " " + s.getValue()).collect(Collectors.joining(", "));
  }

  private static String scenario(Scenario s) {
    return s.id() + " " + quote(s.title()) + " (roles "
        + s.roles().stream().map(r -> r.id()).collect(Collectors.joining(", ")) + "; "
        + s.issues().size() + " issues; news " + s.news().stream()
            .map(n -> n.id() + " in round " + n.round()).collect(Collectors.joining(", "))
        + ")";
  }

  private static String settings(GameSettings settings) {
    return settings.rounds() + " rounds, " + settings.turnLimit()
        .map(d -> "turns of " + seconds(d)).orElse("untimed turns");
  }

  private static String pkg(Package pkg) {
    // Sorted by issue, so the same package reads the same whatever order it was given in.
    return pkg.choices().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining(" "));
  }

  private static String offset(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return (d.isNegative() ? "-" : "+") + seconds(d.abs());
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%d.%03ds", d.getSeconds(), d.toMillisPart());
  }

  /** Quotes with Java escapes, so control characters and line breaks stay visible on one line. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    text.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
          || Character.getType(cp) == Character.LINE_SEPARATOR
          || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.append('"').toString();
  }
}
