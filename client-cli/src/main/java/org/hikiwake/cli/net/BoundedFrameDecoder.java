package org.hikiwake.cli.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import java.util.Locale;

/**
 * Splits the server's stream into varint32-length-prefixed frames, like
 * Netty's {@code ProtobufVarint32FrameDecoder}, but refuses a frame longer
 * than the limit as soon as its length prefix is read, before buffering any
 * of it, so a broken or hostile server cannot make the client hold gigabytes.
 * After a bad frame nothing more is read.
 */
final class BoundedFrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameBytes;
  private boolean failed;

  BoundedFrameDecoder(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    while (in.isReadable()) {
      in.markReaderIndex();
      long length = readVarint32(in);
      if (length == -1) {
        in.resetReaderIndex();
        return;
      }
      if (length > maxFrameBytes) {
        fail(in);
        throw new TooLongFrameException(String.format(Locale.ROOT,
            "the server sent a frame of %,d bytes, over this client's limit of %,d bytes",
            length, maxFrameBytes));
      }
      if (in.readableBytes() < length) {
        in.resetReaderIndex();
        return;
      }
      out.add(in.readRetainedSlice((int) length));
    }
  }

  private void fail(ByteBuf in) {
    failed = true;
    in.skipBytes(in.readableBytes());
  }

  /** The varint32 at the reader index, or -1 if it is not all there yet. */
  private long readVarint32(ByteBuf in) {
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (!in.isReadable()) {
        return -1;
      }
      byte b = in.readByte();
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        if (result > 0xffffffffL) {
          break;
        }
        return result;
      }
    }
    fail(in);
    throw new CorruptedFrameException("the server sent a malformed frame length");
  }
}
