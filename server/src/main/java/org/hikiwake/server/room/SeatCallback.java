package org.hikiwake.server.room;

/**
 * Tells a connection how its request for a seat ended. The room calls it on
 * its own thread before it sends the reply, so a client that has the reply
 * can rely on its session already reflecting it.
 */
public interface SeatCallback {
  /** The connection now holds the role's seat. */
  void seated(String role);

  /** The request was refused; the error follows. */
  void refused();
}
