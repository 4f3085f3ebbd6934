package org.hikiwake.server;

/** Versions this server speaks and reports. */
public final class ServerVersion {
  /** The wire protocol version described by wire.proto. */
  public static final int PROTOCOL = 1;
  /** The server software version, written into recordings. */
  public static final String SOFTWARE = "hikiwake-0.1.0";

  private ServerVersion() {}
}
