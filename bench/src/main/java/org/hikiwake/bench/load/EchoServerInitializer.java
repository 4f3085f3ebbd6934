package org.hikiwake.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32FrameDecoder;
import java.util.concurrent.ConcurrentMap;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.server.net.FrameEncoder;

/** Stacks the echo server's codecs: varint32 frames, protobuf, then the handler. */
final class EchoServerInitializer extends ChannelInitializer<SocketChannel> {
  private final ConcurrentMap<String, Channel> pairs;

  /** @param pairs null for plain echo; else the fan-out echo's connections by pair name */
  EchoServerInitializer(ConcurrentMap<String, Channel> pairs) {
    this.pairs = pairs;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("frameDecoder", new ProtobufVarint32FrameDecoder());
    p.addLast("protobufDecoder", new ProtobufDecoder(ClientMessage.getDefaultInstance()));
    // the game server's own encoder, so the echo pays for its frames what the game pays
    p.addLast("frameEncoder", new FrameEncoder());
    p.addLast("handler", new EchoServerHandler(pairs));
  }
}
