package org.hikiwake.codec.recording;

import static org.hikiwake.codec.recording.Frames.MAX_PAYLOAD_BYTES;
import static org.hikiwake.codec.recording.Frames.PREFIX_BYTES;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hikiwake.codec.Versions;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;

/**
 * Reads a recording file (see recording.proto) frame by frame, checking each
 * frame's CRC32C and that records are numbered 1 to n, and stops at the first
 * bad frame.
 *
 * <p>A bad frame is a torn tail if nothing valid follows it: a prefix or
 * payload cut short, a zero or absurd length, or a checksum mismatch, at the
 * end of the file, as a crash mid-write leaves. It is corrupt if a frame with
 * a good checksum follows it somewhere later (so good data would be lost by
 * cutting there), or if the frame's own checksum is good but its content is
 * not a valid, correctly numbered message.
 */
public final class RecordingReader {
  /**
   * Past a bad frame, the most bytes searched for a later valid frame; more
   * than this cannot be a torn tail, since no single write batch is that long.
   */
  private static final int MAX_TAIL_SEARCH_BYTES = 4 << 20;

  private RecordingReader() {}

  /** Reads a recording file. Problems inside the file are reported, not thrown. */
  public static Recording read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException(file + " is " + size + " bytes, too large for a recording");
    }
    return read(Files.readAllBytes(file));
  }

  /** Reads a recording held in memory. */
  public static Recording read(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    RecordingHeader header = null;
    List<RecordingEntry> records = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      int remaining = bytes.length - pos;
      if (remaining < PREFIX_BYTES) {
        return suspect(bytes, header, records, pos, String.format(Locale.ROOT,
            "is cut short: only %,d of its %d prefix bytes are there", remaining, PREFIX_BYTES));
      }
      int length = b.getInt(pos);
      int crc = b.getInt(pos + 4);
      if (length <= 0 || length > MAX_PAYLOAD_BYTES) {
        return suspect(bytes, header, records, pos, String.format(Locale.ROOT,
            "declares a length of %,d bytes (a frame holds 1 to %,d)",
            Integer.toUnsignedLong(length), MAX_PAYLOAD_BYTES));
      }
      if (length > remaining - PREFIX_BYTES) {
        return suspect(bytes, header, records, pos, String.format(Locale.ROOT,
            "is cut short: it declares %,d bytes but only %,d follow",
            length, remaining - PREFIX_BYTES));
      }
      if (Frames.crc(bytes, pos + PREFIX_BYTES, length) != crc) {
        return suspect(bytes, header, records, pos, "fails its CRC32C check");
      }
      try {
        if (header == null) {
          RecordingHeader h = RecordingHeader.parseFrom(
              ByteBuffer.wrap(bytes, pos + PREFIX_BYTES, length));
          if (h.getFormatVersion() < Versions.OLDEST_RECORDING_FORMAT
              || h.getFormatVersion() > Versions.RECORDING_FORMAT) {
            return stop(bytes, null, records, pos, ReadProblem.Kind.BAD_HEADER,
                "has format version " + h.getFormatVersion() + "; this reader knows versions "
                    + Versions.OLDEST_RECORDING_FORMAT + " to " + Versions.RECORDING_FORMAT
                    + (h.getFormatVersion() > Versions.RECORDING_FORMAT
                        ? " (update hikiwake to read it)" : ""));
          }
          header = h;
        } else {
          RecordingEntry r = RecordingEntry.parseFrom(ByteBuffer.wrap(bytes, pos + PREFIX_BYTES, length));
          long expected = records.size() + 1L;
          if (r.getSeq() != expected) {
            return stop(bytes, header, records, pos, ReadProblem.Kind.CORRUPT,
                "holds record " + Long.toUnsignedString(r.getSeq()) + " where record "
                    + expected + " was expected");
          }
          records.add(r);
        }
      } catch (InvalidProtocolBufferException e) {
        // The checksum matches, so these bytes were written like this: not a torn write.
        return stop(bytes, header, records, pos,
            header == null ? ReadProblem.Kind.BAD_HEADER : ReadProblem.Kind.CORRUPT,
            "passes its CRC32C check but is not a valid " + (header == null ? "header" : "record")
                + ": " + e.getMessage());
      }
      pos += PREFIX_BYTES + length;
    }
    if (header == null) {
      return new Recording(RecordingHeader.getDefaultInstance(), records,
          Optional.of(new ReadProblem(ReadProblem.Kind.BAD_HEADER, 0,
              "nothing readable: the file is empty")), 0, 0);
    }
    return new Recording(header, records, Optional.empty(), bytes.length, bytes.length);
  }

  /** A frame that a crash could have left: torn tail if nothing valid follows, else corrupt. */
  private static Recording suspect(byte[] bytes, RecordingHeader header, List<RecordingEntry> records,
      int pos, String what) {
    if (header == null) {
      return stop(bytes, null, records, pos, ReadProblem.Kind.BAD_HEADER, what);
    }
    int after = bytes.length - pos;
    if (after > MAX_TAIL_SEARCH_BYTES) {
      return stop(bytes, header, records, pos, ReadProblem.Kind.CORRUPT,
          what + String.format(Locale.ROOT, ", with %,d bytes after it (corrupt in the middle)",
              after));
    }
    Optional<Integer> next = nextValidFrame(bytes, pos + 1);
    if (next.isPresent()) {
      return stop(bytes, header, records, pos, ReadProblem.Kind.CORRUPT,
          what + String.format(Locale.ROOT,
              ", and a valid frame follows at byte %,d (corrupt in the middle)", next.get()));
    }
    return stop(bytes, header, records, pos, ReadProblem.Kind.TORN_TAIL, what + " (torn tail)");
  }

  /** The first offset at or after {@code from} where a complete frame with a good checksum starts. */
  private static Optional<Integer> nextValidFrame(byte[] bytes, int from) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    for (int q = from; q <= bytes.length - PREFIX_BYTES - 1; q++) {
      int length = b.getInt(q);
      if (length >= 1 && length <= bytes.length - q - PREFIX_BYTES
          && Frames.crc(bytes, q + PREFIX_BYTES, length) == b.getInt(q + 4)) {
        return Optional.of(q);
      }
    }
    return Optional.empty();
  }

  private static Recording stop(byte[] bytes, RecordingHeader header, List<RecordingEntry> records,
      int pos, ReadProblem.Kind kind, String what) {
    ReadProblem.Kind k = header == null ? ReadProblem.Kind.BAD_HEADER : kind;
    String frame = header == null ? "header frame" : "frame";
    String message = String.format(Locale.ROOT, "%s (%,d of %,d bytes); %s at byte %,d %s",
        readable(header, records), pos, bytes.length, frame, pos, what);
    return new Recording(header == null ? RecordingHeader.getDefaultInstance() : header,
        records, Optional.of(new ReadProblem(k, pos, message)), pos, bytes.length);
  }

  private static String readable(RecordingHeader header, List<RecordingEntry> records) {
    if (header == null) {
      return "nothing readable";
    } else if (records.isEmpty()) {
      return "header readable, no records";
    } else if (records.size() == 1) {
      return "header and record 1 readable";
    }
    return "header and records 1-" + records.size() + " readable";
  }
}
