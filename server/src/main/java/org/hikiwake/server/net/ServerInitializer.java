package org.hikiwake.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.classroom.Classes;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.tls.ServerTls;
import org.hikiwake.server.web.Dashboard;
import org.hikiwake.server.web.DashboardHandler;
import org.hikiwake.server.web.HttpsRedirectHandler;
import org.hikiwake.server.web.RequestDeadline;

/**
 * Stacks the codecs. One port serves both protocols: idle detection, then a
 * {@link ProtocolDetector} that reads the first bytes and stacks either the
 * game protocol (bounded varint32 frames, protobuf, the handler) or the
 * dashboard's HTTP (a request deadline, bounded HTTP/1.1, the handler).
 *
 * <p>A server with TLS takes only TLS: a TLS connection gets Netty's
 * {@link io.netty.handler.ssl.SslHandler} and a second detector behind it, which
 * stacks either protocol on the decrypted bytes; a plain game connection is
 * answered that it must use TLS, and plain HTTP is sent on to {@code https://}.
 */
public final class ServerInitializer extends ChannelInitializer<Channel> {
  /** Stateless, so one for every connection. */
  private static final FrameEncoder FRAME_ENCODER = new FrameEncoder();

  private final ServerConfig config;
  private final Lobby lobby;
  private final Classes classes;
  private final ConnectionCounter connections;
  private final Dashboard dashboard;
  private final Optional<ServerTls> tls;

  public ServerInitializer(ServerConfig config, Lobby lobby, Classes classes,
      ConnectionCounter connections, Dashboard dashboard) {
    this(config, lobby, classes, connections, dashboard, Optional.empty());
  }

  /** @param tls the server's TLS, if it takes only TLS connections */
  public ServerInitializer(ServerConfig config, Lobby lobby, Classes classes,
      ConnectionCounter connections, Dashboard dashboard, Optional<ServerTls> tls) {
    this.config = config;
    this.lobby = lobby;
    this.classes = classes;
    this.connections = connections;
    this.dashboard = dashboard;
    this.tls = tls;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0,
        TimeUnit.MILLISECONDS));
    ProtocolDetector.Stacks stacks = tls.isPresent() ? new PlainRefused(tls.get())
        : new Stacks(false);
    p.addLast("detect", new ProtocolDetector(stacks, config.frameTimeout().toMillis()));
  }

  /** The codecs of a server without TLS, or of the decrypted side of a TLS connection. */
  private final class Stacks implements ProtocolDetector.Stacks {
    /** True behind an SslHandler: the dashboard's cookies are then Secure. */
    private final boolean secure;

    Stacks(boolean secure) {
      this.secure = secure;
    }

    @Override
    public void protobuf(ChannelPipeline p) {
      protobufCodecs(p);
      // Coalesces the flushes of replies to a burst of requests read at once.
      p.addLast("flushes", new FlushConsolidationHandler());
      p.addLast("handler", new ClientHandler(config, lobby, classes, connections,
          dashboard.passes()));
    }

    @Override
    public void http(ChannelPipeline p) {
      RequestDeadline deadline = httpCodecs(p);
      p.addLast("httpHandler", new DashboardHandler(dashboard, deadline, secure));
    }

    @Override
    public boolean tls(ChannelPipeline p) {
      // a server without TLS, or TLS inside TLS
      return false;
    }
  }

  /** A server that takes only TLS: plain connections are told so; TLS gets the real stacks. */
  private final class PlainRefused implements ProtocolDetector.Stacks {
    private final ServerTls serverTls;

    PlainRefused(ServerTls serverTls) {
      this.serverTls = serverTls;
    }

    @Override
    public void protobuf(ChannelPipeline p) {
      protobufCodecs(p);
      p.addLast("tlsRequired", new TlsRequiredHandler());
    }

    @Override
    public void http(ChannelPipeline p) {
      httpCodecs(p);
      p.addLast("httpsRedirect", new HttpsRedirectHandler());
    }

    @Override
    public boolean tls(ChannelPipeline p) {
      p.addLast("ssl", serverTls.newHandler(p.channel().alloc()));
      p.addLast("detectInside", new ProtocolDetector(new Stacks(true),
          config.frameTimeout().toMillis()));
      return true;
    }
  }

  /** The game protocol's codecs: bounded varint32 frames of protobuf, both ways. */
  private void protobufCodecs(ChannelPipeline p) {
    p.addLast("frameDecoder", new FrameDecoder(config.maxFrameBytes(),
        config.frameTimeout().toMillis(), TimeUnit.MILLISECONDS));
    p.addLast("protobufDecoder", new ClientMessageDecoder());
    p.addLast("frameEncoder", FRAME_ENCODER);
  }

  /** The dashboard's bounded HTTP/1.1 codecs, with the deadline for each request. */
  private RequestDeadline httpCodecs(ChannelPipeline p) {
    RequestDeadline deadline = new RequestDeadline(config.frameTimeout().toMillis());
    p.addLast("httpDeadline", deadline);
    p.addLast("httpCodec", new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(DashboardHandler.MAX_LINE_BYTES)
        .setMaxHeaderSize(DashboardHandler.MAX_HEADER_BYTES)));
    p.addLast("httpAggregator", new HttpObjectAggregator(Dashboard.MAX_BODY_BYTES));
    return deadline;
  }
}
