package org.hikiwake.server.record;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;

/**
 * A recording found in the data folder at start-up.
 *
 * @param file the recording's file
 * @param header its header
 * @param records every good record, in order (a torn tail has been cut off)
 * @param damage why the recording cannot be played on (a corrupt record in the
 *     middle, an unreadable header): empty if it is sound
 * @param log where to append further records: present only for a sound,
 *     unfinished recording
 */
public record RecoveredGame(
    Path file,
    RecordingHeader header,
    List<RecordingEntry> records,
    Optional<String> damage,
    Optional<GameLog> log) {}
