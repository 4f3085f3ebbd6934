package org.hikiwake.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import org.hikiwake.codec.wire.ErrorCodes;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.Watching;
import org.junit.jupiter.api.Test;

class ChannelOutboundTest {
  private static final ServerMessage KILOBYTE = ErrorCodes.error(1, ErrorCode.ERROR_CODE_INTERNAL,
      "x".repeat(1_000));

  @Test
  void write_readerThatNeverTakesItsOutput_isCutOffPastTheBudget() {
    EmbeddedChannel ch = new EmbeddedChannel(new ProtobufEncoder());
    ChannelOutbound out = new ChannelOutbound(ch);

    // unflushed writes stay in the outbound buffer, as they do for a client that reads nothing
    for (int i = 0; i < 2 * ChannelOutbound.MAX_PENDING_BYTES / 1_000 && ch.isOpen(); i++) {
      out.write(KILOBYTE);
    }

    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void write_readerThatKeepsUp_isNeverCutOff() {
    EmbeddedChannel ch = new EmbeddedChannel(new ProtobufEncoder());
    ChannelOutbound out = new ChannelOutbound(ch);

    for (int i = 0; i < 4 * ChannelOutbound.MAX_PENDING_BYTES / 1_000; i++) {
      out.write(KILOBYTE);
      out.flush();
      ch.releaseOutbound();
    }

    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void closeWith_queuedReplies_areSentBeforeTheErrorAndThenTheConnectionCloses() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ChannelOutbound out = new ChannelOutbound(ch);
    ServerMessage reply = ServerMessage.newBuilder().setRequestId(3)
        .setWatching(Watching.getDefaultInstance()).build();
    ServerMessage error = ErrorCodes.error(0, ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "idle");

    out.write(reply);
    out.closeWith(error);

    assertThat((Object) ch.readOutbound()).isEqualTo(reply);
    assertThat((Object) ch.readOutbound()).isEqualTo(error);
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.config().isAutoRead()).isFalse();
  }
}
