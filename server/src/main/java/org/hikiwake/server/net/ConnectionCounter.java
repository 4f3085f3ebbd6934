package org.hikiwake.server.net;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/** The server's open connections, so shutdown can tell and close them all. */
public final class ConnectionCounter {
  private final ChannelGroup channels = new DefaultChannelGroup("clients",
      GlobalEventExecutor.INSTANCE);

  void add(Channel channel) {
    channels.add(channel);
  }

  public int size() {
    return channels.size();
  }

  public ChannelGroup channels() {
    return channels;
  }
}
