package org.hikiwake.server.net;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes a protobuf message as one frame, its varint32 length and then its
 * bytes, straight into one buffer from the channel's allocator, of exactly the
 * frame's size. The same bytes as Netty's {@code ProtobufVarint32LengthFieldPrepender}
 * after {@code ProtobufEncoder}, without their two steps: those serialize to a
 * new heap array, wrap it, then copy it again behind the length.
 */
@Sharable
public final class FrameEncoder extends MessageToByteEncoder<MessageLite> {
  public FrameEncoder() {
    super(MessageLite.class);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MessageLite msg,
      boolean preferDirect) {
    int size = msg.getSerializedSize();
    int frame = CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    return preferDirect ? ctx.alloc().ioBuffer(frame) : ctx.alloc().heapBuffer(frame);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, MessageLite msg, ByteBuf out)
      throws IOException {
    // getSerializedSize is memoized by the message, so this costs nothing the second time
    int size = msg.getSerializedSize();
    int frame = CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    out.ensureWritable(frame);
    int start = out.writerIndex();
    ByteBuffer target = out.nioBuffer(start, frame);
    CodedOutputStream coded = CodedOutputStream.newInstance(target);
    coded.writeUInt32NoTag(size);
    msg.writeTo(coded);
    coded.flush();
    coded.checkNoSpaceLeft();
    out.writerIndex(start + frame);
  }
}
