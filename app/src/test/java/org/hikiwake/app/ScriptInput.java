package org.hikiwake.app;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Standard input for an in-process command, fed line by line by the test. */
final class ScriptInput extends InputStream {
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private byte[] current = new byte[0];
  private int pos;
  private boolean ended;

  /** Input holding these lines, then the end. */
  static ScriptInput of(String... lines) {
    ScriptInput in = new ScriptInput();
    for (String l : lines) {
      in.type(l);
    }
    in.end();
    return in;
  }

  /** Input that stays open until {@link #end}. */
  static ScriptInput open() {
    return new ScriptInput();
  }

  void type(String line) {
    chunks.add((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  void end() {
    chunks.add(END);
  }

  @Override
  public int read() throws java.io.IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws java.io.IOException {
    if (len == 0) {
      return 0;
    }
    while (pos >= current.length) {
      if (ended) {
        return -1;
      }
      try {
        current = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
      pos = 0;
      if (current == END) {
        ended = true;
        return -1;
      }
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }
}
