package org.hikiwake.engine.view;

import static com.google.common.base.Preconditions.checkNotNull;

import org.hikiwake.engine.scenario.PointsTable;

/**
 * A role's confidential sheet, as the players of that role hold it: their
 * brief, their reservation value and their points now in force.
 *
 * @param brief the role's confidential instructions
 * @param reservationValue what no agreement is worth to the role
 * @param points the role's points in force (news included)
 */
public record RoleSheet(String brief, int reservationValue, PointsTable points) {
  public RoleSheet {
    checkNotNull(brief, "brief");
    checkNotNull(points, "points");
  }

  /** The same sheet with other points in force. */
  public RoleSheet withPoints(PointsTable newPoints) {
    return new RoleSheet(brief, reservationValue, newPoints);
  }
}
