package org.hikiwake.server.net;

import io.netty.channel.Channel;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.server.room.Participant;

/** A room participant backed by a channel; writes are safe from any thread. */
final class ChannelParticipant implements Participant {
  private final Channel channel;

  ChannelParticipant(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void send(ServerMessage message) {
    if (channel.isActive()) {
      channel.writeAndFlush(message, channel.voidPromise());
    }
  }

  @Override
  public String describe() {
    return String.valueOf(channel.remoteAddress());
  }
}
