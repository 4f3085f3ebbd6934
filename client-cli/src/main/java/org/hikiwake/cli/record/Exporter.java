package org.hikiwake.cli.record;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.cli.text.EventText;
import org.hikiwake.codec.export.GameExports;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.Viewer;

/** Writes a replayed recording as JSON, CSV (one row per move) or a Markdown transcript. Pure. */
public final class Exporter {
  /** The export formats. */
  public enum Format { JSON, CSV, MD }

  /** Every field, zero values too, so every game's document has the same shape. */
  private static final JsonFormat.Printer JSON = JsonFormat.printer()
      .preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence();

  private Exporter() {}

  public static String export(ReplayedRecording g, Format format) {
    switch (format) {
      case JSON:
        return json(g);
      case CSV:
        return csv(g);
      case MD:
        return markdown(g);
      default:
        throw new AssertionError(format);
    }
  }

  // ------------------------------------------------------------------ JSON

  /**
   * The whole record as a hikiwake.export.v1.GameExport in protobuf's JSON
   * mapping: header, settings, every event with both sides' points, result,
   * analysis and whether the file was sound.
   */
  public static String json(ReplayedRecording g) {
    try {
      return JSON.print(GameExports.of(g)) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print the export as JSON", e);
    }
  }

  // ------------------------------------------------------------------- CSV

  /**
   * One row per move (offer, accept, walk-away, deadline, time-out): sequence
   * number, time, round, role, move, the option of every issue, and both
   * sides' points for the package (the reservation values when the game ends
   * without agreement).
   */
  public static String csv(ReplayedRecording g) {
    Scenario s = g.scenario();
    StringBuilder b = new StringBuilder();
    List<String> head = new ArrayList<>(List.of("seq", "at", "round", "role", "move"));
    for (Issue i : s.issues()) {
      head.add(i.id());
    }
    for (Role r : s.roles()) {
      head.add(r.id() + "_points");
    }
    row(b, head);
    for (Replay.Step step : g.replay().steps()) {
      Event e = step.recorded().event();
      String move;
      String role;
      Optional<Package> pkg = Optional.empty();
      List<String> pts = new ArrayList<>();
      if (e instanceof Event.OfferMade o) {
        move = "offer";
        role = o.role();
        pkg = Optional.of(o.pkg());
        for (Role r : s.roles()) {
          pts.add(Integer.toString(step.after().pointsOf(r.id()).score(o.pkg())));
        }
      } else if (e instanceof Event.GameEnded ended) {
        Result r = ended.result();
        role = r.endedBy().orElse("");
        switch (r.outcome()) {
          case AGREEMENT:
            move = "accept";
            break;
          case WALK_OUT:
            move = "walkaway";
            break;
          case ABANDONED:
            move = "abandoned";
            break;
          default:
            move = "deadline";
            break;
        }
        pkg = r.agreed();
        for (Role ro : s.roles()) {
          pts.add(String.valueOf(r.scores().getOrDefault(ro.id(), 0)));
        }
      } else if (e instanceof Event.TurnTimedOut t) {
        move = "timeout";
        role = t.role();
      } else {
        continue;
      }
      List<String> cells = new ArrayList<>();
      cells.add(Long.toString(step.recorded().seq()));
      cells.add(step.recorded().at().toString());
      cells.add(Integer.toString(step.before().round()));
      cells.add(role);
      cells.add(move);
      for (Issue i : s.issues()) {
        cells.add(pkg.flatMap(p -> p.option(i.id())).orElse(""));
      }
      if (pts.isEmpty()) {
        for (int k = 0; k < s.roles().size(); k++) {
          pts.add("");
        }
      }
      cells.addAll(pts);
      row(b, cells);
    }
    return b.toString();
  }

  private static void row(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(csvCell(cells.get(i)));
    }
    b.append("\r\n");
  }

  static String csvCell(String s) {
    String cell = s;
    // Spreadsheets run cells that start like a formula; a quote mark keeps them text.
    if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) {
      cell = "'" + cell;
    }
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }

  // -------------------------------------------------------------- Markdown

  /**
   * A readable transcript: the header, every event with both sides' points
   * (the replay's own text, seen by an umpire), then the outcome and the debrief.
   */
  public static String markdown(ReplayedRecording g) {
    ViewedReplay r = ViewedReplay.of(g, Viewer.umpire());
    StringBuilder b = new StringBuilder();
    List<String> header = ReplayText.header(r);
    b.append("# ").append(md(header.get(0))).append("\n\n");
    for (int i = 1; i < header.size(); i++) {
      b.append("- ").append(md(header.get(i))).append('\n');
    }
    if (!g.isSound()) {
      b.append("- **The recording is damaged:** ").append(md(g.problem().orElse("")))
          .append(". Only ").append(g.readableSummary()).append(" could be read.\n");
    }
    b.append("\n## Transcript\n\n```text\n");
    List<String> ending = new ArrayList<>();
    for (ViewedReplay.Step step : r.steps()) {
      if (ReplayText.isEnd(step)) {
        ending.addAll(EventText.lines(step.after(), step.sighting()));
        continue;
      }
      for (String l : ReplayText.step(r, step)) {
        b.append(fenced(l)).append('\n');
      }
    }
    ending.addAll(ReplayText.ending(r));
    b.append("```\n\n## Outcome and analysis\n\n```text\n");
    for (String l : ending) {
      if (!l.isEmpty()) {
        b.append(fenced(l)).append('\n');
      }
    }
    b.append("```\n");
    return b.toString();
  }

  /** Text safe inside a fenced block: it cannot close the fence. */
  private static String fenced(String l) {
    return l.replace("```", "'''");
  }

  /** Text safe in a Markdown list item. */
  private static String md(String l) {
    return l.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
        .replace("<", "&lt;");
  }
}
