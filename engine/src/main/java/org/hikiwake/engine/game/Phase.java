package org.hikiwake.engine.game;

/** Where a game is in its life. */
public enum Phase {
  /** Created, waiting for the host to start it (usually when both seats are filled). */
  WAITING,
  /** Turns are being taken. */
  IN_PROGRESS,
  /** Over: agreement, walk-out or deadline. */
  ENDED
}
