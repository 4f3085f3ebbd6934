package org.hikiwake.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hikiwake.proto.wire.ServerMessage;

/**
 * A separate client process for the idle-connection measurement, so that the
 * server's heap is measured alone and each process stays under its file
 * limit: opens N connections, says hello on each, prints {@code READY ok failed},
 * then holds them until its standard input closes (or a time limit passes).
 *
 * <p>Arguments: port, connections, seconds to live at most.
 */
public final class IdleClients {
  private IdleClients() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    long maxSeconds = Long.parseLong(args[2]);
    Thread guard = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
      } catch (InterruptedException e) {
        return;
      }
      System.out.println("TIMEOUT after " + maxSeconds + " s");
      System.exit(2);
    }, "idle-clients-guard");
    guard.setDaemon(true);
    guard.start();

    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Semaphore inFlight = new Semaphore(500);
    AtomicInteger welcomed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ChannelHandler onWelcome = new Greeter(inFlight, welcomed);
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(new ClientInitializer(onWelcome));
    for (int i = 0; i < count; i++) {
      if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
        break;
      }
      b.connect("127.0.0.1", port).addListener(f -> {
        if (!f.isSuccess()) {
          failed.incrementAndGet();
          inFlight.release();
        }
      });
    }
    inFlight.tryAcquire(500, 60, TimeUnit.SECONDS);
    System.out.println("READY " + welcomed.get() + " " + failed.get());
    System.out.flush();
    while (System.in.read() >= 0) {
      // hold the connections until the parent closes our input
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** Says hello when connected and counts the welcome; shared by every connection. */
  @ChannelHandler.Sharable
  private static final class Greeter extends SimpleChannelInboundHandler<ServerMessage> {
    private final Semaphore inFlight;
    private final AtomicInteger welcomed;

    Greeter(Semaphore inFlight, AtomicInteger welcomed) {
      this.inFlight = inFlight;
      this.welcomed = welcomed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.writeAndFlush(WireMessages.hello(1));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ServerMessage m) {
      if (m.hasWelcome()) {
        welcomed.incrementAndGet();
        inFlight.release();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      System.out.println("connection failed: " + cause);
      ctx.close();
    }
  }
}
