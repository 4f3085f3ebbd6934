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
  UNTIMED_GAME,
  /** The game is paused by the instructor; turn moves wait for the resume. */
  GAME_PAUSED,
  /** A resume was asked for a game that is not paused, or a pause for one that is. */
  PAUSE_STATE,
  /** The news item is not in the scenario. */
  UNKNOWN_NEWS,
  /** The news item has already arrived in this game. */
  NEWS_ALREADY_ARRIVED,
  /** The seat to free is not taken. */
  SEAT_FREE,
  /** The game cannot be extended by that many rounds (or a limit is out of range). */
  BAD_EXTENSION,
  /** The class is over. */
  CLASS_OVER,
  /** The name is not on the class's roster. */
  NOT_ON_ROSTER,
  /** A student of that name is already in the class. */
  DUPLICATE_NAME,
  /** No student is free to be paired. */
  NOBODY_WAITING,
  /** No student of that name has joined the class. */
  UNKNOWN_STUDENT,
  /** The game named is not one of the class's. */
  UNKNOWN_GAME_OF_CLASS,
  /** The student is in a game that has not ended. */
  STUDENT_IN_GAME,
  /** The class has no games yet. */
  NO_GAMES_YET,
  /** No bot of that level is hosted here. */
  UNKNOWN_BOT
}
