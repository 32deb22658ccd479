package org.priwatt.energy.pv;

import org.priwatt.energy.pv.internal.Spa;

/**
 * How a flat panel is mounted: its tilt from the horizontal and the compass direction its face
 * points to. Immutable.
 *
 * @param tilt degrees in [0, 180]; 0 = lying flat facing up, 90 = vertical
 * @param azimuth direction the panel faces in degrees [0, 360), eastward from north (180 = south),
 *     the same convention as {@link SolarPosition#azimuth()}
 */
public record PanelOrientation(double tilt, double azimuth) {

  /** A horizontal panel. */
  public static final PanelOrientation HORIZONTAL = new PanelOrientation(0, 180);

  /**
   * Validates the angles.
   *
   * @throws IllegalArgumentException if an angle is NaN or out of range
   */
  public PanelOrientation {
    Observer.requireRange("tilt", tilt, 0, 180);
    if (!(azimuth >= 0 && azimuth < 360)) {
      throw new IllegalArgumentException("azimuth must be in [0, 360) but was " + azimuth);
    }
  }

  /**
   * Orientation given as NREL SPA's surface azimuth rotation: measured from south, positive
   * towards west ({@code -10} = 10° east of south).
   *
   * @param tilt degrees in [0, 180]
   * @param rotationFromSouth degrees in [-360, 360]
   * @return the orientation
   * @throws IllegalArgumentException if an angle is out of range
   */
  public static PanelOrientation ofSouthRotation(double tilt, double rotationFromSouth) {
    Observer.requireRange("rotationFromSouth", rotationFromSouth, -360, 360);
    return new PanelOrientation(tilt, Spa.limit360(180.0 + rotationFromSouth));
  }

  /**
   * Angle between the Sun's rays and the panel's normal; above 90° the Sun shines on the back.
   *
   * @param sun the Sun's position
   * @return incidence angle in degrees [0, 180]
   */
  public double incidenceAngle(SolarPosition sun) {
    return Spa.incidence(sun.zenith(), sun.azimuth(), tilt, azimuth);
  }
}
