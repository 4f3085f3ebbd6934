package org.hikiwake.cli.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

class BoundedFrameDecoderTest {
  @Test
  void decode_framesInPieces_comeOutWhole() {
    EmbeddedChannel ch = new EmbeddedChannel(new BoundedFrameDecoder(16));
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 'a'}));
    assertThat((Object) ch.readInbound()).isNull();
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'b', 'c', 1, 'd'}));
    ByteBuf first = ch.readInbound();
    ByteBuf second = ch.readInbound();
    assertThat(first.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abc");
    assertThat(second.readableBytes()).isEqualTo(1);
    first.release();
    second.release();
  }

  @Test
  void decode_lengthOverTheLimit_isRefusedBeforeTheFrameArrives() {
    EmbeddedChannel ch = new EmbeddedChannel(new BoundedFrameDecoder(16));
    // 17 as a varint: one byte; none of the frame follows yet.
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {17})))
        .isInstanceOf(TooLongFrameException.class)
        .hasMessage("the server sent a frame of 17 bytes, over this client's limit of 16 bytes");
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 'x'}));
    assertThat((Object) ch.readInbound()).as("nothing is read after a bad frame").isNull();
  }

  @Test
  void decode_varintLongerThanFiveBytes_isMalformed() {
    EmbeddedChannel ch = new EmbeddedChannel(new BoundedFrameDecoder(16));
    byte[] endless = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1};
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(endless)))
        .isInstanceOf(CorruptedFrameException.class);
  }
}
