package org.hikiwake.server.room;

/**
 * Someone a room talks to: a connection holding a seat or watching, or a bot.
 * The room calls it on the room's own thread.
 */
public interface Participant {
  /** Hands over what the room has to say; must not block. */
  void deliver(Delivery delivery);

  /** False once the participant has gone away for good (its connection closed). */
  boolean isConnected();

  /** A short name for logs, e.g. the remote address. */
  String describe();
}
