package org.hikiwake.server.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin Netty end of a dashboard connection: turns each HTTP request into
 * a {@link Dashboard.Request} and its answer back into a response; upgrades
 * the live feed's request to a WebSocket and hands the frames to its
 * {@link LiveFeed}. Bad requests (lines or headers too long, too many
 * requests) get their HTTP error and the connection is closed.
 */
public final class DashboardHandler extends SimpleChannelInboundHandler<Object> {
  private static final Logger log = LoggerFactory.getLogger(DashboardHandler.class);
  /** The longest request line accepted (414 beyond). */
  public static final int MAX_LINE_BYTES = 4096;
  /** The most header bytes accepted (431 beyond). */
  public static final int MAX_HEADER_BYTES = 8192;
  /** The largest WebSocket frame a page may send; pages send none. */
  public static final int MAX_FRAME_BYTES = 1024;
  /** Requests one connection may make in a second. */
  static final int MAX_REQUESTS_PER_SECOND = 20;
  /** How often a live connection is pinged (browsers answer), and its feed pumped. */
  static final long PING_MILLIS = 15_000;
  private static final long PUMP_MILLIS = 1_000;

  private final Dashboard dashboard;
  private final RequestDeadline deadline;
  private final boolean secure;
  private long windowStart = System.nanoTime();
  private int requestsInWindow;
  private WebSocketServerHandshaker handshaker;
  private LiveFeed feed;
  private ScheduledFuture<?> pinger;
  private ScheduledFuture<?> pumper;

  /**
   * @param deadline the guard that times out slow requests; stepped aside on upgrade
   * @param secure true if the connection is TLS (cookies are then Secure)
   */
  public DashboardHandler(Dashboard dashboard, RequestDeadline deadline, boolean secure) {
    this.dashboard = dashboard;
    this.deadline = deadline;
    this.secure = secure;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest req) {
      request(ctx, req);
    } else if (msg instanceof WebSocketFrame frame) {
      frame(ctx, frame);
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void request(ChannelHandlerContext ctx, FullHttpRequest req) {
    deadline.requestComplete();
    if (!req.decoderResult().isSuccess()) {
      Throwable cause = req.decoderResult().cause();
      if (cause instanceof TooLongHttpHeaderException) {
        fail(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "The request's headers are too large.");
      } else if (cause instanceof TooLongHttpLineException) {
        fail(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is too long.");
      } else {
        fail(ctx, HttpResponseStatus.BAD_REQUEST, "The request is not valid HTTP/1.1.");
      }
      return;
    }
    long now = System.nanoTime();
    if (now - windowStart > TimeUnit.SECONDS.toNanos(1)) {
      windowStart = now;
      requestsInWindow = 0;
    }
    if (++requestsInWindow > MAX_REQUESTS_PER_SECOND) {
      log.info("closing dashboard connection {}: more than {} requests a second",
          ctx.channel().remoteAddress(), MAX_REQUESTS_PER_SECOND);
      fail(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "Too many requests; slow down.");
      return;
    }
    Dashboard.Request r = toRequest(req);
    if (req.method().equals(HttpMethod.GET)
        && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      upgrade(ctx, req, r);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    boolean head = req.method().equals(HttpMethod.HEAD);
    // one request at a time: answers may come later than the next request's
    ctx.channel().config().setAutoRead(false);
    dashboard.handle(r).whenComplete((resp, failure) -> ctx.executor().execute(() -> {
      Dashboard.Response answer = failure == null ? resp
          : Dashboard.Response.error(500, "The server failed; see its log.");
      if (failure != null) {
        log.error("dashboard request {} failed", r.path(), failure);
      }
      write(ctx, answer, keepAlive, head);
      ctx.channel().config().setAutoRead(true);
    }));
  }

  private Dashboard.Request toRequest(FullHttpRequest req) {
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    Map<String, String> form = new LinkedHashMap<>();
    String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    if (req.method().equals(HttpMethod.POST)
        && type.startsWith(HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString())) {
      new QueryStringDecoder(req.content().toString(UTF_8), UTF_8, false, 16).parameters()
          .forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
    }
    Optional<String> cookie = Optional.empty();
    for (String header : req.headers().getAll(HttpHeaderNames.COOKIE)) {
      for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
        if (c.name().equals(DashboardPasses.COOKIE)) {
          cookie = Optional.of(c.value());
        }
      }
    }
    return new Dashboard.Request(req.method().name(), uri.path(), uri.parameters(), form,
        cookie, Optional.ofNullable(req.headers().get(HttpHeaderNames.ORIGIN)),
        req.headers().get(HttpHeaderNames.HOST, ""), secure);
  }

  private static void write(ChannelHandlerContext ctx, Dashboard.Response r, boolean keepAlive,
      boolean head) {
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(r.status()),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    r.headers().forEach((k, v) -> resp.headers().set(k, v));
    if (keepAlive) {
      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(resp);
    } else {
      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Answers with an error and closes: used when the request itself is bad. */
  private static void fail(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
    write(ctx, Dashboard.Response.error(status.code(), message), false, false);
  }

  // ---------------------------------------------------------------- the live feed

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, Dashboard.Request r) {
    Dashboard.LiveAnswer answer = dashboard.live(r);
    if (answer instanceof Dashboard.LiveAnswer.Refused refused) {
      write(ctx, refused.response(), false, false);
      return;
    }
    Dashboard.Live live = ((Dashboard.LiveAnswer.Allowed) answer).live();
    String url = (secure ? "wss://" : "ws://") + r.host() + r.path();
    handshaker = new WebSocketServerHandshakerFactory(url, null, false, MAX_FRAME_BYTES)
        .newHandshaker(req);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    Channel ch = ctx.channel();
    feed = new LiveFeed(dashboard, live, new SocketOutbound(ch), ch.eventLoop(),
        System::nanoTime);
    handshaker.handshake(ch, req).addListener(f -> {
      if (!f.isSuccess()) {
        log.info("dashboard handshake with {} failed: {}", ch.remoteAddress(),
            f.cause().toString());
        ch.close();
        return;
      }
      // a WebSocket has no request to time out; idleness is the idle handler's
      if (ch.pipeline().get(RequestDeadline.class) != null) {
        ch.pipeline().remove(RequestDeadline.class);
      }
      log.info("dashboard of class {} ({} view) opened by {}", live.room().code(),
          live.view().name().toLowerCase(java.util.Locale.ROOT), ch.remoteAddress());
      feed.start();
      pinger = ch.eventLoop().scheduleAtFixedRate(
          () -> ch.writeAndFlush(new PingWebSocketFrame()), PING_MILLIS, PING_MILLIS,
          TimeUnit.MILLISECONDS);
      pumper = ch.eventLoop().scheduleAtFixedRate(feed::pump, PUMP_MILLIS, PUMP_MILLIS,
          TimeUnit.MILLISECONDS);
    });
  }

  private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame) {
      handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
    } else if (frame instanceof PingWebSocketFrame) {
      feed.onFrame();
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    } else if (!(frame instanceof PongWebSocketFrame)) {
      feed.onFrame();
    }
  }

  /** A feed's outbound side on a WebSocket channel. */
  private final class SocketOutbound implements LiveFeed.Outbound {
    private final Channel ch;

    SocketOutbound(Channel ch) {
      this.ch = ch;
    }

    @Override
    public void send(String text) {
      ch.writeAndFlush(new TextWebSocketFrame(text), ch.voidPromise());
    }

    @Override
    public boolean isWritable() {
      return ch.isWritable();
    }

    @Override
    public boolean isOpen() {
      return ch.isActive();
    }

    @Override
    public void close(int status, String reason) {
      if (ch.isActive()) {
        handshaker.close(ch, new CloseWebSocketFrame(status, reason));
        // a page that reads nothing would keep the close, and the connection, forever
        ch.eventLoop().schedule(() -> ch.close(), 2, TimeUnit.SECONDS);
      }
    }

    @Override
    public String describe() {
      return String.valueOf(ch.remoteAddress());
    }
  }

  // ---------------------------------------------------------------- the channel's life

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (feed != null && ctx.channel().isWritable()) {
      feed.pump();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (pinger != null) {
      pinger.cancel(false);
      pumper.cancel(false);
    }
    if (feed != null) {
      feed.onClosed();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      log.info("closing idle dashboard connection {}", ctx.channel().remoteAddress());
      if (feed != null) {
        handshaker.close(ctx.channel(), new CloseWebSocketFrame(LiveFeed.GOING_AWAY,
            "idle")).addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.close();
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof IOException
        || cause instanceof io.netty.handler.codec.CorruptedFrameException) {
      log.info("closing dashboard connection {}: {}", ctx.channel().remoteAddress(),
          cause.toString());
    } else {
      log.error("dashboard connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
