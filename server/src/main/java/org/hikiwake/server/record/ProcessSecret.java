package org.hikiwake.server.record;

import java.security.SecureRandom;

/** A secret drawn once per process, for stores that keep none. */
final class ProcessSecret {
  static final byte[] BYTES = draw();

  private ProcessSecret() {}

  private static byte[] draw() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
