package org.hikiwake.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.TimeUnit;
import org.hikiwake.proto.wire.ServerMessage;

/** A session's outbound side on a Netty channel. Called on the channel's event loop. */
final class ChannelOutbound implements Session.Outbound {
  /** How long a closing connection may take to flush its last error. */
  private static final long CLOSE_GRACE_MILLIS = 2_000;

  private final Channel channel;

  ChannelOutbound(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void write(ServerMessage message) {
    if (channel.isActive()) {
      channel.write(message, channel.voidPromise());
    }
  }

  @Override
  public void flush() {
    channel.flush();
  }

  @Override
  public void closeWith(ServerMessage last) {
    if (!channel.isActive()) {
      return;
    }
    channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    // a client that reads nothing would keep the error, and the connection, forever
    channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS,
        TimeUnit.MILLISECONDS);
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
