package org.hikiwake.server.room;

import org.hikiwake.proto.wire.ServerMessage;

/** Someone a room sends messages to: a seated player or a watcher on one connection. */
public interface Participant {
  /** Sends a message; must not block (the room calls it on its own thread). */
  void send(ServerMessage message);

  /** A short name for logs, e.g. the remote address. */
  String describe();
}
