package org.hikiwake.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.Ping;
import org.hikiwake.proto.wire.Say;
import org.junit.jupiter.api.Test;

class ClientMessageDecoderTest {
  private static Object decode(byte[] frame) {
    EmbeddedChannel ch = new EmbeddedChannel(new ClientMessageDecoder());
    ch.writeInbound(Unpooled.wrappedBuffer(frame));
    return ch.readInbound();
  }

  private static byte[] bytes(int... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int v : values) {
      out.write(v);
    }
    return out.toByteArray();
  }

  @Test
  void decode_wellFormedMessage_isParsed() {
    ClientMessage m = ClientMessage.newBuilder().setRequestId(300).setIdempotencyKey("k")
        .setSay(Say.newBuilder().setText("引き分け")).build();
    assertThat(decode(m.toByteArray())).isEqualTo(m);
  }

  @Test
  void decode_sixByteTag_isMalformed() throws Exception {
    // request_id (field 1, varint) with its tag 0x08 padded out to six bytes
    byte[] frame = bytes(0x88, 0x80, 0x80, 0x80, 0x80, 0x00, 0x05);
    assertThat(ClientMessage.newBuilder().mergeFrom(frame, 0, frame.length).build()
        .getRequestId()).as("protobuf-java alone accepts it").isEqualTo(5);
    assertThatThrownBy(() -> decode(frame)).isInstanceOf(DecoderException.class)
        .hasMessageContaining("tag longer than 5 bytes");
  }

  @Test
  void decode_sixByteLengthOfANestedMessage_isMalformed() throws Exception {
    // say (field 20, length-delimited) holding text (field 1) whose length takes six bytes
    byte[] frame = bytes(0xa2, 0x01, 0x08, 0x0a, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 'x');
    assertThat(ClientMessage.parseFrom(frame).getSay().getText()).isEqualTo("x");
    assertThatThrownBy(() -> decode(frame)).isInstanceOf(DecoderException.class)
        .hasMessageContaining("length longer than 5 bytes");
  }

  @Test
  void decode_fieldNumberZeroOrGroupOrOverrun_isMalformed() {
    assertThatThrownBy(() -> decode(bytes(0x00, 0x01))).isInstanceOf(DecoderException.class);
    assertThatThrownBy(() -> decode(bytes(0x0b, 0x0c))).isInstanceOf(DecoderException.class)
        .hasMessageContaining("wire type 3");
    assertThatThrownBy(() -> decode(bytes(0xaa, 0x01, 0x7f))).isInstanceOf(
        DecoderException.class).hasMessageContaining("runs past the end");
  }

  @Test
  void decode_unknownFields_areSkippedNotRefused() {
    byte[] known = ClientMessage.newBuilder().setRequestId(1).setPing(Ping.getDefaultInstance())
        .build().toByteArray();
    byte[] frame = new byte[known.length + 4];
    System.arraycopy(known, 0, frame, 0, known.length);
    // field 900 (length-delimited), two bytes
    frame[known.length] = (byte) 0xa2;
    frame[known.length + 1] = 0x38;
    frame[known.length + 2] = 0x01;
    frame[known.length + 3] = 0x00;
    assertThat(((ClientMessage) decode(frame)).hasPing()).isTrue();
  }
}
