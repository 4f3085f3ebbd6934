package org.hikiwake.engine.game;

/** Why the rules refused a move. Each maps to a typed error on the wire. */
public enum RejectionCode {
  /** The game has not started yet. */
  GAME_NOT_STARTED,
  /** The seat is already taken. */
  SEAT_TAKEN,
  /** The game is over; no more moves. */
  GAME_OVER,
  /** The move names a role that is not in the scenario. */
  UNKNOWN_ROLE,
  /** It is the other side's turn. */
  NOT_YOUR_TURN,
  /** The package is incomplete or names unknown issues or options. */
  INVALID_PACKAGE,
  /** There is no offer on the table to accept. */
  NOTHING_TO_ACCEPT,
  /** The offer on the table is your own. */
  OWN_OFFER,
  /** A display name or chat message is longer than its limit. */
  TEXT_TOO_LONG,
  /** A display name or chat message is empty or has characters that are not allowed. */
  INVALID_TEXT,
  /** A turn time-out was claimed for a turn that is not yet over. */
  TURN_NOT_EXPIRED,
  /** A clock move was made in a game whose turns are untimed. */
  UNTIMED_GAME
}
