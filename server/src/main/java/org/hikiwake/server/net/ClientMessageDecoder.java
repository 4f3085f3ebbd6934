package org.hikiwake.server.net;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.hikiwake.proto.wire.ClientMessage;

/**
 * Parses a frame as a {@link ClientMessage}, after checking its wire form
 * more strictly than protobuf-java does: a tag or a length longer than 5
 * bytes (protobuf-java accepts up to 10 and keeps the low 32 bits), a field
 * number 0, a group, or a length past the end of its message makes the frame
 * malformed. Nested messages are checked too, as the schema names them.
 */
final class ClientMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
  /** The most bytes of a varint32: a tag or a length. */
  static final int MAX_VARINT32_BYTES = 5;
  private static final int MAX_VARINT64_BYTES = 10;
  private static final int MAX_DEPTH = 32;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    byte[] bytes = ByteBufUtil.getBytes(frame);
    check(bytes, 0, bytes.length, ClientMessage.getDescriptor(), 0);
    try {
      out.add(ClientMessage.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptedFrameException("not a ClientMessage: " + e.getMessage(), e);
    }
  }

  /**
   * Checks a message's fields from {@code pos} to {@code end}.
   *
   * @throws CorruptedFrameException at the first malformed field
   */
  static void check(byte[] b, int pos, int end, Descriptor type, int depth) {
    if (depth > MAX_DEPTH) {
      throw new CorruptedFrameException("messages nested more than " + MAX_DEPTH + " deep");
    }
    int[] at = {pos};
    while (at[0] < end) {
      long tag = varint(b, at, end, MAX_VARINT32_BYTES, "tag");
      if (tag > 0xFFFF_FFFFL || (tag >>> 3) == 0) {
        throw new CorruptedFrameException("a tag out of range at byte " + at[0]);
      }
      int number = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      switch (wireType) {
        case 0:
          varint(b, at, end, MAX_VARINT64_BYTES, "varint");
          break;
        case 1:
          skip(at, end, 8);
          break;
        case 5:
          skip(at, end, 4);
          break;
        case 2: {
          long length = varint(b, at, end, MAX_VARINT32_BYTES, "length");
          if (length > end - at[0]) {
            throw new CorruptedFrameException("a length of " + length + " runs past the end"
                + " of its message at byte " + at[0]);
          }
          FieldDescriptor field = type == null ? null : type.findFieldByNumber(number);
          if (field != null && field.getType() == FieldDescriptor.Type.MESSAGE) {
            check(b, at[0], at[0] + (int) length, field.getMessageType(), depth + 1);
          }
          at[0] += (int) length;
          break;
        }
        default:
          throw new CorruptedFrameException("wire type " + wireType + " (groups or worse) at"
              + " byte " + at[0]);
      }
    }
  }

  private static long varint(byte[] b, int[] at, int end, int maxBytes, String what) {
    long value = 0;
    for (int i = 0; i < maxBytes; i++) {
      if (at[0] >= end) {
        throw new CorruptedFrameException("a " + what + " runs past the end of its message");
      }
      byte x = b[at[0]++];
      value |= (long) (x & 0x7f) << (7 * i);
      if ((x & 0x80) == 0) {
        return value;
      }
    }
    throw new CorruptedFrameException("a " + what + " longer than " + maxBytes + " bytes at byte "
        + (at[0] - maxBytes));
  }

  private static void skip(int[] at, int end, int n) {
    if (end - at[0] < n) {
      throw new CorruptedFrameException("a fixed-size field runs past the end of its message");
    }
    at[0] += n;
  }
}
