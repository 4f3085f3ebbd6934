package org.hikiwake.server.classroom;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.classroom.GameReport;
import org.hikiwake.engine.classroom.Player;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.scenario.PublicScenario;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A class's debrief as files an instructor can open or project: one CSV row
 * per game, the whole class on the plane of the two roles' points (SVG and
 * PNG), and a short Markdown summary. Who "won" is read within each role:
 * raw points favour one side in most packages of a scenario, so a student is
 * compared with the other players of the same role, by their share of the
 * gain they could have had over their reservation value.
 */
public final class DebriefFiles {
  /** The picture's size in pixels. */
  static final int WIDTH = 1200;
  static final int HEIGHT = 900;

  private DebriefFiles() {}

  /** A file to hand out. */
  public record File(String name, String mediaType, byte[] content) {
    public File {
      checkNotNull(name, "name");
      checkNotNull(mediaType, "mediaType");
      checkNotNull(content, "content");
    }

    /** The content as text, for the text files. */
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /**
   * One game of the class: its report and who played it.
   *
   * @param number the game's place in the class, from 1 ("Pair 3")
   * @param players who played each role
   */
  public record Row(int number, GameReport report, ImmutableMap<String, Player> players) {}

  /** Every debrief file of a class. */
  public static ImmutableList<File> of(String classCode, PublicScenario scenario,
      List<Row> rows) {
    JFreeChart chart = chart(classCode, scenario, rows);
    return ImmutableList.of(
        new File("class.csv", "text/csv; charset=utf-8", csv(scenario, rows)
            .getBytes(StandardCharsets.UTF_8)),
        new File("class.svg", "image/svg+xml", svg(chart).getBytes(StandardCharsets.UTF_8)),
        new File("class.png", "image/png", png(chart)),
        new File("summary.md", "text/markdown; charset=utf-8",
            summary(classCode, scenario, rows).getBytes(StandardCharsets.UTF_8)));
  }

  // ---------------------------------------------------------------- CSV

  /** One row per game; columns named after the scenario's roles. */
  static String csv(PublicScenario scenario, List<Row> rows) {
    List<String> roles = scenario.roles().stream().map(PublicScenario.RoleName::id).toList();
    List<String> head = new ArrayList<>(List.of("pair", "game", "state"));
    for (String r : roles) {
      head.add(r + "_player");
    }
    for (String r : roles) {
      head.addAll(List.of(r + "_score", r + "_reservation_value", r + "_share_of_gain"));
    }
    head.addAll(List.of("joint_points", "distance_to_frontier", "joint_left", "rounds_used"));
    for (String r : roles) {
      head.addAll(List.of(r + "_offers", r + "_first_offer_points", r + "_concession_curve",
          r + "_concession_after_news"));
    }
    StringBuilder b = new StringBuilder();
    line(b, head);
    for (Row row : rows) {
      GameReport g = row.report();
      List<String> cells = new ArrayList<>(List.of(Integer.toString(row.number()), g.gameCode(),
          state(g)));
      for (String r : roles) {
        cells.add(Optional.ofNullable(row.players().get(r)).map(Player::displayName).orElse(""));
      }
      int joint = 0;
      for (GameReport.RoleReport rr : g.roles()) {
        cells.add(Integer.toString(rr.score()));
        cells.add(Integer.toString(rr.reservationValue()));
        cells.add(String.format(Locale.ROOT, "%.3f", rr.shareOfGain()));
        joint += rr.score();
      }
      cells.add(Integer.toString(joint));
      cells.add(g.agreement().map(a -> String.format(Locale.ROOT, "%.2f",
          a.distanceToFrontier())).orElse(""));
      cells.add(Integer.toString(g.jointLeft()));
      cells.add(Integer.toString(g.roundsUsed()));
      for (GameReport.RoleReport rr : g.roles()) {
        cells.add(Integer.toString(rr.offers().size()));
        cells.add(rr.firstOffer().map(String::valueOf).orElse(""));
        cells.add(String.join(";", rr.offers().stream().map(String::valueOf).toList()));
        List<String> news = new ArrayList<>();
        rr.afterNews().forEach((id, d) -> news.add(id + ":" + d));
        cells.add(String.join(";", news));
      }
      line(b, cells);
    }
    return b.toString();
  }

  static String state(GameReport g) {
    if (!g.finished()) {
      return "running";
    }
    Outcome o = g.result().orElseThrow().outcome();
    switch (o) {
      case AGREEMENT:
        return "agreement";
      case WALK_OUT:
        return "walk-out";
      case DEADLINE:
        return "deadline";
      case ABANDONED:
        return "abandoned";
      default:
        throw new AssertionError(o);
    }
  }

  private static void line(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(cell(cells.get(i)));
    }
    b.append("\r\n");
  }

  /** A CSV cell: quoted when needed, and kept text in spreadsheets that run formulas. */
  static String cell(String s) {
    String c = s;
    if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+(\\.\\d+)?")) {
      c = "'" + c;
    }
    if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
      return "\"" + c.replace("\"", "\"\"") + "\"";
    }
    return c;
  }

  // -------------------------------------------------------------- the picture

  /**
   * The class on the plane of the first role's points (x) against the
   * second's (y): the Pareto frontier and both reservation lines under the
   * points in force at the end of most games, the Nash and
   * Kalai-Smorodinsky packages, and every game's outcome, labelled. Games
   * without an agreement sit at the reservation point, drawn as crosses and
   * named in one label.
   */
  static JFreeChart chart(String classCode, PublicScenario scenario, List<Row> rows) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    String first = scenario.roles().get(0).name();
    String second = scenario.roles().get(1).name();
    XYSeriesCollection data = new XYSeriesCollection();
    Optional<GameReport> reference = reference(rows);
    XYSeries frontier = new XYSeries("Pareto frontier", false);
    XYSeries bargains = new XYSeries("Nash / Kalai-Smorodinsky");
    reference.ifPresent(g -> {
      for (Point p : g.debrief().frontier()) {
        frontier.add(p.first(), p.second());
      }
      g.debrief().nash().ifPresent(p -> bargains.add(p.first(), p.second()));
      g.debrief().kalaiSmorodinsky().ifPresent(p -> bargains.add(p.first(), p.second()));
    });
    XYSeries deals = new XYSeries("Agreement", false);
    XYSeries noDeal = new XYSeries("No agreement (walk-out, deadline, abandoned)", false);
    XYSeries running = new XYSeries("Still running (offer on the table)", false);
    // the ways of ending without a deal share the reservation point, so the label tells them apart
    Map<String, List<String>> noDealNames = new LinkedHashMap<>();
    List<XYTextAnnotation> labels = new ArrayList<>();
    Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    for (Row row : rows) {
      GameReport g = row.report();
      int x = g.roles().get(0).score();
      int y = g.roles().get(1).score();
      String label = "Pair " + row.number();
      if (!g.finished()) {
        running.add(x, y);
      } else if (g.result().orElseThrow().outcome() == Outcome.AGREEMENT) {
        deals.add(x, y);
      } else {
        noDeal.add(x, y);
        noDealNames.computeIfAbsent(noDealKind(g.result().orElseThrow().outcome()),
            k -> new ArrayList<>()).add(label);
        continue;
      }
      XYTextAnnotation a = new XYTextAnnotation(label, x + 0.8, y + 0.8);
      a.setFont(labelFont);
      a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
      labels.add(a);
    }
    data.addSeries(frontier);
    data.addSeries(bargains);
    data.addSeries(deals);
    data.addSeries(noDeal);
    data.addSeries(running);
    NumberAxis xAxis = new NumberAxis(first + "'s points");
    NumberAxis yAxis = new NumberAxis(second + "'s points");
    xAxis.setAutoRangeIncludesZero(false);
    yAxis.setAutoRangeIncludesZero(false);
    // read from the back of a classroom: larger than JFreeChart's defaults
    for (NumberAxis axis : List.of(xAxis, yAxis)) {
      axis.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
      axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesLinesVisible(0, true);
    renderer.setSeriesShapesVisible(0, false);
    renderer.setSeriesPaint(0, new Color(0x55, 0x55, 0x55));
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesLinesVisible(1, false);
    renderer.setSeriesShape(1, new Rectangle2D.Double(-10, -10, 20, 20));
    renderer.setSeriesShapesFilled(1, false);
    renderer.setSeriesOutlineStroke(1, new BasicStroke(2.5f));
    renderer.setUseOutlinePaint(false);
    renderer.setSeriesStroke(1, new BasicStroke(2.5f));
    renderer.setSeriesPaint(1, new Color(0x1f, 0x77, 0xb4));
    renderer.setSeriesLinesVisible(2, false);
    renderer.setSeriesShape(2, new Ellipse2D.Double(-7, -7, 14, 14));
    renderer.setSeriesPaint(2, new Color(0x2c, 0xa0, 0x2c));
    renderer.setSeriesLinesVisible(3, false);
    renderer.setSeriesShape(3, cross());
    renderer.setSeriesPaint(3, new Color(0xd6, 0x27, 0x28));
    renderer.setSeriesLinesVisible(4, false);
    renderer.setSeriesShape(4, new Ellipse2D.Double(-5, -5, 10, 10));
    renderer.setSeriesPaint(4, new Color(0xff, 0x7f, 0x0e));
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    reference.ifPresent(g -> {
      ValueMarker firstLine = reservationMarker(g.roles().get(0).reservationValue(),
          first + "'s reservation value");
      firstLine.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      firstLine.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(firstLine);
      ValueMarker secondLine = reservationMarker(g.roles().get(1).reservationValue(),
          second + "'s reservation value");
      secondLine.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      secondLine.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
      plot.addRangeMarker(secondLine);
      if (!noDealNames.isEmpty()) {
        List<String> kinds = new ArrayList<>();
        noDealNames.forEach((kind, names) -> kinds.add(kind + ": " + String.join(", ", names)));
        XYTextAnnotation a = new XYTextAnnotation("No deal (" + String.join("; ", kinds) + ")",
            g.roles().get(0).reservationValue() + 0.8, g.roles().get(1).reservationValue() - 0.8);
        a.setFont(labelFont);
        a.setPaint(new Color(0xd6, 0x27, 0x28));
        a.setTextAnchor(TextAnchor.TOP_LEFT);
        labels.add(a);
      }
    });
    labels.forEach(plot::addAnnotation);
    JFreeChart chart = new JFreeChart("Class " + classCode + ": " + scenario.title(),
        new Font(Font.SANS_SERIF, Font.BOLD, 20), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static String noDealKind(Outcome outcome) {
    switch (outcome) {
      case WALK_OUT:
        return "walk-out";
      case DEADLINE:
        return "deadline";
      case ABANDONED:
        return "abandoned";
      default:
        return outcome.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The game whose end points most games share, to draw the frontier under. */
  private static Optional<GameReport> reference(List<Row> rows) {
    Map<List<Point>, Integer> counts = new LinkedHashMap<>();
    Map<List<Point>, GameReport> example = new LinkedHashMap<>();
    for (Row r : rows) {
      List<Point> f = r.report().debrief().frontier();
      counts.merge(f, 1, Integer::sum);
      example.putIfAbsent(f, r.report());
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(e -> example.get(e.getKey()));
  }

  private static ValueMarker reservationMarker(int value, String label) {
    ValueMarker m = new ValueMarker(value, new Color(0x99, 0x99, 0x99),
        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
            new float[] {6f, 4f}, 0f));
    m.setLabel(label);
    m.setLabelFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
    return m;
  }

  private static java.awt.Shape cross() {
    java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
    p.moveTo(-7, -7);
    p.lineTo(7, 7);
    p.moveTo(-7, 7);
    p.lineTo(7, -7);
    return new BasicStroke(3f).createStrokedShape(p);
  }

  /**
   * The picture as an SVG document: JFreeSVG's, with a viewBox added so that
   * the dashboard, which shows this very file inline, can scale it to its page.
   */
  static String svg(JFreeChart chart) {
    SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
    chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\""
        + " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
        + g2.getSVGElement(null, true, new ViewBox(0, 0, WIDTH, HEIGHT), null, null) + "\n";
  }

  static byte[] png(JFreeChart chart) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("drawing the class picture failed", e);
    }
  }

  // -------------------------------------------------------------- summary

  /** A short Markdown summary an instructor can project. */
  static String summary(String classCode, PublicScenario scenario, List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append("# Class ").append(classCode).append(": ").append(md(scenario.title()))
        .append("\n\n");
    List<Row> finished = rows.stream().filter(r -> r.report().finished()).toList();
    List<Row> deals = finished.stream().filter(r -> r.report().result().orElseThrow().outcome()
        == Outcome.AGREEMENT).toList();
    b.append("- Games: ").append(rows.size()).append(" (").append(finished.size())
        .append(" finished").append(rows.size() > finished.size()
            ? ", " + (rows.size() - finished.size()) + " still running" : "").append(")\n");
    b.append("- Deals reached: ").append(deals.size()).append(" of ").append(finished.size())
        .append('\n');
    int left = finished.stream().mapToInt(r -> r.report().jointLeft()).sum();
    b.append("- Joint points left on the table across the class: ").append(left)
        .append(" (what better deals, or a deal at all, would have added for both sides"
            + " together)\n");
    deals.stream().max(Comparator.comparingInt(r -> joint(r.report()))).ifPresent(r ->
        b.append("- Best deal (most joint points): Pair ").append(r.number()).append(", ")
            .append(scores(scenario, r.report())).append('\n'));
    deals.stream().max(Comparator.comparingDouble(r -> Math.abs(
        r.report().roles().get(0).shareOfGain() - r.report().roles().get(1).shareOfGain())))
        .ifPresent(r -> b.append("- Most lopsided deal (largest gap between the two sides'"
            + " shares of their possible gain): Pair ").append(r.number()).append(", ")
            .append(shares(scenario, r.report())).append('\n'));
    b.append("\nRaw points are not comparable across roles: each side is compared with the"
        + " other players of its own role, by its share of the gain it could have had over"
        + " its reservation value (1.00 is its best deal, 0 is no deal).\n");
    for (int i = 0; i < scenario.roles().size(); i++) {
      PublicScenario.RoleName role = scenario.roles().get(i);
      int index = i;
      b.append("\n## ").append(md(role.name())).append(", within the role\n\n");
      b.append("| pair | player | outcome | score | share of gain | offers | first offer |"
          + " concessions |\n|---|---|---|---|---|---|---|---|\n");
      List<Row> ranked = new ArrayList<>(rows);
      ranked.sort(Comparator.comparingDouble(
          (Row r) -> -r.report().roles().get(index).shareOfGain()));
      for (Row r : ranked) {
        GameReport.RoleReport rr = r.report().roles().get(index);
        b.append("| ").append(r.number()).append(" | ")
            .append(md(Optional.ofNullable(r.players().get(role.id())).map(Player::displayName)
                .orElse("")))
            .append(" | ").append(state(r.report())).append(" | ").append(rr.score())
            .append(" | ").append(String.format(Locale.ROOT, "%.2f", rr.shareOfGain()))
            .append(" | ").append(rr.offers().size()).append(" | ")
            .append(rr.firstOffer().map(String::valueOf).orElse("-")).append(" | ")
            .append(rr.offers().isEmpty() ? "-" : String.join(" → ",
                rr.offers().stream().map(String::valueOf).toList()))
            .append(" |\n");
      }
      double mean = finished.stream().mapToDouble(r -> r.report().roles().get(index)
          .shareOfGain()).average().orElse(0);
      b.append("\nMean share of gain for ").append(md(role.name())).append(": ")
          .append(String.format(Locale.ROOT, "%.2f", mean)).append('\n');
    }
    b.append("\n## What to ask\n\n"
        + "- Which pairs found trades (an issue one side cares about more than the other)?\n"
        + "- Who made the first offer, how ambitious was it, and did it anchor the deal?\n"
        + "- How did each side react to the news? Who conceded, and who used it?\n"
        + "- Where no deal was reached, was there a package both would have preferred?\n");
    return b.toString();
  }

  private static int joint(GameReport g) {
    return g.roles().stream().mapToInt(GameReport.RoleReport::score).sum();
  }

  private static String scores(PublicScenario scenario, GameReport g) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < g.roles().size(); i++) {
      parts.add(md(scenario.roles().get(i).name()) + " " + g.roles().get(i).score());
    }
    return String.join(", ", parts) + " (joint " + joint(g) + ")";
  }

  private static String shares(PublicScenario scenario, GameReport g) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < g.roles().size(); i++) {
      parts.add(md(scenario.roles().get(i).name()) + String.format(Locale.ROOT, " %.2f",
          g.roles().get(i).shareOfGain()));
    }
    return String.join(", ", parts);
  }

  private static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
        .replace("`", "\\`").replace("<", "&lt;");
  }
}
