package org.hikiwake.engine.bot;

import java.util.Arrays;
import java.util.List;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PublicScenario;

/**
 * A guess at how much the other side likes each package, learnt only from the
 * offers it has made: a frequency model, after the HardHeaded agent of the
 * 2011 automated negotiating agents competition. An option the other side
 * keeps proposing is taken to be one it values; in the HardHeaded variant, an
 * issue on which it keeps the same option from one offer to the next is taken
 * to matter to it, so that issue's weight grows. Estimates are in [0, 1], not
 * in the other side's points, which a bot never sees.
 */
public final class OpponentModel {
  /** How much an issue's weight grows each time the other side leaves it unchanged. */
  private static final double LEARNING_RATE = 0.2;

  private final double[] weights;
  /** Per issue, per option: the option's estimated value in [0, 1]. */
  private final double[][] values;

  private OpponentModel(double[] weights, double[][] values) {
    this.weights = weights;
    this.values = values;
  }

  /**
   * Option frequencies only, every issue weighing the same: what the
   * time-dependent strategies and tit-for-tat go by.
   */
  public static OpponentModel frequency(PublicScenario scenario, List<Package> theirOffers) {
    return counted(scenario, theirOffers, false);
  }

  /** Option frequencies and issue weights learnt as HardHeaded learns them. */
  public static OpponentModel hardHeaded(PublicScenario scenario, List<Package> theirOffers) {
    return counted(scenario, theirOffers, true);
  }

  /**
   * The HardHeaded model blended with a prior read from the bot's own points
   * and the other side's first offer, taken to be its best package. Where that
   * offer picks the bot's own favourite option, the two sides are taken to
   * want the same (the other side's values follow the bot's); elsewhere, the
   * better an option is for the bot than the other side's pick, the worse it
   * is taken to be for the other side. The learnt issue weights are scaled by
   * how much each issue weighs for the bot. This reads the whole shape of the table from few offers, so the
   * expert estimates the Nash package with it.
   */
  public static OpponentModel withPrior(OwnPackages mine, List<Package> theirOffers) {
    PublicScenario scenario = mine.scenario();
    List<Issue> issues = scenario.issues();
    int n = issues.size();
    // The bot's value of each option: its best package with that option.
    double[][] own = new double[n][];
    for (int i = 0; i < n; i++) {
      own[i] = new double[issues.get(i).options().size()];
      Arrays.fill(own[i], Double.NEGATIVE_INFINITY);
    }
    for (int k = 0; k < mine.size(); k++) {
      for (int i = 0; i < n; i++) {
        int o = mine.option(k, i);
        own[i][o] = Math.max(own[i][o], mine.points(k));
      }
    }
    OpponentModel freq = hardHeaded(scenario, theirOffers);
    if (theirOffers.isEmpty()) {
      return freq;
    }
    // The learnt weights, scaled by how much each issue weighs for the bot.
    double[] weights = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = freq.weights[i] * (max(own[i]) - min(own[i]) + 1);
      total += weights[i];
    }
    for (int i = 0; i < n; i++) {
      weights[i] /= total;
    }
    Package first = theirOffers.get(0);
    double[][] values = new double[n][];
    for (int i = 0; i < n; i++) {
      int theirs = issues.get(i).indexOf(first.option(issues.get(i).id()).orElseThrow());
      double max = max(own[i]);
      double min = min(own[i]);
      values[i] = new double[own[i].length];
      for (int o = 0; o < own[i].length; o++) {
        double prior;
        if (own[i][theirs] >= max) {
          prior = max > min ? (own[i][o] - min) / (max - min) : 1;
        } else {
          prior = 1 - (own[i][o] - own[i][theirs]) / (max - own[i][theirs]);
        }
        values[i][o] = (Math.max(0, Math.min(1, prior)) + freq.values[i][o]) / 2;
      }
    }
    return new OpponentModel(weights, values);
  }

  private static OpponentModel counted(PublicScenario scenario, List<Package> theirOffers,
      boolean learnWeights) {
    List<Issue> issues = scenario.issues();
    int n = issues.size();
    double[] weights = new double[n];
    Arrays.fill(weights, 1.0 / n);
    double[][] counts = new double[n][];
    for (int i = 0; i < n; i++) {
      counts[i] = new double[issues.get(i).options().size()];
      Arrays.fill(counts[i], 1.0);
    }
    int[] previous = null;
    for (Package offer : theirOffers) {
      int[] current = new int[n];
      for (int i = 0; i < n; i++) {
        current[i] = issues.get(i).indexOf(offer.option(issues.get(i).id()).orElseThrow());
        counts[i][current[i]] += 1.0;
      }
      if (learnWeights && previous != null) {
        double total = 0;
        for (int i = 0; i < n; i++) {
          if (current[i] == previous[i]) {
            weights[i] += LEARNING_RATE / n;
          }
          total += weights[i];
        }
        for (int i = 0; i < n; i++) {
          weights[i] /= total;
        }
      }
      previous = current;
    }
    double[][] values = new double[n][];
    for (int i = 0; i < n; i++) {
      double most = max(counts[i]);
      values[i] = new double[counts[i].length];
      for (int o = 0; o < counts[i].length; o++) {
        values[i][o] = counts[i][o] / most;
      }
    }
    return new OpponentModel(weights, values);
  }

  /** The estimated value to the other side of package {@code k} of {@code packages}, in [0, 1]. */
  public double value(OwnPackages packages, int k) {
    double v = 0;
    for (int i = 0; i < weights.length; i++) {
      v += weights[i] * values[i][packages.option(k, i)];
    }
    return v;
  }

  /** The estimated weight of issue {@code i}; the weights sum to 1. */
  public double weight(int i) {
    return weights[i];
  }

  private static double max(double[] xs) {
    return Arrays.stream(xs).max().orElseThrow();
  }

  private static double min(double[] xs) {
    return Arrays.stream(xs).min().orElseThrow();
  }
}
