package org.hikiwake.engine.game;

/** How a game ended. */
public enum Outcome {
  /** One side accepted the other's offer. */
  AGREEMENT,
  /** One side walked away. */
  WALK_OUT,
  /** The last round passed with no acceptance, or the instructor called time. */
  DEADLINE,
  /** The instructor ended the game as abandoned (e.g. a player never came back). */
  ABANDONED
}
