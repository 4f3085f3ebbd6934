package org.hikiwake.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.room.Lobby;

/** Stacks the codecs: bounded varint32 frames, protobuf, idle detection, then the handler. */
public final class ServerInitializer extends ChannelInitializer<Channel> {
  private final ServerConfig config;
  private final Lobby lobby;
  private final ConnectionCounter connections;

  public ServerInitializer(ServerConfig config, Lobby lobby, ConnectionCounter connections) {
    this.config = config;
    this.lobby = lobby;
    this.connections = connections;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0,
        TimeUnit.MILLISECONDS));
    p.addLast("frameDecoder", new FrameDecoder(config.maxFrameBytes(),
        config.frameTimeout().toMillis(), TimeUnit.MILLISECONDS));
    p.addLast("protobufDecoder", new ClientMessageDecoder());
    p.addLast("frameEncoder", new ProtobufVarint32LengthFieldPrepender());
    p.addLast("protobufEncoder", new ProtobufEncoder());
    // Coalesces the flushes of replies to a burst of requests read at once.
    p.addLast("flushes", new FlushConsolidationHandler());
    p.addLast("handler", new ClientHandler(config, lobby, connections));
  }
}
