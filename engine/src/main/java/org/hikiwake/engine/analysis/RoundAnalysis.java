package org.hikiwake.engine.analysis;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Scenario;

/**
 * The analysis of one round of a scenario's news schedule: the round, the news
 * that arrives at its start, and the {@link Analysis} of the points in force
 * during it ({@link Scenario#pointsInForce(int)}: every news of rounds 1 to
 * {@code round}). Used to show how the news moves the zone of agreement.
 *
 * @param round the round, from 1
 * @param news the news that arrives at the start of the round, in file order
 * @param analysis the package space under the points in force in that round
 */
public record RoundAnalysis(int round, ImmutableList<News> news, Analysis analysis) {
  public RoundAnalysis {
    checkArgument(round >= 1, "round must be >= 1 but was %s", round);
    checkNotNull(news, "news");
    checkNotNull(analysis, "analysis");
  }

  /** Round 1 (the start, with any news of round 1) and every later round in which news arrives. */
  public static ImmutableList<RoundAnalysis> of(Scenario scenario) {
    ImmutableList.Builder<RoundAnalysis> out = ImmutableList.builder();
    for (int round = 1; round <= scenario.rounds(); round++) {
      ImmutableList<News> arriving = scenario.newsFor(round);
      if (round == 1 || !arriving.isEmpty()) {
        out.add(new RoundAnalysis(round, arriving,
            Analysis.of(scenario, scenario.pointsInForce(round))));
      }
    }
    return out.build();
  }
}
