package org.hikiwake.server.record;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import org.hikiwake.engine.classroom.ClassRecorded;

/**
 * A class found at start-up.
 *
 * @param events every event, in order
 * @param damage why it cannot go on, if its record is damaged
 * @param log where to append further events: present for a sound class that has not ended
 */
public record RecoveredClass(ClassHeader header, ImmutableList<ClassRecorded> events,
    Optional<String> damage, Optional<ClassLog> log) {}
