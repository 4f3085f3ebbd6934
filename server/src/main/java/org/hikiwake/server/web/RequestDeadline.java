package org.hikiwake.server.web;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each HTTP request a deadline from its first byte: a client that
 * trickles a request to hold the connection gets 408 and is closed, as the
 * game protocol's frame timeout does for a trickled frame. Sits in front of
 * the HTTP codec, which tells it when a request is complete.
 */
public final class RequestDeadline extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);
  private static final byte[] TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 36\r\n"
      + "Connection: close\r\n\r\nThe request took too long to arrive.").getBytes(US_ASCII);

  private final long timeoutMillis;
  private ScheduledFuture<?> expiry;
  private boolean expired;

  public RequestDeadline(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (expired) {
      if (msg instanceof ByteBuf b) {
        b.release();
      }
      return;
    }
    if (expiry == null && msg instanceof ByteBuf b && b.isReadable()) {
      expiry = ctx.executor().schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
    }
    ctx.fireChannelRead(msg);
  }

  /** The request read so far is complete: the next one gets its own deadline. */
  void requestComplete() {
    cancel();
  }

  private void expire(ChannelHandlerContext ctx) {
    expiry = null;
    expired = true;
    log.info("closing dashboard connection {}: a request took more than {} ms to arrive",
        ctx.channel().remoteAddress(), timeoutMillis);
    // past the codec, which holds the half request: these bytes go out as they are
    ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
  }

  private void cancel() {
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }
}
