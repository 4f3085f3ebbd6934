package org.hikiwake.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells, from a connection's first bytes, which protocol it speaks on the
 * game port, stacks that protocol's codecs in its own place and steps aside,
 * handing them the bytes read so far.
 *
 * <ul>
 *   <li>An HTTP request starts with a method token and a space ("GET ",
 *       "POST ", ...): the dashboard.
 *   <li>A TLS record starts with 0x16 0x03 (a handshake record of TLS 1.x).
 *       A TLS stack decrypts and puts a new detector behind itself, so HTTP
 *       and protobuf are told apart again inside TLS.
 *   <li>Anything else is the game protocol: a protobuf client's first frame
 *       is a varint length, then tag 0x08 (request_id) or 0x52 (hello), and
 *       no length followed by such a tag spells a method token and a space.
 * </ul>
 *
 * <p>At most {@value #LONGEST} bytes are needed; a connection that stops
 * before they decide is closed after the frame timeout.
 */
public final class ProtocolDetector extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(ProtocolDetector.class);

  /** Method tokens with their space, as a request line starts. */
  private static final List<byte[]> METHODS = List.of("GET ", "HEAD ", "POST ", "PUT ",
      "DELETE ", "OPTIONS ", "PATCH ", "TRACE ", "CONNECT ", "PRI ").stream()
      .map(m -> m.getBytes(StandardCharsets.US_ASCII)).toList();
  /** The most bytes a decision needs ("OPTIONS ", "CONNECT "). */
  static final int LONGEST = 8;

  /** Builds one protocol's stack in place of the detector. */
  public interface Stacks {
    /** The game protocol's codecs and handler. */
    void protobuf(ChannelPipeline p);

    /** The dashboard's HTTP codecs and handler. */
    void http(ChannelPipeline p);

    /**
     * A TLS stack (an SslHandler, then a new detector), or false if this
     * server does not speak TLS; the connection is then closed.
     */
    boolean tls(ChannelPipeline p);
  }

  private final Stacks stacks;
  private final long timeoutMillis;
  private ScheduledFuture<?> expiry;

  /** @param timeoutMillis how long the first bytes may take to decide */
  public ProtocolDetector(Stacks stacks, long timeoutMillis) {
    this.stacks = stacks;
    this.timeoutMillis = timeoutMillis;
  }

  /** What the first bytes say. */
  enum Verdict { HTTP, TLS, PROTOBUF, UNDECIDED }

  static Verdict verdict(ByteBuf in) {
    int n = in.readableBytes();
    int at = in.readerIndex();
    if (n >= 1 && in.getByte(at) == 0x16) {
      if (n < 2) {
        return Verdict.UNDECIDED;
      }
      byte major = in.getByte(at + 1);
      return major == 0x03 ? Verdict.TLS : Verdict.PROTOBUF;
    }
    boolean maybe = false;
    for (byte[] method : METHODS) {
      int k = Math.min(n, method.length);
      boolean prefix = true;
      for (int i = 0; i < k && prefix; i++) {
        prefix = in.getByte(at + i) == method[i];
      }
      if (prefix && n >= method.length) {
        return Verdict.HTTP;
      }
      maybe |= prefix;
    }
    return maybe || n == 0 ? Verdict.UNDECIDED : Verdict.PROTOBUF;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    Verdict v = verdict(in);
    ChannelPipeline p = ctx.pipeline();
    switch (v) {
      case UNDECIDED:
        if (expiry == null) {
          expiry = ctx.executor().schedule(() -> {
            log.info("closing {}: its first bytes did not name a protocol within {} ms",
                ctx.channel().remoteAddress(), timeoutMillis);
            ctx.close();
          }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        return;
      case HTTP:
        stacks.http(p);
        break;
      case TLS:
        if (!stacks.tls(p)) {
          log.info("closing {}: it speaks TLS, which this server is not set up for",
              ctx.channel().remoteAddress());
          in.skipBytes(in.readableBytes());
          ctx.close();
          return;
        }
        break;
      case PROTOBUF:
        stacks.protobuf(p);
        break;
      default:
        throw new AssertionError(v);
    }
    cancelExpiry();
    // removing a decoder hands what it has buffered to the handlers now behind it
    p.remove(this);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      log.info("closing idle connection {} before it said anything",
          ctx.channel().remoteAddress());
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  /**
   * A failure before the protocol is known, such as a TLS handshake the
   * client broke off (it did not trust the certificate): logged and closed.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    log.info("closing {} before it named a protocol: {}", ctx.channel().remoteAddress(),
        root.getMessage() == null ? root.toString() : root.getMessage());
    ctx.close();
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    cancelExpiry();
  }

  private void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }
}
