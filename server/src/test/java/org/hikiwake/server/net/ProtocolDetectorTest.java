package org.hikiwake.server.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which protocol the first bytes name, and that the bytes reach the stack chosen. */
class ProtocolDetectorTest {
  /** Stacks that record their name and collect what reaches them. */
  static final class Recorder implements ProtocolDetector.Stacks {
    final List<String> stacked = new ArrayList<>();
    final List<ByteBuf> received = new ArrayList<>();
    boolean speaksTls;

    private void collect(ChannelPipeline p, String name) {
      stacked.add(name);
      p.addLast(name, new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          received.add((ByteBuf) msg);
        }
      });
    }

    @Override
    public void protobuf(ChannelPipeline p) {
      collect(p, "protobuf");
    }

    @Override
    public void http(ChannelPipeline p) {
      collect(p, "http");
    }

    @Override
    public boolean tls(ChannelPipeline p) {
      if (!speaksTls) {
        return false;
      }
      stacked.add("tls");
      // stands in for an SslHandler: "decrypts" by dropping the record header
      p.addLast("fakeSsl", new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          ByteBuf b = (ByteBuf) msg;
          b.skipBytes(Math.min(3, b.readableBytes()));
          ctx.fireChannelRead(b);
        }
      });
      p.addLast("detectInside", new ProtocolDetector(this, 1000));
      return true;
    }

    String text() {
      StringBuilder b = new StringBuilder();
      received.forEach(buf -> {
        b.append(buf.toString(US_ASCII));
        buf.release();
      });
      return b.toString();
    }
  }

  private final Recorder stacks = new Recorder();
  private final EmbeddedChannel channel = new EmbeddedChannel(
      new ProtocolDetector(stacks, 500));

  @Test
  void protobufHello_isTheGameProtocol_andItsBytesReachIt() {
    byte[] hello = org.hikiwake.server.TestClient.delimited(ServerInitializerTest.HELLO);

    channel.writeInbound(Unpooled.wrappedBuffer(hello));

    assertThat(stacks.stacked).containsExactly("protobuf");
    assertThat(channel.pipeline().get(ProtocolDetector.class)).isNull();
    assertThat(stacks.received).singleElement().satisfies(b ->
        assertThat(b.readableBytes()).isEqualTo(hello.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET / HTTP/1.1\r\n", "HEAD / HTTP/1.1\r\n", "POST /x HTTP/1.1\r\n",
      "PUT /x HTTP/1.1\r\n", "DELETE /x HTTP/1.1\r\n", "OPTIONS * HTTP/1.1\r\n",
      "PATCH /x HTTP/1.1\r\n", "TRACE / HTTP/1.1\r\n", "CONNECT a:1 HTTP/1.1\r\n"})
  void httpRequestLine_isHttp(String line) {
    channel.writeInbound(Unpooled.copiedBuffer(line, US_ASCII));

    assertThat(stacks.stacked).containsExactly("http");
    assertThat(stacks.text()).isEqualTo(line);
  }

  @Test
  void httpMethod_inPiecesOfOneByte_waitsThenIsHttp() {
    for (byte b : "OPTIONS * HTTP/1.1\r\n".getBytes(US_ASCII)) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }

    assertThat(stacks.stacked).containsExactly("http");
    assertThat(stacks.text()).isEqualTo("OPTIONS * HTTP/1.1\r\n");
  }

  @Test
  void frameWhoseLengthIsAnUpperCaseLetter_isStillProtobuf() {
    // a 71-byte frame: its length byte is 'G', but a message's first tag is never 'E'
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'G', 0x08, 0x01}));

    assertThat(stacks.stacked).containsExactly("protobuf");
  }

  @Test
  void tlsRecord_onAPlainServer_isClosed() {
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05}));

    assertThat(stacks.stacked).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void tlsRecord_onATlsServer_detectsAgainBehindTheTlsStack() {
    stacks.speaksTls = true;
    ByteBuf record = Unpooled.buffer();
    record.writeBytes(new byte[] {0x16, 0x03, 0x01}).writeCharSequence("GET / HTTP/1.1\r\n",
        US_ASCII);
    channel.writeInbound(record);

    assertThat(stacks.stacked).containsExactly("tls", "http");
    assertThat(channel.pipeline().names()).containsSubsequence("fakeSsl", "http")
        .doesNotContain("detectInside");
    assertThat(stacks.text()).isEqualTo("GET / HTTP/1.1\r\n");
  }

  @Test
  void undecidedFirstBytes_thatStop_areClosedAfterTheTimeout() {
    channel.writeInbound(Unpooled.copiedBuffer("GE", US_ASCII));
    assertThat(channel.isOpen()).isTrue();

    channel.advanceTimeBy(600, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertThat(stacks.stacked).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void verdict_emptyIsUndecided_garbageIsProtobuf() {
    assertThat(ProtocolDetector.verdict(Unpooled.EMPTY_BUFFER))
        .isEqualTo(ProtocolDetector.Verdict.UNDECIDED);
    assertThat(ProtocolDetector.verdict(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff})))
        .isEqualTo(ProtocolDetector.Verdict.PROTOBUF);
    assertThat(ProtocolDetector.verdict(Unpooled.copiedBuffer("GETX", US_ASCII)))
        .isEqualTo(ProtocolDetector.Verdict.PROTOBUF);
  }

  @Test
  void failureBeforeTheProtocolIsKnown_likeABrokenOffTlsHandshake_closesQuietly() {
    stacks.speaksTls = true;

    channel.pipeline().fireExceptionCaught(new javax.net.ssl.SSLHandshakeException(
        "Received fatal alert: certificate_unknown"));

    assertThat(channel.isOpen()).isFalse();
    assertThat(stacks.stacked).isEmpty();
  }
}
