package org.hikiwake.codec;

/** The versions of what Hikiwake writes and speaks, in one place for the server and the client. */
public final class Versions {
  /** The wire protocol version described by hikiwake/wire/v1/wire.proto. */
  public static final int PROTOCOL = 1;
  /** The recording format this build writes (see hikiwake/recording/v1/recording.proto). */
  public static final int RECORDING_FORMAT = 2;
  /** The oldest recording format this build reads. */
  public static final int OLDEST_RECORDING_FORMAT = 1;
  /** The software version, shown by --version and written into recordings. */
  public static final String SOFTWARE = "0.2.0";

  private Versions() {}

  /** The software version as servers name themselves in recordings and greetings. */
  public static String serverName() {
    return "hikiwake-" + SOFTWARE;
  }
}
