package org.hikiwake.server.abuse;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32FrameDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hikiwake.proto.wire.ServerMessage;

/**
 * A client connection that writes whatever bytes it is given, unframed, and
 * decodes what the server sends back. For abuse tests.
 */
final class RawConnection implements AutoCloseable {
  /** Request ids the abuse harness keeps for its own pings; no fuzzed id falls in here. */
  static final long PING_IDS = 1L << 50;
  static final long PING_IDS_END = PING_IDS + (1L << 40);

  private final Channel channel;
  private final Queue<ServerMessage> received = new ConcurrentLinkedQueue<>();
  private final Queue<org.hikiwake.proto.wire.ErrorReply> errors = new ConcurrentLinkedQueue<>();
  private final AtomicInteger replies = new AtomicInteger();
  private final AtomicLong highestPong = new AtomicLong(-1);
  private final boolean keep;

  private RawConnection(Channel channel, boolean keep) {
    this.channel = channel;
    this.keep = keep;
  }

  /** Connects; {@code keep} false counts replies without keeping them (floods). */
  static RawConnection open(EventLoopGroup group, int port, boolean keep)
      throws InterruptedException {
    RawConnection[] holder = new RawConnection[1];
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.SO_LINGER, 0)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel c) {
            c.pipeline().addLast(new ProtobufVarint32FrameDecoder(),
                new ProtobufDecoder(ServerMessage.getDefaultInstance()),
                new SimpleChannelInboundHandler<ServerMessage>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, ServerMessage m) {
                    holder[0].onMessage(m);
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close(); // e.g. reset by the server; the close is what tests watch
                  }
                });
          }
        });
    // the handler cannot run before the holder is set: nothing is written before connect
    Channel ch = b.register().sync().channel();
    holder[0] = new RawConnection(ch, keep);
    RawConnection conn = holder[0];
    ch.closeFuture().addListener(f -> {
      synchronized (conn) {
        conn.notifyAll();
      }
    });
    ch.connect(new java.net.InetSocketAddress("127.0.0.1", port)).sync();
    return holder[0];
  }

  static RawConnection open(EventLoopGroup group, int port) throws InterruptedException {
    return open(group, port, true);
  }

  private void onMessage(ServerMessage m) {
    replies.incrementAndGet();
    if (m.hasError()) {
      errors.add(m.getError());
    }
    if (keep) {
      received.add(m);
    }
    if (m.hasPong() && m.getRequestId() >= PING_IDS && m.getRequestId() < PING_IDS_END) {
      highestPong.accumulateAndGet(m.getRequestId(), Math::max);
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /**
   * Waits until a pong for {@code id} or a later ping arrives, or the connection
   * closes; returns false if neither happens in time.
   */
  boolean awaitPongOrClose(long id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (highestPong.get() < id && channel.isActive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  Channel channel() {
    return channel;
  }

  /** Writes bytes as they are. */
  void write(byte[] bytes) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
  }

  boolean isOpen() {
    return channel.isActive();
  }

  /** True if the connection closed within the time. */
  boolean awaitClosed(Duration timeout) throws InterruptedException {
    return channel.closeFuture().await(timeout.toMillis());
  }

  int replies() {
    return replies.get();
  }

  /** The highest harness ping answered so far, or -1. */
  long highestPong() {
    return highestPong.get();
  }

  List<ServerMessage> received() {
    return List.copyOf(received);
  }

  List<org.hikiwake.proto.wire.ErrorReply> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
