package org.hikiwake.server.store;

import com.google.common.hash.HashCode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import org.hikiwake.codec.Versions;
import org.hikiwake.codec.classroom.ClassCodec;
import org.hikiwake.server.record.ClassHeader;

/** A class's header as the classes table keeps it: a hikiwake.classroom.v1.ClassHeader. */
final class ClassRows {
  private ClassRows() {}

  static byte[] toProto(ClassHeader h) {
    return org.hikiwake.proto.classroom.ClassHeader.newBuilder()
        .setFormatVersion(ClassCodec.FORMAT_VERSION)
        .setClassCode(h.classCode())
        .setCreatedAtMillis(h.createdAt().toEpochMilli())
        .setServerVersion(Versions.serverName())
        .setSetup(ClassCodec.toProto(h.settings()))
        .setInstructorTokenSha256(ByteString.copyFrom(h.instructorTokenHash().asBytes()))
        .build().toByteArray();
  }

  /** @throws IllegalArgumentException if the header is malformed */
  static ClassHeader headerOf(byte[] bytes) throws InvalidProtocolBufferException {
    org.hikiwake.proto.classroom.ClassHeader p =
        org.hikiwake.proto.classroom.ClassHeader.parseFrom(bytes);
    if (p.getInstructorTokenSha256().size() != 32) {
      throw new IllegalArgumentException("the instructor token hash is not a SHA-256");
    }
    return new ClassHeader(p.getClassCode(), Instant.ofEpochMilli(p.getCreatedAtMillis()),
        ClassCodec.fromProto(p.getSetup()),
        HashCode.fromBytes(p.getInstructorTokenSha256().toByteArray()));
  }
}
