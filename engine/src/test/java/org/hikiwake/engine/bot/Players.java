package org.hikiwake.engine.bot;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;

/** Scenarios, test opponents and the seeded loop the bot tests share. */
final class Players {
  /** Seeds start here; {@code -Dhikiwake.seed=SEED} replays from another. */
  static final long BASE_SEED = Long.getLong("hikiwake.seed", 20131102L);

  private Players() {}

  /** Every built-in scenario, loaded. */
  static List<Scenario> builtIns() {
    return ScenarioLoader.builtInIds().stream().map(Players::load)
        .collect(ImmutableList.toImmutableList());
  }

  static Scenario load(String id) {
    try {
      return ScenarioLoader.fromClasspath(id);
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A small scenario of its own shape: three issues of three options (one on
   * which both sides want the same), four rounds, the second role moving
   * first, and news in round 2 for both sides.
   */
  static Scenario harbour() {
    Map<String, Map<String, Integer>> port = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> fleet = new LinkedHashMap<>();
    ImmutableList.Builder<Issue> issues = ImmutableList.builder();
    String[][] table = {
        {"berths", "few", "0", "40", "some", "20", "20", "many", "40", "0"},
        {"fees", "low", "0", "35", "mid", "15", "20", "high", "30", "0"},
        {"dredging", "none", "0", "0", "partial", "15", "15", "full", "30", "25"}};
    for (String[] row : table) {
      List<Option> options = new ArrayList<>();
      port.put(row[0], new LinkedHashMap<>());
      fleet.put(row[0], new LinkedHashMap<>());
      for (int o = 1; o < row.length; o += 3) {
        options.add(new Option(row[o], row[o], ""));
        port.get(row[0]).put(row[o], Integer.parseInt(row[o + 1]));
        fleet.get(row[0]).put(row[o], Integer.parseInt(row[o + 2]));
      }
      issues.add(Issue.of(row[0], row[0], "", options));
    }
    News strike = News.of("strike", 2, "Dock strike", "", List.of(
        new PointChange("port", "fees", "high", -8),
        new PointChange("fleet", "dredging", "full", 5)), Map.of());
    return new Scenario("harbour", "Harbour", "",
        ImmutableList.of(new Role("port", "Port", "", 45), new Role("fleet", "Fleet", "", 40)),
        issues.build(),
        ImmutableMap.of("port", PointsTable.of(port), "fleet", PointsTable.of(fleet)),
        4, "fleet", ImmutableList.of(strike));
  }

  /** Every level and every built-in strategy, as fresh strategies by name. */
  static Map<String, Supplier<Strategy>> everyStrategy() {
    Map<String, Supplier<Strategy>> all = new LinkedHashMap<>();
    for (Level level : Level.values()) {
      all.put(level.id(), level::strategy);
    }
    all.put("boulware", Boulware::new);
    all.put("linear", Linear::new);
    all.put("conceder", Conceder::new);
    all.put("tit-for-tat", TitForTat::new);
    all.put("expert", Expert::new);
    return all;
  }

  /** Runs the body for {@code count} seeds from {@link #BASE_SEED}; a failure names its seed. */
  static void forEachSeed(int count, LongConsumer body) {
    for (int i = 0; i < count; i++) {
      long seed = BASE_SEED + i;
      try {
        body.accept(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failed with seed=" + seed + " (replay from it with"
            + " -Dhikiwake.seed=" + seed + "): " + e.getMessage(), e);
      }
    }
  }

  /**
   * Proposes a package drawn at random each turn; accepts the offer on the
   * table one time in four and walks away one time in fifty, whatever they are
   * worth. The opponent that tries the bots' invariants hardest.
   */
  static final class RandomPlayer implements Strategy {
    @Override
    public String name() {
      return "random";
    }

    @Override
    public BotAction choose(Situation s) {
      Draws draws = s.draws();
      int roll = draws.nextInt(100);
      if (roll < 2) {
        return new BotAction.WalkAway(Optional.empty());
      }
      if (roll < 27 && s.acceptable().isPresent()) {
        return new BotAction.Accept(Optional.of("Fine."));
      }
      Map<String, String> choices = new LinkedHashMap<>();
      for (Issue issue : s.view().scenario().issues()) {
        choices.put(issue.id(), issue.options().get(draws.nextInt(issue.options().size())).id());
      }
      return new BotAction.Propose(Package.of(choices), Optional.empty());
    }
  }

  /** Always proposes its best package and never accepts: a concession curve's backdrop. */
  static final class Stubborn implements Strategy {
    @Override
    public String name() {
      return "stubborn";
    }

    @Override
    public BotAction choose(Situation s) {
      OwnPackages packages = s.packages();
      int best = 0;
      for (int k = 0; k < packages.size(); k++) {
        if (packages.points(k) > packages.points(best)) {
          best = k;
        }
      }
      return new BotAction.Propose(packages.pkg(best), Optional.empty());
    }
  }
}
