package org.hikiwake.codec.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.codec.recording.RecordingFixtures.entries;
import static org.hikiwake.codec.recording.RecordingFixtures.everyKind;
import static org.hikiwake.codec.recording.RecordingFixtures.formatOne;
import static org.hikiwake.codec.recording.RecordingFixtures.formatOneEntries;
import static org.hikiwake.codec.recording.RecordingFixtures.frameStarts;
import static org.hikiwake.codec.recording.RecordingFixtures.header;
import static org.hikiwake.codec.recording.RecordingFixtures.offer;
import static org.hikiwake.codec.recording.RecordingFixtures.offers;
import static org.hikiwake.codec.recording.RecordingFixtures.recordingBytes;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.Versions;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {
  private static final RecordingHeader HEADER = header("READ");
  private static final List<RecordingEntry> RECORDS = entries(offers(1, 4));
  private static final byte[] SOUND = recordingBytes(HEADER, RECORDS);
  /** Frame starts: header, records 1-4, then the end of the file. */
  private static final List<Integer> STARTS = frameStarts(SOUND);

  @Test
  void read_soundRecording_hasEverythingAndNoProblem() {
    Recording read = RecordingReader.read(SOUND);

    assertThat(read.problem()).isEmpty();
    assertThat(read.header()).isEqualTo(HEADER);
    assertThat(read.header().getFormatVersion()).isEqualTo(Versions.RECORDING_FORMAT);
    assertThat(read.records()).isEqualTo(RECORDS);
    assertThat(read.events()).isEqualTo(offers(1, 4));
    assertThat(read.goodBytes()).isEqualTo(read.totalBytes()).isEqualTo(SOUND.length);
    assertThat(read.isFinished()).isFalse();
  }

  @Test
  void read_file_isTheSameAsItsBytes(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("READ.hwr"), SOUND);

    assertThat(RecordingReader.read(file)).isEqualTo(RecordingReader.read(SOUND));
  }

  @Test
  void read_everyKindOfEvent_decodesToTheRecordedEvents() {
    List<Recorded> recorded = everyKind(1);
    Recording read = RecordingReader.read(recordingBytes(HEADER, entries(recorded)));

    assertThat(read.isSound()).isTrue();
    assertThat(read.isFinished()).isTrue();
    assertThat(read.events()).isEqualTo(recorded);
  }

  @Test
  void read_formatOneWithSeatEntries_decodesSeatsAsRulesEvents() {
    List<Recorded> recorded = everyKind(1);
    List<RecordingEntry> formatOne = formatOneEntries(recorded);
    assertThat(formatOne.get(0).hasSeatTaken()).isTrue();
    Recording read = RecordingReader.read(recordingBytes(formatOne(HEADER), formatOne));

    assertThat(read.isSound()).isTrue();
    assertThat(read.header().getFormatVersion()).isEqualTo(Versions.OLDEST_RECORDING_FORMAT);
    assertThat(read.records()).isEqualTo(formatOne);
    assertThat(read.events()).isEqualTo(recorded);
    assertThat(read.isFinished()).isTrue();
  }

  @Test
  void read_cutAnywhereInTheLastFrame_isTornTail() {
    int lastStart = STARTS.get(4);
    for (int cut = lastStart + 1; cut < SOUND.length; cut++) {
      Recording read = RecordingReader.read(Arrays.copyOf(SOUND, cut));

      assertThat(read.problem()).as("cut at %s", cut).isPresent();
      assertThat(read.problem().get().kind()).as("cut at %s", cut)
          .isEqualTo(ReadProblem.Kind.TORN_TAIL);
      assertThat(read.problem().get().offset()).isEqualTo(lastStart);
      assertThat(read.goodBytes()).isEqualTo(lastStart);
      assertThat(read.totalBytes()).isEqualTo(cut);
      assertThat(read.records()).isEqualTo(RECORDS.subList(0, 3));
    }
  }

  @Test
  void read_cutBetweenFrames_isSoundAndShorter() {
    Recording read = RecordingReader.read(Arrays.copyOf(SOUND, STARTS.get(4)));

    assertThat(read.problem()).isEmpty();
    assertThat(read.records()).isEqualTo(RECORDS.subList(0, 3));
  }

  @Test
  void read_tornTail_saysWhatIsReadable() {
    int lastStart = STARTS.get(4);
    int payload = SOUND.length - lastStart - 8;
    Recording read = RecordingReader.read(Arrays.copyOf(SOUND, SOUND.length - 5));

    assertThat(read.problem().get().message()).isEqualTo(String.format(Locale.ROOT,
        "header and records 1-3 readable (%,d of %,d bytes); frame at byte %,d is cut short: "
            + "it declares %d bytes but only %d follow (torn tail)",
        lastStart, SOUND.length - 5, lastStart, payload, payload - 5));
  }

  @Test
  void read_cutInsideThePrefix_isTornTail() {
    Recording read = RecordingReader.read(Arrays.copyOf(SOUND, STARTS.get(4) + 5));

    assertThat(read.hasTornTail()).isTrue();
    assertThat(read.problem().get().message())
        .contains("only 5 of its 8 prefix bytes are there (torn tail)");
  }

  @Test
  void read_garbledLastFrame_isTornTail() {
    byte[] bytes = SOUND.clone();
    bytes[bytes.length - 3] ^= 0x40;
    Recording read = RecordingReader.read(bytes);

    assertThat(read.hasTornTail()).isTrue();
    assertThat(read.problem().get().message()).contains("fails its CRC32C check (torn tail)");
    assertThat(read.records()).hasSize(3);
  }

  @Test
  void read_zeroFilledTail_isTornTail() {
    Recording read = RecordingReader.read(Arrays.copyOf(SOUND, SOUND.length + 4096));

    assertThat(read.hasTornTail()).isTrue();
    assertThat(read.records()).isEqualTo(RECORDS);
    assertThat(read.goodBytes()).isEqualTo(SOUND.length);
  }

  @Test
  void read_flippedByteInAMiddleFrame_isCorrupt() {
    byte[] bytes = SOUND.clone();
    int secondRecord = STARTS.get(2);
    bytes[secondRecord + 20] ^= 0x01;
    Recording read = RecordingReader.read(bytes);

    assertThat(read.problem().get().kind()).isEqualTo(ReadProblem.Kind.CORRUPT);
    assertThat(read.hasTornTail()).isFalse();
    assertThat(read.records()).containsExactly(EventCodec.toEntry(offer(1)));
    assertThat(read.goodBytes()).isEqualTo(secondRecord);
    assertThat(read.problem().get().message()).isEqualTo(String.format(Locale.ROOT,
        "header and record 1 readable (%,d of %,d bytes); frame at byte %,d fails its CRC32C "
            + "check, and a valid frame follows at byte %,d (corrupt in the middle)",
        secondRecord, SOUND.length, secondRecord, STARTS.get(3)));
  }

  @Test
  void read_lengthOfAMiddleFramePointingPastTheEnd_isCorrupt() {
    byte[] bytes = SOUND.clone();
    ByteBuffer.wrap(bytes).putInt(STARTS.get(2), 1 << 20);
    Recording read = RecordingReader.read(bytes);

    assertThat(read.problem().get().kind()).isEqualTo(ReadProblem.Kind.CORRUPT);
    assertThat(read.problem().get().message()).contains("cut short").contains("corrupt");
  }

  @Test
  void read_absurdLengthInAMiddleFrame_isCorrupt() {
    byte[] bytes = SOUND.clone();
    ByteBuffer.wrap(bytes).putInt(STARTS.get(2), -2);
    Recording read = RecordingReader.read(bytes);

    assertThat(read.problem().get().kind()).isEqualTo(ReadProblem.Kind.CORRUPT);
    assertThat(read.problem().get().message())
        .contains("declares a length of 4,294,967,294 bytes");
  }

  @Test
  void read_gapInNumbering_isCorrupt() {
    byte[] bytes = recordingBytes(HEADER,
        entries(List.of(offer(1), offer(2), offer(4))));
    Recording read = RecordingReader.read(bytes);

    assertThat(read.problem().get().kind()).isEqualTo(ReadProblem.Kind.CORRUPT);
    assertThat(read.problem().get().message())
        .contains("holds record 4 where record 3 was expected");
    assertThat(read.records()).hasSize(2);
  }

  @Test
  void read_checksummedGarbageAtTheEnd_isCorrupt() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
    ByteBuffer frame = ByteBuffer.allocate(8 + garbage.length)
        .putInt(garbage.length).putInt(Frames.crc(garbage, 0, garbage.length)).put(garbage);
    byte[] bytes = Arrays.copyOf(SOUND, SOUND.length + frame.capacity());
    System.arraycopy(frame.array(), 0, bytes, SOUND.length, frame.capacity());
    Recording read = RecordingReader.read(bytes);

    assertThat(read.problem().get().kind()).isEqualTo(ReadProblem.Kind.CORRUPT);
    assertThat(read.problem().get().message()).contains("passes its CRC32C check but is not");
  }

  @Test
  void read_emptyFile_hasBadHeader() {
    Recording read = RecordingReader.read(new byte[0]);

    assertThat(read.problem().get().kind()).isEqualTo(ReadProblem.Kind.BAD_HEADER);
    assertThat(read.hasHeader()).isFalse();
    assertThat(read.problem().get().message()).contains("empty");
  }

  @Test
  void read_headerCutShort_hasBadHeader() {
    Recording read = RecordingReader.read(Arrays.copyOf(SOUND, 30));

    assertThat(read.problem().get().kind()).isEqualTo(ReadProblem.Kind.BAD_HEADER);
    assertThat(read.header()).isEqualTo(RecordingHeader.getDefaultInstance());
    assertThat(read.problem().get().message())
        .startsWith("nothing readable (0 of 30 bytes); header frame at byte 0 is cut short");
  }

  @Test
  void read_formatVersionFromTheFuture_hasBadHeaderAndAsksForAnUpdate() {
    int future = Versions.RECORDING_FORMAT + 1;
    byte[] bytes = recordingBytes(HEADER.toBuilder().setFormatVersion(future).build(), RECORDS);
    Recording read = RecordingReader.read(bytes);

    assertThat(read.problem().get().kind()).isEqualTo(ReadProblem.Kind.BAD_HEADER);
    assertThat(read.problem().get().message()).contains("format version " + future)
        .contains("update hikiwake");
    assertThat(read.records()).isEmpty();
  }

  @Test
  void read_formatVersionBeforeTheOldest_hasBadHeader() {
    int past = Versions.OLDEST_RECORDING_FORMAT - 1;
    byte[] bytes = recordingBytes(HEADER.toBuilder().setFormatVersion(past).build(), RECORDS);
    Recording read = RecordingReader.read(bytes);

    assertThat(read.problem().get().kind()).isEqualTo(ReadProblem.Kind.BAD_HEADER);
    assertThat(read.problem().get().message()).contains("format version " + past)
        .doesNotContain("update hikiwake");
    assertThat(read.hasHeader()).isFalse();
  }
}
