package org.hikiwake.cli.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import org.hikiwake.proto.wire.ServerMessage;

/**
 * Stacks the client's codecs: TLS for a tls:// address, then varint32
 * length-delimited protobuf frames (at most {@link Connection#MAX_FRAME_BYTES}
 * each), then the handler.
 */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {
  /** A ping is sent after this many seconds without writing, to stay clear of the idle timeout. */
  static final int PING_AFTER_SECONDS = 15;

  /** A TLS handshake that is not done in this time fails the connection. */
  static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  private final Connection connection;
  private final Optional<SslContext> tls;

  /** @param tls the TLS to speak first, for a tls:// address */
  ClientInitializer(Connection connection, Optional<SslContext> tls) {
    this.connection = connection;
    this.tls = tls;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    if (tls.isPresent()) {
      ServerAddress a = connection.address();
      SslHandler ssl = tls.get().newHandler(ch.alloc(), a.host(), a.port());
      ssl.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
      p.addLast("ssl", ssl);
    }
    p.addLast(new BoundedFrameDecoder(Connection.MAX_FRAME_BYTES));
    p.addLast(new ProtobufDecoder(ServerMessage.getDefaultInstance()));
    p.addLast(new ProtobufVarint32LengthFieldPrepender());
    p.addLast(new ProtobufEncoder());
    p.addLast(new IdleStateHandler(0, PING_AFTER_SECONDS, 0));
    p.addLast(new ClientHandler(connection));
  }
}
