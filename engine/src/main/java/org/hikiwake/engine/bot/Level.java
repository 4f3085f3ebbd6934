package org.hikiwake.engine.bot;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The named difficulty levels a host offers ({@code --vs bot:medium}), each a
 * strategy with its parameters. Every level varies its pace from game to game
 * with its seed (a {@link Style} spread of 0.5), so playing a level again is
 * not playing the same script again. The ladder is measured, not assumed: in
 * a round-robin tournament on every built-in scenario, a higher level scores
 * more on average than a lower one against the same opponents, in both roles
 * ({@code LadderTest}; {@code BotTournament} prints the table).
 */
public enum Level {
  /**
   * Concedes almost at once (a Conceder with exponent 20) and picks among
   * packages near its target without reading the other side's offers.
   */
  EASY("easy", () -> new Conceder(20, new Style(Level.SPREAD, false))),
  /** Concedes evenly over the game (Linear), reading the other side's offers. */
  MEDIUM("medium", () -> new Linear(new Style(Level.SPREAD, true))),
  /** Learns what the other side wants and plays the deadline (Expert). */
  HARD("hard", () -> new Expert(new Style(Level.SPREAD, true)));

  /** How much every level varies its pace between games. */
  static final double SPREAD = 0.5;

  private final String id;
  private final Supplier<Strategy> strategy;

  Level(String id, Supplier<Strategy> strategy) {
    this.id = id;
    this.strategy = strategy;
  }

  /** The level's name, as typed and as recorded on a bot's seat. */
  public String id() {
    return id;
  }

  /** A fresh instance of this level's strategy. */
  public Strategy strategy() {
    return strategy.get();
  }

  /** The level with this name, if any. */
  public static Optional<Level> parse(String id) {
    for (Level level : values()) {
      if (level.id.equals(id)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
