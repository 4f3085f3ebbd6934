package org.hikiwake.cli.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import org.hikiwake.proto.wire.ServerMessage;

/**
 * Stacks the client's codecs: varint32 length-delimited protobuf frames (at
 * most {@link Connection#MAX_FRAME_BYTES} each), then the handler.
 */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {
  /** A ping is sent after this many seconds without writing, to stay clear of the idle timeout. */
  static final int PING_AFTER_SECONDS = 15;

  private final Connection connection;

  ClientInitializer(Connection connection) {
    this.connection = connection;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(new BoundedFrameDecoder(Connection.MAX_FRAME_BYTES));
    p.addLast(new ProtobufDecoder(ServerMessage.getDefaultInstance()));
    p.addLast(new ProtobufVarint32LengthFieldPrepender());
    p.addLast(new ProtobufEncoder());
    p.addLast(new IdleStateHandler(0, PING_AFTER_SECONDS, 0));
    p.addLast(new ClientHandler(connection));
  }
}
