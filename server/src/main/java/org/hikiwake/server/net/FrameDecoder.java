package org.hikiwake.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Splits the stream into varint32-length-prefixed frames, like Netty's
 * {@code ProtobufVarint32FrameDecoder}, but refuses a frame longer than the
 * limit as soon as its prefix is read (before buffering it), refuses a
 * malformed prefix, and refuses a frame that is still incomplete after the
 * frame timeout (a client trickling bytes to hold the connection).
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameBytes;
  private final long frameTimeoutNanos;
  private long partialSince = -1;
  /** Refuses the incomplete frame if the client stops sending altogether. */
  private ScheduledFuture<?> expiry;
  /** Set after a bad frame: the connection is being closed and nothing more is read. */
  private boolean failed;

  public FrameDecoder(int maxFrameBytes, long frameTimeout, TimeUnit unit) {
    this.maxFrameBytes = maxFrameBytes;
    this.frameTimeoutNanos = unit.toNanos(frameTimeout);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      decodeFrames(ctx, in, out);
    } catch (DecoderException e) {
      // bytes behind a bad frame must never be read as commands, even at close
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  private void decodeFrames(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      in.markReaderIndex();
      long length = readVarint32(in);
      if (length == -1) {
        in.resetReaderIndex();
        notePartial(ctx);
        return;
      }
      if (length > maxFrameBytes) {
        throw new TooLongFrameException("frame of " + length + " bytes exceeds the limit of "
            + maxFrameBytes + " bytes");
      }
      if (in.readableBytes() < length) {
        in.resetReaderIndex();
        notePartial(ctx);
        return;
      }
      partialSince = -1;
      cancelExpiry();
      out.add(in.readRetainedSlice((int) length));
    }
  }

  private void notePartial(ChannelHandlerContext ctx) {
    long now = System.nanoTime();
    if (partialSince < 0) {
      partialSince = now;
      // a client that stops sending mid-frame is refused on time, not at its next byte
      expiry = ctx.executor().schedule(() -> expire(ctx, now), frameTimeoutNanos,
          TimeUnit.NANOSECONDS);
    } else if (now - partialSince > frameTimeoutNanos) {
      throw incomplete();
    }
  }

  private void expire(ChannelHandlerContext ctx, long since) {
    if (!failed && partialSince == since) {
      failed = true;
      ctx.fireExceptionCaught(incomplete());
    }
  }

  private void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    cancelExpiry();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    try {
      super.channelInactive(ctx); // decodes what is left, which may note a partial frame
    } finally {
      cancelExpiry();
    }
  }

  private CorruptedFrameException incomplete() {
    return new CorruptedFrameException("a frame stayed incomplete for more than "
        + TimeUnit.NANOSECONDS.toMillis(frameTimeoutNanos) + " ms");
  }

  /** The varint's value, or -1 if more bytes are needed; throws on a malformed varint. */
  private static long readVarint32(ByteBuf in) {
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (!in.isReadable()) {
        return -1;
      }
      byte b = in.readByte();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (result > Integer.MAX_VALUE) {
          throw new CorruptedFrameException("length prefix is out of range");
        }
        return result;
      }
    }
    throw new CorruptedFrameException("length prefix is longer than 5 bytes");
  }
}
