package org.hikiwake.server.room;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.game.Offer;

/**
 * A game's progress for its instructor's board: its listing, whose turn it
 * is and until when, and both sides' points of the offer on the table.
 * Never sent to a student.
 *
 * @param onTablePoints each role's points for the offer on the table
 */
public record GameProgress(
    GameListing listing,
    int turn,
    Optional<String> toMove,
    Optional<Instant> deadline,
    boolean paused,
    Optional<Offer> onTable,
    ImmutableMap<String, Integer> onTablePoints) {}
