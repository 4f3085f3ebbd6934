package org.hikiwake.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hikiwake.codec.wire.ErrorCodes;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.ServerMessage;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {
  @Test
  void encode_messagesOfEverySizeClass_sameBytesAsNettysLengthPrependerAndEncoder() {
    long seed = new SplittableRandom().nextLong();
    System.out.println("FrameEncoderTest seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    List<ServerMessage> messages = new ArrayList<>();
    messages.add(ServerMessage.getDefaultInstance()); // an empty frame: length 0
    // lengths around the varint steps: 1 byte up to 127, 2 up to 16,383, 3 beyond
    for (int length : new int[] {1, 100, 120, 127, 128, 129, 16_370, 16_383, 16_384, 70_000}) {
      messages.add(ErrorCodes.error(random.nextLong(1, Long.MAX_VALUE),
          ErrorCode.ERROR_CODE_INTERNAL, "é".repeat(Math.max(1, length / 2))));
    }
    for (int i = 0; i < 200; i++) {
      StringBuilder text = new StringBuilder();
      int chars = random.nextInt(0, 3_000);
      for (int c = 0; c < chars; c++) {
        text.appendCodePoint(random.nextInt(4) == 0 ? 0x1F338 : 'a' + random.nextInt(26));
      }
      messages.add(ErrorCodes.error(random.nextLong(0, Long.MAX_VALUE),
          ErrorCode.ERROR_CODE_BAD_REQUEST, text.toString()));
    }
    EmbeddedChannel ours = new EmbeddedChannel(new FrameEncoder());
    EmbeddedChannel netty = new EmbeddedChannel(new ProtobufVarint32LengthFieldPrepender(),
        new ProtobufEncoder());
    for (ServerMessage m : messages) {
      ours.writeOutbound(m);
      netty.writeOutbound(m);
      ByteBuf a = ours.readOutbound();
      ByteBuf b = netty.readOutbound();
      assertThat(a.capacity()).as("a buffer of exactly the frame's size")
          .isEqualTo(b.readableBytes());
      assertThat(bytes(a)).as("frame of a %d-byte message (seed %d)", m.getSerializedSize(),
          seed).isEqualTo(bytes(b));
      assertThat((Object) netty.readOutbound()).as("Netty's frame is one buffer").isNull();
    }
    assertThat(ours.finish()).isFalse();
  }

  private static byte[] bytes(ByteBuf buf) {
    byte[] out = ByteBufUtil.getBytes(buf);
    buf.release();
    return out;
  }
}
