package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.Set;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.RoleSheet;
import org.hikiwake.engine.view.Viewer;

/**
 * A bot for one seat: a strategy and a seed. The host asks it for an action
 * with the seat's {@link GameView}, the same view a human in the seat would
 * have, and turns the action into moves with {@link BotAction#moves}, stamping
 * the time itself. A bot's choice depends only on the view and the seed, so a
 * host may make a new bot with the same seed at any point (after a restart,
 * or to stand in for a player) and it plays on exactly as before.
 *
 * <p>A bot keeps the package space scored by its last points in force, which
 * makes its moves cheap (it scores again only after news) but never changes
 * a choice; one bot serves one seat, on any one thread at a time.
 */
public final class Bot {
  private final Strategy strategy;
  private final Optional<Level> level;
  private final long seed;
  private volatile OwnPackages packages;

  private Bot(Strategy strategy, Optional<Level> level, long seed) {
    this.strategy = checkNotNull(strategy, "strategy");
    this.level = level;
    this.seed = seed;
  }

  /** A bot of a named level. */
  public static Bot of(Level level, long seed) {
    return new Bot(level.strategy(), Optional.of(level), seed);
  }

  /** A bot playing a strategy directly (tournaments, tests). */
  public static Bot of(Strategy strategy, long seed) {
    return new Bot(strategy, Optional.empty(), seed);
  }

  /** The level's name, or the strategy's name for a bot without a level. */
  public String name() {
    return level.map(Level::id).orElse(strategy.name());
  }

  /** The level, for a bot made from one; record it on the seat. */
  public Optional<Level> level() {
    return level;
  }

  public Strategy strategy() {
    return strategy;
  }

  public long seed() {
    return seed;
  }

  /**
   * The bot's action, if it is its turn in a game in progress; empty
   * otherwise, so asking a bot out of turn never makes it move.
   *
   * @param view the view of the bot's own seat; a watcher's or umpire's
   *     view is refused
   */
  public Optional<BotAction> decide(GameView view) {
    checkArgument(view.viewer() instanceof Viewer.Player,
        "a bot is given its own seat's view, not a %s's", view.viewer());
    String me = view.myRole().orElseThrow();
    checkArgument(view.isOver() || view.sheets().keySet().equals(Set.of(me)),
        "a bot's view holds only its own sheet");
    if (!view.isMyTurn()) {
      return Optional.empty();
    }
    RoleSheet sheet = view.mySheet().orElseThrow();
    Situation situation = new Situation(view, packagesFor(view, sheet.points()),
        Draws.of(seed, view.turn()), Draws.of(seed, -1).nextDouble());
    return Optional.of(strategy.choose(situation));
  }

  private OwnPackages packagesFor(GameView view, PointsTable points) {
    OwnPackages known = packages;
    if (known != null && known.isFor(view.scenario(), points)) {
      return known;
    }
    OwnPackages fresh = known != null && known.scenario().equals(view.scenario())
        ? known.rescored(points) : OwnPackages.of(view.scenario(), points);
    packages = fresh;
    return fresh;
  }
}
