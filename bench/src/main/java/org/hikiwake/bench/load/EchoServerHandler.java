package org.hikiwake.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.hikiwake.codec.Versions;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.Welcome;

/**
 * Answers hello with welcome, and a proposal either with one offer_made event
 * of its package (echo), or with the game server's frames for an offer (fan-out):
 * done, offer_made and turn_changed to the sender in one flush, and offer_made
 * and turn_changed to the other connection of its pair (named in the hello's
 * client name) in one flush.
 */
final class EchoServerHandler extends SimpleChannelInboundHandler<ClientMessage> {
  private final ConcurrentMap<String, Channel> pairs;
  private String pairKey;
  private Channel partner;
  private long seq;

  /** @param pairs null for plain echo; else the server's connections by pair name */
  EchoServerHandler(ConcurrentMap<String, Channel> pairs) {
    this.pairs = pairs;
  }

  static ConcurrentMap<String, Channel> newPairRegistry() {
    return new ConcurrentHashMap<>();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ClientMessage msg) {
    Channel ch = ctx.channel();
    if (!msg.hasPropose()) {
      if (pairs != null && msg.hasHello()) {
        pairKey = msg.getHello().getClientName();
        pairs.put(pairKey, ch);
      }
      ch.writeAndFlush(ServerMessage.newBuilder().setRequestId(msg.getRequestId())
          .setWelcome(Welcome.newBuilder().setProtocolVersion(Versions.PROTOCOL).setServerVersion("echo"))
          .build(), ch.voidPromise());
      return;
    }
    if (pairs == null) {
      ch.writeAndFlush(WireMessages.echoOf(msg, ++seq), ch.voidPromise());
      return;
    }
    if (partner == null) {
      partner = pairs.get(WireMessages.partnerOf(pairKey));
    }
    String role = WireMessages.roleOf(pairKey);
    String next = WireMessages.otherRole(role);
    ServerMessage offer = WireMessages.offerMade(msg, role, ++seq);
    ServerMessage turn = WireMessages.turnChanged(next, ++seq);
    // The same frames, flushes and order as the game server's commit of an offer: one
    // delivery per recipient, written in one go and flushed once, on the recipient's own
    // event loop (one task for the other side, as the room hands it to that session).
    ch.write(WireMessages.done(msg.getRequestId()), ch.voidPromise());
    ch.write(offer, ch.voidPromise());
    ch.write(turn, ch.voidPromise());
    ch.flush();
    Channel other = partner;
    other.eventLoop().execute(() -> {
      other.write(offer, other.voidPromise());
      other.write(turn, other.voidPromise());
      other.flush();
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (pairKey != null) {
      pairs.remove(pairKey, ctx.channel());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
