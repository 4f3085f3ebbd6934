package org.hikiwake.server.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Plain HTTP on a server that takes only TLS: a page request is sent on to
 * the same address with {@code https://}; anything else is told to use it.
 * Either way the connection then closes.
 */
public final class HttpsRedirectHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** A Host header worth redirecting to: a name or address and an optional port. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?"
      + "|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    String host = req.headers().get(HttpHeaderNames.HOST, "");
    boolean page = req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD);
    FullHttpResponse res;
    if (page && HOST.matcher(host).matches() && req.uri().startsWith("/")) {
      res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.PERMANENT_REDIRECT, Unpooled.EMPTY_BUFFER);
      res.headers().set(HttpHeaderNames.LOCATION, "https://" + host + req.uri());
    } else {
      res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
          Unpooled.copiedBuffer("This server takes only HTTPS: use https://" + host
              + req.uri() + "\n", StandardCharsets.UTF_8));
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    }
    res.headers().set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
