package org.hikiwake.bench;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.bot.Level;
import org.hikiwake.engine.bot.Tournament;
import org.hikiwake.engine.bot.Tournament.Entrant;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;

/**
 * Whether the bot ladder is a property of the levels rather than of one
 * table: the round robin of {@link BotTournament} on perturbed copies of the
 * built-in japan-russia-2013 scenario and on generated scenarios, counting
 * where easy < medium < hard holds in each role.
 *
 * <p>Run: {@code java -cp ... org.hikiwake.bench.BotLadderRobustness [scenarios] [seeds]}
 * (default 20 of each kind, 10 seeds); see bench/RESULTS.md.
 */
public final class BotLadderRobustness {
  private static final String BUILT_IN = "japan-russia-2013";

  private BotLadderRobustness() {}

  public static void main(String[] args) throws ScenarioException, IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String text = builtInText();
    List<Scenario> perturbed = new ArrayList<>();
    List<Scenario> generated = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      perturbed.add(perturbed(text, i));
      generated.add(generated(i));
    }
    report("japan-russia-2013 perturbed", perturbed, seeds);
    report("generated", generated, seeds);
  }

  private static void report(String suite, List<Scenario> scenarios, int seeds) {
    ImmutableList<Entrant> entrants = BotTournament.entrants();
    int all = 0;
    int[] holds = new int[4];
    for (Scenario scenario : scenarios) {
      ImmutableList<Tournament.Game> games =
          Tournament.roundRobin(scenario, entrants, 20131102L, seeds);
      boolean every = true;
      StringBuilder line = new StringBuilder(String.format("  %-22s", scenario.id()));
      for (int r = 0; r < 2; r++) {
        String role = scenario.roles().get(r).id();
        double easy = Tournament.meanScore(games, Level.EASY.id(), role);
        double medium = Tournament.meanScore(games, Level.MEDIUM.id(), role);
        double hard = Tournament.meanScore(games, Level.HARD.id(), role);
        line.append(String.format("  %s %.1f %.1f %.1f", role, easy, medium, hard));
        holds[r] += easy < medium ? 1 : 0;
        holds[2 + r] += medium < hard ? 1 : 0;
        every &= easy < medium && medium < hard;
      }
      all += every ? 1 : 0;
      System.out.println(line.append(every ? "" : "   (ladder broken)"));
    }
    System.out.printf("%s: ladder holds in %d of %d; easy < medium first %d, second %d;"
            + " medium < hard first %d, second %d%n%n", suite, all, scenarios.size(), holds[0],
        holds[1], holds[2], holds[3]);
  }

  private static String builtInText() throws IOException {
    String resource = ScenarioLoader.CLASSPATH_FOLDER + BUILT_IN + ScenarioLoader.EXTENSION;
    try (InputStream in = BotLadderRobustness.class.getClassLoader()
        .getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The built-in scenario with every option's points but each issue's best
   * moved by up to 3 (staying below that best), reservation values by up to 3
   * and news deltas by up to 1.
   */
  static Scenario perturbed(String text, long seed) throws ScenarioException {
    Scenario base = ScenarioLoader.fromText(text, BUILT_IN);
    Random random = new Random(seed);
    Pattern points = Pattern.compile("points \\{ role: \"(\\w+)\" value: (\\d+) \\}");
    StringBuilder out = new StringBuilder();
    String issue = null;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("  id: ")) {
        issue = line.trim().substring(5, line.trim().length() - 1);
      }
      Matcher m = points.matcher(line);
      if (m.find() && issue != null) {
        int value = Integer.parseInt(m.group(2));
        int best = base.pointsOf(m.group(1)).best(issue);
        int moved = value == best ? value
            : Math.max(0, Math.min(best - 1, value + random.nextInt(7) - 3));
        line = line.replace("value: " + value + " }", "value: " + moved + " }");
      }
      line = shift(line, "reservation_value: ", 3, random);
      line = shift(line, "delta: ", 1, random);
      out.append(line).append('\n');
    }
    return ScenarioLoader.fromText(out.toString()
        .replace("id: \"" + BUILT_IN + "\"", "id: \"" + BUILT_IN + "-" + seed + "\""), BUILT_IN);
  }

  private static String shift(String line, String key, int most, Random random) {
    Matcher m = Pattern.compile(key + "(-?\\d+)").matcher(line);
    if (!m.find()) {
      return line;
    }
    int value = Integer.parseInt(m.group(1));
    return line.replace(key + value, key + (value + random.nextInt(2 * most + 1) - most));
  }

  /**
   * A scenario of 4 to 6 issues of 3 to 5 options: most issues opposed, some
   * shared, some mixed; random weights with each role's best package worth
   * 100; reservation values below a frontier package, so a zone of agreement
   * exists; 4 to 8 rounds and 0 to 3 news items of random point changes.
   */
  static Scenario generated(long seed) throws ScenarioException {
    Random random = new Random(seed);
    int n = 4 + random.nextInt(3);
    int[] sizes = new int[n];
    int[][][] points = new int[2][n][];
    double[][][] shapes = new double[2][n][];
    for (int i = 0; i < n; i++) {
      sizes[i] = 3 + random.nextInt(3);
      double[] mine = ramp(sizes[i], random);
      double[] theirs = ramp(sizes[i], random);
      double kind = random.nextDouble();
      if (kind < 0.65) {
        for (int o = 0; o < sizes[i] / 2; o++) {
          double swap = theirs[o];
          theirs[o] = theirs[sizes[i] - 1 - o];
          theirs[sizes[i] - 1 - o] = swap;
        }
      } else if (kind >= 0.85) {
        List<Double> shuffled = new ArrayList<>();
        Arrays.stream(theirs).forEach(shuffled::add);
        java.util.Collections.shuffle(shuffled, random);
        theirs = shuffled.stream().mapToDouble(Double::doubleValue).toArray();
      }
      shapes[0][i] = mine;
      shapes[1][i] = theirs;
    }
    for (int role = 0; role < 2; role++) {
      double[] weights = new double[n];
      double total = 0;
      for (int i = 0; i < n; i++) {
        weights[i] = -Math.log(1 - random.nextDouble()) + 0.2;
        total += weights[i];
      }
      int[] tops = new int[n];
      int sum = 0;
      int biggest = 0;
      for (int i = 0; i < n; i++) {
        tops[i] = Math.max(2, (int) Math.round(100 * weights[i] / total));
        sum += tops[i];
        biggest = tops[i] > tops[biggest] ? i : biggest;
      }
      tops[biggest] += 100 - sum;
      for (int i = 0; i < n; i++) {
        points[role][i] = new int[sizes[i]];
        for (int o = 0; o < sizes[i]; o++) {
          points[role][i][o] = (int) Math.round(tops[i] * shapes[role][i][o]);
        }
      }
    }
    Scenario open = ScenarioLoader.fromText(text(seed, sizes, points, 0, 0, 6, ""), "generated");
    List<Point> frontier = Analysis.of(open).frontier();
    Point middle = frontier.get(frontier.size() / 4 + random.nextInt(Math.max(1,
        frontier.size() / 2)));
    int rvA = (int) (middle.first() * (0.55 + 0.35 * random.nextDouble()));
    int rvB = (int) (middle.second() * (0.55 + 0.35 * random.nextDouble()));
    int rounds = List.of(4, 5, 6, 6, 8).get(random.nextInt(5));
    StringBuilder news = new StringBuilder();
    int items = random.nextInt(4);
    for (int k = 0; k < items; k++) {
      news.append("news { id: \"n").append(k).append("\" round: ")
          .append(2 + random.nextInt(rounds - 1)).append(" headline: \"News ").append(k)
          .append("\"\n");
      int changes = 2 + random.nextInt(4);
      for (int c = 0; c < changes; c++) {
        int i = random.nextInt(n);
        news.append(String.format("  point_changes { role: \"%s\" issue: \"i%d\" option: \"o%d\""
                + " delta: %d }%n", random.nextBoolean() ? "a" : "b", i,
            random.nextInt(sizes[i]), (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(6))));
      }
      news.append("}\n");
    }
    return ScenarioLoader.fromText(text(seed, sizes, points, rvA, rvB, rounds, news.toString()),
        "generated");
  }

  private static double[] ramp(int size, Random random) {
    double[] values = new double[size];
    values[size - 1] = 1;
    for (int o = 1; o < size - 1; o++) {
      values[o] = random.nextDouble();
    }
    Arrays.sort(values);
    return values;
  }

  private static String text(long seed, int[] sizes, int[][][] points, int rvA, int rvB,
      int rounds, String news) {
    StringBuilder t = new StringBuilder("id: \"generated-" + seed + "\" title: \"Generated\"\n");
    t.append("roles { id: \"a\" name: \"A\" reservation_value: ").append(rvA).append(" }\n");
    t.append("roles { id: \"b\" name: \"B\" reservation_value: ").append(rvB).append(" }\n");
    for (int i = 0; i < sizes.length; i++) {
      t.append("issues { id: \"i").append(i).append("\" name: \"Issue ").append(i).append("\"\n");
      for (int o = 0; o < sizes[i]; o++) {
        t.append(String.format("  options { id: \"o%d\" label: \"O%d\" points { role: \"a\""
            + " value: %d } points { role: \"b\" value: %d } }%n", o, o, points[0][i][o],
            points[1][i][o]));
      }
      t.append("}\n");
    }
    return t.append("rounds: ").append(rounds).append("\nfirst_mover: \"a\"\n").append(news)
        .toString();
  }
}
