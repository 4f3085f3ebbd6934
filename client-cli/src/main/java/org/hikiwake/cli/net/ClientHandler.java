package org.hikiwake.cli.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.hikiwake.proto.wire.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes server messages to the {@link Connection}, and pings when the link is quiet. */
final class ClientHandler extends SimpleChannelInboundHandler<ServerMessage> {
  private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

  private final Connection connection;

  ClientHandler(Connection connection) {
    this.connection = connection;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ServerMessage message) {
    connection.received(message);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
      connection.ping();
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection to {} failed; closing it", connection.address(), cause);
    connection.failed(cause);
    ctx.close();
  }
}
