package org.hikiwake.codec.recording;

import com.google.protobuf.MessageLite;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The frame layout of recording.proto: a 4-byte big-endian payload length, a
 * 4-byte big-endian CRC32C of the payload, then the payload.
 */
public final class Frames {
  /** Bytes before each payload: length and checksum. */
  public static final int PREFIX_BYTES = 8;
  /** The largest payload a writer may produce or a reader accepts. */
  public static final int MAX_PAYLOAD_BYTES = 16 << 20;

  private Frames() {}

  /** One frame per message, in order, in a buffer ready to write. */
  public static ByteBuffer encode(List<? extends MessageLite> messages) {
    byte[][] payloads = new byte[messages.size()][];
    int total = 0;
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = messages.get(i).toByteArray();
      if (payloads[i].length > MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException("a record of " + payloads[i].length
            + " bytes is over the " + MAX_PAYLOAD_BYTES + "-byte frame limit");
      }
      total += PREFIX_BYTES + payloads[i].length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(total);
    for (byte[] payload : payloads) {
      buffer.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload);
    }
    return buffer.flip();
  }

  public static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
