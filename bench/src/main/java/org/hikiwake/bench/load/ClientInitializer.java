package org.hikiwake.bench.load;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32FrameDecoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import org.hikiwake.proto.wire.ServerMessage;

/** Stacks a load client's codecs: varint32 frames, protobuf, then the given handler. */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {
  private static final ProtobufDecoder DECODER =
      new ProtobufDecoder(ServerMessage.getDefaultInstance());
  private static final ProtobufVarint32LengthFieldPrepender PREPENDER =
      new ProtobufVarint32LengthFieldPrepender();
  private static final ProtobufEncoder ENCODER = new ProtobufEncoder();

  private final ChannelHandler handler;

  ClientInitializer(ChannelHandler handler) {
    this.handler = handler;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline().addLast(new ProtobufVarint32FrameDecoder(), DECODER, PREPENDER, ENCODER,
        handler);
  }
}
