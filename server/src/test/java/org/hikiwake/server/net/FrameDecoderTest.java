package org.hikiwake.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  static final int LIMIT = 64 * 1024;

  final EmbeddedChannel channel =
      new EmbeddedChannel(new FrameDecoder(LIMIT, 30, TimeUnit.SECONDS));

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  @Test
  void decode_framesSplitAtEveryChunkBoundary_yieldsTheSameFrames() {
    Random random = new Random(7);
    List<byte[]> bodies = new ArrayList<>();
    // sizes chosen to give 1-, 2- and 3-byte varint prefixes, and an empty frame
    for (int size : new int[] {0, 1, 5, 127, 128, 300, 16_383, 16_384, 40_000, LIMIT}) {
      byte[] body = new byte[size];
      random.nextBytes(body);
      bodies.add(body);
    }
    byte[] stream = concat(bodies);

    for (int trial = 0; trial < 200; trial++) {
      int pos = 0;
      while (pos < stream.length) {
        // mostly tiny chunks, so prefixes are split too; sometimes big ones
        int chunk = random.nextInt(4) == 0 ? 1 + random.nextInt(50_000) : 1 + random.nextInt(4);
        chunk = Math.min(chunk, stream.length - pos);
        channel.writeInbound(Unpooled.wrappedBuffer(stream, pos, chunk));
        pos += chunk;
      }
      for (byte[] body : bodies) {
        ByteBuf frame = channel.readInbound();
        assertThat(frame).as("trial %s: frame of %s bytes", trial, body.length).isNotNull();
        assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(body);
        frame.release();
      }
      assertThat(channel.<Object>readInbound()).isNull();
    }
  }

  @Test
  void decode_frameOfExactlyTheLimit_isAccepted() {
    byte[] body = new byte[LIMIT];
    channel.writeInbound(Unpooled.wrappedBuffer(concat(List.of(body))));

    ByteBuf frame = channel.readInbound();
    assertThat(frame.readableBytes()).isEqualTo(LIMIT);
    frame.release();
  }

  @Test
  void decode_prefixOverTheLimit_isRefusedBeforeTheBodyArrives() {
    byte[] prefix = varint(LIMIT + 1);

    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(prefix)))
        .isInstanceOf(TooLongFrameException.class)
        .hasMessageContaining(String.valueOf(LIMIT + 1));
    assertThat(channel.<Object>readInbound()).isNull();
  }

  @Test
  void decode_prefixClaimingTwoGigabytes_isRefused() {
    byte[] prefix = varint(Integer.MAX_VALUE);

    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(prefix)))
        .isInstanceOf(TooLongFrameException.class);
  }

  @Test
  void decode_prefixOverflowingAnInt_isRefused() {
    // 2^32 - 1 in five bytes: a well-formed varint, but no int32 length
    byte[] prefix = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};

    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(prefix)))
        .isInstanceOf(CorruptedFrameException.class);
  }

  @Test
  void decode_sixByteVarint_isRefused() {
    byte[] prefix = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};

    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(prefix)))
        .isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("longer than 5 bytes");
  }

  @Test
  void decode_afterABadPrefix_readsNothingMore() {
    byte[] validFrame = concat(List.of(new byte[] {8, 1}));
    byte[] badThenValid = new byte[3 + validFrame.length];
    System.arraycopy(varint(70_000), 0, badThenValid, 0, 3);
    System.arraycopy(validFrame, 0, badThenValid, 3, validFrame.length);

    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(badThenValid)))
        .isInstanceOf(TooLongFrameException.class);
    channel.writeInbound(Unpooled.wrappedBuffer(validFrame));
    channel.close();

    assertThat(channel.<Object>readInbound()).isNull();
  }

  @Test
  void decode_incompletePrefix_waitsForMoreBytes() {
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80}));
    assertThat(channel.<Object>readInbound()).isNull();

    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x01}));
    assertThat(channel.<Object>readInbound()).as("128-byte body still missing").isNull();

    channel.writeInbound(Unpooled.wrappedBuffer(new byte[128]));
    ByteBuf frame = channel.readInbound();
    assertThat(frame.readableBytes()).isEqualTo(128);
    frame.release();
  }

  @Test
  void decode_frameTrickledPastTheTimeout_isRefused() {
    EmbeddedChannel strict =
        new EmbeddedChannel(new FrameDecoder(LIMIT, 20, TimeUnit.MILLISECONDS));
    strict.writeInbound(Unpooled.wrappedBuffer(new byte[] {100, 1}));

    // one more byte every few milliseconds: the frame never completes in time
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).untilAsserted(() ->
        assertThatThrownBy(() -> strict.writeInbound(Unpooled.wrappedBuffer(new byte[] {2})))
            .isInstanceOf(CorruptedFrameException.class)
            .hasMessageContaining("incomplete"));
    assertThat(strict.<Object>readInbound()).isNull();
    strict.finishAndReleaseAll();
  }

  @Test
  void decode_frameStartedThenStalled_isRefusedAtTheTimeout() {
    EmbeddedChannel stalled =
        new EmbeddedChannel(new FrameDecoder(LIMIT, 500, TimeUnit.MILLISECONDS));
    stalled.freezeTime();
    stalled.writeInbound(Unpooled.wrappedBuffer(new byte[] {10, 1, 2}));

    stalled.advanceTimeBy(499, TimeUnit.MILLISECONDS);
    stalled.runPendingTasks();
    stalled.checkException();
    stalled.advanceTimeBy(2, TimeUnit.MILLISECONDS);
    stalled.runPendingTasks();

    assertThatThrownBy(stalled::checkException).isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("500 ms");
    stalled.writeInbound(Unpooled.wrappedBuffer(new byte[8]));
    assertThat(stalled.<Object>readInbound()).as("nothing is read after the refusal").isNull();
    stalled.finishAndReleaseAll();
  }

  @Test
  void decode_frameCompletedInTime_isNotRefusedLater() {
    EmbeddedChannel slow =
        new EmbeddedChannel(new FrameDecoder(LIMIT, 500, TimeUnit.MILLISECONDS));
    slow.freezeTime();
    slow.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 1}));
    slow.advanceTimeBy(300, TimeUnit.MILLISECONDS);
    slow.writeInbound(Unpooled.wrappedBuffer(new byte[] {2, 3}));

    slow.advanceTimeBy(10, TimeUnit.SECONDS);
    slow.runPendingTasks();

    slow.checkException();
    ByteBuf frame = slow.readInbound();
    assertThat(ByteBufUtil.getBytes(frame)).containsExactly(1, 2, 3);
    frame.release();
    slow.finishAndReleaseAll();
  }

  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long v = value;
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  static byte[] concat(List<byte[]> bodies) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] body : bodies) {
      out.writeBytes(varint(body.length));
      out.writeBytes(body);
    }
    return out.toByteArray();
  }
}
