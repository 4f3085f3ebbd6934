package org.hikiwake.server.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.hikiwake.codec.wire.ErrorCodes;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a server that takes only TLS, a plain game connection gets one answer,
 * to its first message (its hello), saying to connect with TLS; then it is closed.
 */
final class TlsRequiredHandler extends SimpleChannelInboundHandler<ClientMessage> {
  private static final Logger log = LoggerFactory.getLogger(TlsRequiredHandler.class);

  static final String MESSAGE = "This server takes only encrypted (TLS) connections: connect"
      + " again with --tls, or with the address written as tls://HOST:PORT.";

  private boolean answered;

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
    if (answered) {
      return;
    }
    answered = true;
    log.info("refusing plain connection {}: this server takes only TLS",
        ctx.channel().remoteAddress());
    ctx.writeAndFlush(ErrorCodes.error(message.getRequestId(), ErrorCode.ERROR_CODE_TLS_REQUIRED,
        MESSAGE)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing plain connection {} to a TLS-only server", ctx.channel().remoteAddress(),
        cause);
    ctx.close();
  }
}
