package org.hikiwake.engine.bot;

/**
 * How a bot negotiates. A strategy is asked for an action only on its own
 * turn, and is given only a {@link Situation}: its seat's view of the game
 * and what follows from that view. There is no parameter through which a
 * scenario's full points table or the game's state could reach it, so it
 * cannot learn the other side's points before the end.
 *
 * <p>A strategy must be deterministic: the same situation (same view, same
 * draws) gives the same action. Implementations may cache what they compute
 * from a situation but must not let that change their choices.
 */
public interface Strategy {
  /** A short lower-case name, as shown in tournament tables ("boulware"). */
  String name();

  /** The action for this turn. */
  BotAction choose(Situation situation);
}
