package org.hikiwake.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: a bare Netty server with the game server's framing and
 * protobuf codecs, bootstrap options and thread counts, that answers a
 * proposal with one offer_made event of its package (echo), or with the five
 * frames the game server sends for an offer (fan-out), and does nothing else.
 */
final class EchoServer implements AutoCloseable {
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final Channel serverChannel;

  private EchoServer(int port, boolean fanOut) throws InterruptedException {
    bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("echo-boss"),
        NioIoHandler.newFactory());
    // Same thread count as the game server's worker group (Netty's default, 2 x cores).
    workerGroup = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("echo-worker"),
        NioIoHandler.newFactory());
    serverChannel = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new EchoServerInitializer(
            fanOut ? EchoServerHandler.newPairRegistry() : null))
        .bind("127.0.0.1", port).sync().channel();
  }

  /** Starts on the given port (0 for a free one); returns once bound. */
  static EchoServer start(int port, boolean fanOut) throws InterruptedException {
    return new EchoServer(port, fanOut);
  }

  int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
