package org.hikiwake.engine.analysis;

/**
 * How one package compares with the best the scenario allows.
 *
 * @param point the package and its points for each role
 * @param dominated true if some package is better for one side and no worse for the other
 * @param distanceToFrontier Euclidean distance, in points, to the nearest
 *     frontier package that is at least as good for both sides (0 on the frontier)
 * @param jointGainLeft the most joint points both sides together could have
 *     added by moving to a package at least as good for both
 * @param acceptableToBoth true if the package clears both reservation values
 */
public record Assessment(
    Point point,
    boolean dominated,
    double distanceToFrontier,
    int jointGainLeft,
    boolean acceptableToBoth) {}
