package org.hikiwake.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.classroom.Classes;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.web.DashboardPasses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin Netty end of a connection: hands each decoded message to the
 * connection's {@link Session} and turns the channel's life (close, idle,
 * bad frames) into calls on it. Everything else is the session's.
 */
final class ClientHandler extends SimpleChannelInboundHandler<ClientMessage> {
  private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

  private final ServerConfig config;
  private final Lobby lobby;
  private final Classes classes;
  private final ConnectionCounter connections;
  private final DashboardPasses passes;
  private Session session;

  ClientHandler(ServerConfig config, Lobby lobby, Classes classes,
      ConnectionCounter connections, DashboardPasses passes) {
    this.config = config;
    this.lobby = lobby;
    this.classes = classes;
    this.connections = connections;
    this.passes = passes;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // added once the first bytes named the protocol: the channel is active by then
    if (ctx.channel().isActive()) {
      open(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    open(ctx);
    super.channelActive(ctx);
  }

  private void open(ChannelHandlerContext ctx) {
    if (session != null) {
      return;
    }
    connections.add(ctx.channel());
    session = new Session(config, lobby, classes, passes, new ChannelOutbound(ctx.channel()),
        ctx.channel().eventLoop(), System::nanoTime);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    session.onClosed();
    super.channelInactive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ClientMessage msg) {
    session.onMessage(msg);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    // stop reading from a client that does not read its replies, so they cannot pile up here
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      log.info("closing idle connection {}", ctx.channel().remoteAddress());
      session.fail(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "Nothing was received for "
          + config.idleTimeout().toSeconds() + " s, so the connection is closed.");
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      log.info("closing {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
      session.fail(ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE, "A frame can be at most "
          + config.maxFrameBytes() + " bytes, so the connection is closed.");
    } else if (cause instanceof DecoderException) {
      log.info("closing {}: malformed input: {}", ctx.channel().remoteAddress(),
          cause.getMessage());
      session.fail(ErrorCode.ERROR_CODE_MALFORMED_FRAME, "The bytes received are not a valid"
          + " hikiwake frame (a varint32 length, then a ClientMessage), so the connection is"
          + " closed.");
    } else if (cause instanceof IOException) {
      log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    } else {
      log.error("unexpected failure on {}", ctx.channel().remoteAddress(), cause);
      session.fail(ErrorCode.ERROR_CODE_INTERNAL,
          "The server failed while handling this connection; see its log.");
    }
  }
}
