package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Scenario;

/**
 * When each of a scenario's news items arrives in one game: as the scenario
 * has it (history's order), or as the instructor rearranged it (shifted,
 * some dropped, shuffled), so that students who know 2014 cannot predict the
 * game. The schedule is part of the game's settings and so of its recording,
 * and replays stay exact. Players never see it; they see news as it arrives.
 *
 * @param rounds news id to the round it arrives at the start of; empty for the scenario's
 *     own schedule; an id the map leaves out never arrives
 */
public record NewsSchedule(Optional<ImmutableMap<String, Integer>> rounds) {
  private static final NewsSchedule AS_SCENARIO = new NewsSchedule(Optional.empty());

  public NewsSchedule {
    checkNotNull(rounds, "rounds");
  }

  /** The scenario's own schedule. */
  public static NewsSchedule asScenario() {
    return AS_SCENARIO;
  }

  /** Exactly these news items at these rounds; any other never arrives. */
  public static NewsSchedule of(Map<String, Integer> rounds) {
    return new NewsSchedule(Optional.of(ImmutableMap.copyOf(rounds)));
  }

  /**
   * Every item moved by {@code by} rounds (negative: earlier), kept within
   * rounds 1 to {@code lastRound}.
   */
  public static NewsSchedule shifted(Scenario scenario, int by, int lastRound) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (News n : scenario.news()) {
      out.put(n.id(), Math.max(1, Math.min(lastRound, n.round() + by)));
    }
    return of(out);
  }

  /** The schedule without the given items. */
  public NewsSchedule without(Scenario scenario, Collection<String> dropped) {
    Map<String, Integer> out = new LinkedHashMap<>(asMap(scenario));
    dropped.forEach(out::remove);
    return of(out);
  }

  /**
   * The same rounds dealt to the items in another order, from a seed the host
   * draws: the news still comes at the same moments, but which news comes when
   * cannot be told from history.
   */
  public NewsSchedule shuffled(Scenario scenario, long seed) {
    Map<String, Integer> now = asMap(scenario);
    List<String> ids = new ArrayList<>(now.keySet());
    List<Integer> slots = new ArrayList<>(now.values());
    long state = seed;
    for (int i = slots.size() - 1; i > 0; i--) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z = z ^ (z >>> 31);
      int j = (int) Long.remainderUnsigned(z, i + 1);
      Integer t = slots.get(i);
      slots.set(i, slots.get(j));
      slots.set(j, t);
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      out.put(ids.get(i), slots.get(i));
    }
    return of(out);
  }

  /** Every item that arrives, with its round. */
  public ImmutableMap<String, Integer> asMap(Scenario scenario) {
    if (rounds.isPresent()) {
      return rounds.get();
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    scenario.news().forEach(n -> out.put(n.id(), n.round()));
    return ImmutableMap.copyOf(out);
  }

  /** The news arriving at the start of the round, in the scenario's file order. */
  public ImmutableList<News> newsFor(Scenario scenario, int round) {
    if (rounds.isEmpty()) {
      return scenario.newsFor(round);
    }
    return scenario.news().stream()
        .filter(n -> rounds.get().getOrDefault(n.id(), -1) == round)
        .collect(ImmutableList.toImmutableList());
  }

  /** What makes this schedule unusable with the scenario and the game's rounds. */
  public List<String> problemsWith(Scenario scenario, int lastRound) {
    List<String> problems = new ArrayList<>();
    rounds.ifPresent(map -> map.forEach((id, round) -> {
      if (scenario.newsItem(id).isEmpty()) {
        problems.add("the scenario has no news '" + id + "'");
      } else if (round < 1 || round > lastRound) {
        problems.add("news '" + id + "' is set for round " + round + " but the game has rounds"
            + " 1 to " + lastRound);
      }
    }));
    return problems;
  }

  public boolean isAsScenario() {
    return rounds.isEmpty();
  }
}
