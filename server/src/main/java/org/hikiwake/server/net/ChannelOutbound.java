package org.hikiwake.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.concurrent.TimeUnit;
import org.hikiwake.proto.wire.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's outbound side on a Netty channel, with a budget: a connection
 * whose unsent output passes {@link #MAX_PENDING_BYTES} (a client that does
 * not read) is cut off, so it holds neither memory nor anyone else's time.
 * Called on the channel's event loop.
 */
final class ChannelOutbound implements Session.Outbound {
  private static final Logger log = LoggerFactory.getLogger(ChannelOutbound.class);
  /** The most output a connection may leave unread before it is cut off. */
  static final long MAX_PENDING_BYTES = 1 << 20;
  /** A closing connection is closed once it has made no progress reading for this long. */
  private static final long CLOSE_STALL_MILLIS = 2_000;
  /** ...and in any case after this long. */
  private static final long CLOSE_MAX_MILLIS = 10_000;

  private final Channel channel;
  private boolean cutOff;

  ChannelOutbound(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void write(ServerMessage message) {
    if (!channel.isActive() || cutOff) {
      return;
    }
    if (pending() > MAX_PENDING_BYTES) {
      cutOff = true;
      log.info("closing {}: it leaves more than {} bytes of replies unread", describe(),
          MAX_PENDING_BYTES);
      channel.close();
      return;
    }
    channel.write(message, channel.voidPromise());
  }

  @Override
  public void flush() {
    channel.flush();
  }

  /**
   * Sends the error after what is already queued, stops reading, and closes
   * once it is written, or once the client has stopped reading for a while:
   * a slow reader still gets its replies and the error, one that reads
   * nothing cannot keep the connection.
   */
  @Override
  public void closeWith(ServerMessage last) {
    if (!channel.isActive()) {
      return;
    }
    channel.config().setAutoRead(false);
    channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    watchClose(pending(), System.nanoTime(), System.nanoTime());
  }

  private void watchClose(long lastPending, long lastProgress, long since) {
    channel.eventLoop().schedule(() -> {
      if (!channel.isActive()) {
        return;
      }
      long now = System.nanoTime();
      long pending = pending();
      long progress = pending < lastPending ? now : lastProgress;
      if (now - progress > TimeUnit.MILLISECONDS.toNanos(CLOSE_STALL_MILLIS)
          || now - since > TimeUnit.MILLISECONDS.toNanos(CLOSE_MAX_MILLIS)) {
        channel.close();
      } else {
        watchClose(pending, progress, since);
      }
    }, CLOSE_STALL_MILLIS / 4, TimeUnit.MILLISECONDS);
  }

  private long pending() {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  @Override
  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public String describe() {
    return String.valueOf(channel.remoteAddress());
  }
}
