package org.hikiwake.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.classroom.Classes;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.web.Dashboard;
import org.hikiwake.server.web.DashboardHandler;
import org.hikiwake.server.web.RequestDeadline;

/**
 * Stacks the codecs. One port serves both protocols: idle detection, then a
 * {@link ProtocolDetector} that reads the first bytes and stacks either the
 * game protocol (bounded varint32 frames, protobuf, the handler) or the
 * dashboard's HTTP (a request deadline, bounded HTTP/1.1, the handler).
 */
public final class ServerInitializer extends ChannelInitializer<Channel> {
  private final ServerConfig config;
  private final Lobby lobby;
  private final Classes classes;
  private final ConnectionCounter connections;
  private final Dashboard dashboard;

  public ServerInitializer(ServerConfig config, Lobby lobby, Classes classes,
      ConnectionCounter connections, Dashboard dashboard) {
    this.config = config;
    this.lobby = lobby;
    this.classes = classes;
    this.connections = connections;
    this.dashboard = dashboard;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0,
        TimeUnit.MILLISECONDS));
    p.addLast("detect", new ProtocolDetector(new Stacks(), config.frameTimeout().toMillis()));
  }

  private final class Stacks implements ProtocolDetector.Stacks {
    @Override
    public void protobuf(ChannelPipeline p) {
      p.addLast("frameDecoder", new FrameDecoder(config.maxFrameBytes(),
          config.frameTimeout().toMillis(), TimeUnit.MILLISECONDS));
      p.addLast("protobufDecoder", new ClientMessageDecoder());
      p.addLast("frameEncoder", new ProtobufVarint32LengthFieldPrepender());
      p.addLast("protobufEncoder", new ProtobufEncoder());
      // Coalesces the flushes of replies to a burst of requests read at once.
      p.addLast("flushes", new FlushConsolidationHandler());
      p.addLast("handler", new ClientHandler(config, lobby, classes, connections,
          dashboard.passes()));
    }

    @Override
    public void http(ChannelPipeline p) {
      RequestDeadline deadline = new RequestDeadline(config.frameTimeout().toMillis());
      p.addLast("httpDeadline", deadline);
      p.addLast("httpCodec", new HttpServerCodec(new HttpDecoderConfig()
          .setMaxInitialLineLength(DashboardHandler.MAX_LINE_BYTES)
          .setMaxHeaderSize(DashboardHandler.MAX_HEADER_BYTES)));
      p.addLast("httpAggregator", new HttpObjectAggregator(Dashboard.MAX_BODY_BYTES));
      p.addLast("httpHandler", new DashboardHandler(dashboard, deadline, false));
    }

    @Override
    public boolean tls(ChannelPipeline p) {
      // issue 13: add an SslHandler here, then a new ProtocolDetector behind it
      return false;
    }
  }
}
