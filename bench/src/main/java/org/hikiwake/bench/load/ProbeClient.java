package org.hikiwake.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ResumeSeat;
import org.hikiwake.proto.wire.ServerMessage;

/** One blocking connection that sends a request and waits for its reply. */
final class ProbeClient implements AutoCloseable {
  private final Channel channel;
  private final BlockingQueue<ServerMessage> replies = new LinkedBlockingQueue<>();
  private long ids;

  private ProbeClient(EventLoopGroup group, int port) throws InterruptedException {
    channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ClientInitializer(new SimpleChannelInboundHandler<ServerMessage>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, ServerMessage m) {
            if (m.getRequestId() != 0) {
              replies.add(m);
            }
          }
        }))
        .connect("127.0.0.1", port).sync().channel();
  }

  static ProbeClient connect(EventLoopGroup group, int port) throws InterruptedException {
    return new ProbeClient(group, port);
  }

  ServerMessage hello() throws InterruptedException, IOException {
    return request(WireMessages.hello(++ids));
  }

  ServerMessage resume(String code, String token) throws InterruptedException, IOException {
    return request(ClientMessage.newBuilder().setRequestId(++ids)
        .setResumeSeat(ResumeSeat.newBuilder().setGameCode(code).setSeatToken(token)).build());
  }

  private ServerMessage request(ClientMessage m) throws InterruptedException, IOException {
    channel.writeAndFlush(m);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      ServerMessage reply = replies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (reply == null) {
        throw new IOException("no reply to " + m.getCommandCase() + " within 20 s");
      }
      if (reply.getRequestId() == m.getRequestId()) {
        return reply;
      }
    }
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
