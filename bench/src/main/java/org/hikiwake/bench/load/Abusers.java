package org.hikiwake.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hikiwake.codec.Versions;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.Hello;
import org.hikiwake.proto.wire.JoinSeat;
import org.hikiwake.proto.wire.ListGames;
import org.hikiwake.proto.wire.WatchGame;

/**
 * Abusive connections, as the fuzzer of issue 15 ran them: each says hello,
 * then sends a frame every {@value #EVERY_MILLIS} ms (the default message rate),
 * drawn from a mix of unpaged listings asked with a huge page size, unknown
 * game codes of 60,000 characters, random bytes, over-long varints,
 * oversized frames and mutated valid frames; a quarter of them never read
 * what the server sends. A connection the server closes is opened again.
 */
final class Abusers implements AutoCloseable {
  private static final long EVERY_MILLIS = 50;

  private final Bootstrap bootstrap;
  private final List<Channel> channels = new ArrayList<>();
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private volatile boolean stopping;

  Abusers(EventLoopGroup group, int port) {
    this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.SO_LINGER, 0).remoteAddress("127.0.0.1", port);
  }

  void start(int count) {
    for (int i = 0; i < count; i++) {
      open(i, new SplittableRandom(0xAB05E + i));
    }
  }

  long frames() {
    return frames.get();
  }

  long reconnects() {
    return reconnects.get();
  }

  private void open(int index, SplittableRandom random) {
    if (stopping) {
      return;
    }
    boolean slowReader = index % 4 == 0;
    Bootstrap b = bootstrap.clone().handler(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
      }
    });
    b.connect().addListener(f -> {
      if (!f.isSuccess()) {
        bootstrap.config().group().schedule(() -> open(index, random), 100,
            TimeUnit.MILLISECONDS);
        return;
      }
      Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
      synchronized (channels) {
        channels.add(ch);
      }
      if (slowReader) {
        ch.config().setAutoRead(false);
      }
      ch.writeAndFlush(frame(ClientMessage.newBuilder().setRequestId(1).setHello(
          Hello.newBuilder().setProtocolVersion(Versions.PROTOCOL).setClientName("abuser")).build()
          .toByteArray()));
      var task = ch.eventLoop().scheduleAtFixedRate(() -> {
        if (ch.isActive()) {
          frames.incrementAndGet();
          ch.writeAndFlush(next(random, slowReader));
        }
      }, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
      ch.closeFuture().addListener(c -> {
        task.cancel(false);
        synchronized (channels) {
          channels.remove(ch);
        }
        if (!stopping) {
          reconnects.incrementAndGet();
          ch.eventLoop().schedule(() -> open(index, random), 10, TimeUnit.MILLISECONDS);
        }
      });
    });
  }

  private static ByteBuf next(SplittableRandom r, boolean slowReader) {
    int kind = slowReader ? 0 : r.nextInt(8);
    switch (kind) {
      case 0:
      case 1:
        return frame(ClientMessage.newBuilder().setRequestId(2).setListGames(
            ListGames.newBuilder().setPageSize(1_000_000)).build().toByteArray());
      case 2:
        return frame(ClientMessage.newBuilder().setRequestId(3).setWatchGame(
            WatchGame.newBuilder().setGameCode("Q".repeat(60_000))).build().toByteArray());
      case 3:
        return frame(ClientMessage.newBuilder().setRequestId(4).setJoinSeat(
            JoinSeat.newBuilder().setGameCode("NOPE-NOPE").setRole("r".repeat(30_000)))
            .build().toByteArray());
      case 4: {
        byte[] junk = new byte[1 + r.nextInt(200)];
        for (int i = 0; i < junk.length; i++) {
          junk[i] = (byte) r.nextInt(256);
        }
        return frame(junk);
      }
      case 5:
        // a request id whose tag takes six bytes
        return frame(new byte[] {(byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, 0x00, 0x05});
      case 6:
        return Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 0x0f});
      default: {
        byte[] valid = ClientMessage.newBuilder().setRequestId(5).setListGames(
            ListGames.newBuilder().setPageSize(1 + r.nextInt(500))).build().toByteArray();
        valid[r.nextInt(valid.length)] ^= (byte) (1 << r.nextInt(8));
        return frame(valid);
      }
    }
  }

  private static ByteBuf frame(byte[] payload) {
    ByteBuf b = Unpooled.buffer(payload.length + 5);
    int n = payload.length;
    while ((n & ~0x7f) != 0) {
      b.writeByte((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    b.writeByte(n);
    return b.writeBytes(payload);
  }

  @Override
  public void close() {
    stopping = true;
    List<Channel> open;
    synchronized (channels) {
      open = List.copyOf(channels);
    }
    open.forEach(Channel::close);
  }
}
