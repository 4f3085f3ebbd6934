package org.hikiwake.cli.record;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.proto.recording.RecordingEntry;

/** Writes a replayed recording as JSON, CSV (one row per move) or a Markdown transcript. Pure. */
public final class Exporter {
  /** The export formats. */
  public enum Format { JSON, CSV, MD }

  private static final JsonFormat.Printer PROTO_JSON = JsonFormat.printer()
      .omittingInsignificantWhitespace().preservingProtoFieldNames();

  private Exporter() {}

  public static String export(LoadedGame g, Format format) {
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

  /** The whole record: header, settings, every event with both sides' points, result, analysis. */
  public static String json(LoadedGame g) {
    Scenario s = g.scenario();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("game_code", g.header().getGameCode());
    root.put("scenario_id", s.id());
    root.put("scenario_title", s.title());
    root.put("created_at", Instant.ofEpochMilli(g.header().getCreatedAtMillis()).toString());
    root.put("server_version", g.header().getServerVersion());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("rounds", g.settings().rounds());
    settings.put("turn_limit_millis", g.settings().turnLimit().map(d -> d.toMillis()).orElse(0L));
    root.put("settings", settings);
    List<Object> roles = new ArrayList<>();
    for (Role r : s.roles()) {
      Map<String, Object> role = new LinkedHashMap<>();
      role.put("id", r.id());
      role.put("name", r.name());
      role.put("reservation_value", r.reservationValue());
      roles.add(role);
    }
    root.put("roles", roles);
    List<Object> events = new ArrayList<>();
    for (LoadedGame.Step step : g.steps()) {
      RecordingEntry r = step.record();
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("seq", r.getSeq());
      e.put("at", Instant.ofEpochMilli(r.getAtMillis()).toString());
      e.put("role", r.getRole());
      e.put("round", step.before().round());
      if (r.hasSeatTaken()) {
        e.put("kind", "seat_taken");
        e.put("event", raw(r.getSeatTaken().toBuilder().clearTokenSha256()));
      } else {
        e.put("kind", r.getEvent().getKindCase().name().toLowerCase(Locale.ROOT));
        e.put("event", raw(r.getEvent()));
        step.event().ifPresent(ev -> {
          if (ev instanceof Event.OfferMade o) {
            e.put("points", points(s, step.after(), o.pkg()));
          }
        });
      }
      events.add(e);
    }
    root.put("events", events);
    GameState last = g.last();
    Map<String, Object> result = new LinkedHashMap<>();
    if (last.result().isPresent()) {
      Result r = last.result().get();
      result.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
      result.put("ended_by", r.endedBy().orElse(null));
      Map<String, Object> scores = new LinkedHashMap<>();
      for (Role role : s.roles()) {
        scores.put(role.id(), r.scores().get(role.id()));
      }
      result.put("scores", scores);
      result.put("agreed", r.agreed().map(Exporter::packageMap).orElse(null));
    } else {
      result.put("outcome", "unfinished");
    }
    root.put("result", result);
    root.put("analysis", analysis(g));
    Map<String, Object> readable = new LinkedHashMap<>();
    readable.put("complete", g.isSound());
    readable.put("problem", g.problem().orElse(null));
    readable.put("good_bytes", g.goodBytes());
    readable.put("total_bytes", g.totalBytes());
    root.put("file", readable);
    return Json.write(root);
  }

  private static Map<String, Object> analysis(LoadedGame g) {
    Scenario s = g.scenario();
    GameState last = g.last();
    Analysis a = Analysis.of(s, last.pointsInForce());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("package_count", Analysis.packageCount(s));
    out.put("zopa_size", a.zopaSize());
    out.put("frontier_size", a.frontier().size());
    out.put("nash", a.nash().map(p -> analysed(s, p)).orElse(null));
    out.put("kalai_smorodinsky", a.kalaiSmorodinsky().map(p -> analysed(s, p)).orElse(null));
    last.result().flatMap(Result::agreed).ifPresent(p -> {
      Assessment as = a.assess(p);
      Map<String, Object> agreed = new LinkedHashMap<>();
      agreed.put("dominated", as.dominated());
      agreed.put("distance_to_frontier", as.distanceToFrontier());
      agreed.put("joint_gain_left", as.jointGainLeft());
      out.put("agreed", agreed);
    });
    return out;
  }

  private static Map<String, Object> analysed(Scenario s, Point p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("package", packageMap(p.pkg()));
    Map<String, Object> pts = new LinkedHashMap<>();
    pts.put(s.roles().get(0).id(), p.first());
    pts.put(s.roles().get(1).id(), p.second());
    out.put("points", pts);
    return out;
  }

  private static Map<String, Object> packageMap(Package p) {
    return new LinkedHashMap<>(p.choices());
  }

  private static Map<String, Object> points(Scenario s, GameState state, Package p) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Role r : s.roles()) {
      out.put(r.id(), state.pointsOf(r.id()).score(p));
    }
    return out;
  }

  private static Json.Raw raw(MessageOrBuilder message) {
    try {
      return new Json.Raw(PROTO_JSON.print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print a record as JSON", e);
    }
  }

  // ------------------------------------------------------------------- CSV

  /**
   * One row per move (offer, accept, walk-away, deadline, time-out): sequence
   * number, time, round, role, move, the option of every issue, and both
   * sides' points for the package (the reservation values when the game ends
   * without agreement).
   */
  public static String csv(LoadedGame g) {
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
    for (LoadedGame.Step step : g.steps()) {
      if (step.event().isEmpty()) {
        continue;
      }
      Event e = step.event().get();
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
      cells.add(Long.toString(step.record().getSeq()));
      cells.add(Instant.ofEpochMilli(step.record().getAtMillis()).toString());
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

  /** A readable transcript: header, every record with both sides' points, the ending. */
  public static String markdown(LoadedGame g) {
    Scenario s = g.scenario();
    Set<String> all = Set.copyOf(s.points().keySet());
    StringBuilder b = new StringBuilder();
    List<String> header = ReplayRenderer.header(g);
    b.append("# ").append(md(header.get(0))).append("\n\n");
    for (int i = 1; i < header.size(); i++) {
      b.append("- ").append(md(header.get(i))).append('\n');
    }
    if (!g.isSound()) {
      b.append("- **The recording is damaged:** ").append(md(g.problem().orElse("")))
          .append(". Only ").append(g.readableSummary()).append(" could be read.\n");
    }
    b.append("\n## Transcript\n\n```text\n");
    for (LoadedGame.Step step : g.steps()) {
      for (String l : ReplayRenderer.step(g, step, all)) {
        b.append(fenced(l)).append('\n');
      }
    }
    b.append("```\n\n## Outcome and analysis\n\n```text\n");
    for (String l : ReplayRenderer.ending(g)) {
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
