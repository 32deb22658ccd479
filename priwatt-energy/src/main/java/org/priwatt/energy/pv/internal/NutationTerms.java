package org.priwatt.energy.pv.internal;

/**
 * Nutation in longitude and obliquity as used by the NREL Solar Position Algorithm (Reda &amp;
 * Andreas, NREL/TP-560-34302, Table A4.3, after the 1980 IAU theory as given by Meeus).
 *
 * <p>Five fundamental lunar and solar arguments X0..X4 (cubic polynomials of the Julian ephemeris
 * century) are combined, per row, with the integer multipliers Y; the row's amplitudes give its
 * contribution to Δψ (sine) and Δε (cosine), in units of 0.0001 arc second.
 */
final class NutationTerms {

  /** Polynomial coefficients (degrees; constant, T, T², T³) of the five fundamental arguments. */
  private static final double[][] ARGUMENTS = {
    // mean elongation of the Moon from the Sun
    {297.85036, 445267.111480, -0.0019142, 1.0 / 189474},
    // mean anomaly of the Sun
    {357.52772, 35999.050340, -0.0001603, -1.0 / 300000},
    // mean anomaly of the Moon
    {134.96298, 477198.867398, 0.0086972, 1.0 / 56250},
    // Moon's argument of latitude
    {93.27191, 483202.017538, -0.0036825, 1.0 / 327270},
    // longitude of the ascending node of the Moon's mean orbit
    {125.04452, -1934.136261, 0.0020708, 1.0 / 450000},
  };

  /** Per row: multipliers Y0..Y4, then Δψ amplitude a + b·T and Δε amplitude c + d·T. */
  private static final double[][] ROWS = {
    {0, 0, 0, 0, 1, -171996, -174.2, 92025, 8.9},
    {-2, 0, 0, 2, 2, -13187, -1.6, 5736, -3.1},
    {0, 0, 0, 2, 2, -2274, -0.2, 977, -0.5},
    {0, 0, 0, 0, 2, 2062, 0.2, -895, 0.5},
    {0, 1, 0, 0, 0, 1426, -3.4, 54, -0.1},
    {0, 0, 1, 0, 0, 712, 0.1, -7, 0},
    {-2, 1, 0, 2, 2, -517, 1.2, 224, -0.6},
    {0, 0, 0, 2, 1, -386, -0.4, 200, 0},
    {0, 0, 1, 2, 2, -301, 0, 129, -0.1},
    {-2, -1, 0, 2, 2, 217, -0.5, -95, 0.3},
    {-2, 0, 1, 0, 0, -158, 0, 0, 0},
    {-2, 0, 0, 2, 1, 129, 0.1, -70, 0},
    {0, 0, -1, 2, 2, 123, 0, -53, 0},
    {2, 0, 0, 0, 0, 63, 0, 0, 0},
    {0, 0, 1, 0, 1, 63, 0.1, -33, 0},
    {2, 0, -1, 2, 2, -59, 0, 26, 0},
    {0, 0, -1, 0, 1, -58, -0.1, 32, 0},
    {0, 0, 1, 2, 1, -51, 0, 27, 0},
    {-2, 0, 2, 0, 0, 48, 0, 0, 0},
    {0, 0, -2, 2, 1, 46, 0, -24, 0},
    {2, 0, 0, 2, 2, -38, 0, 16, 0},
    {0, 0, 2, 2, 2, -31, 0, 13, 0},
    {0, 0, 2, 0, 0, 29, 0, 0, 0},
    {-2, 0, 1, 2, 2, 29, 0, -12, 0},
    {0, 0, 0, 2, 0, 26, 0, 0, 0},
    {-2, 0, 0, 2, 0, -22, 0, 0, 0},
    {0, 0, -1, 2, 1, 21, 0, -10, 0},
    {0, 2, 0, 0, 0, 17, -0.1, 0, 0},
    {2, 0, -1, 0, 1, 16, 0, -8, 0},
    {-2, 2, 0, 2, 2, -16, 0.1, 7, 0},
    {0, 1, 0, 0, 1, -15, 0, 9, 0},
    {-2, 0, 1, 0, 1, -13, 0, 7, 0},
    {0, -1, 0, 0, 1, -12, 0, 6, 0},
    {0, 0, 2, -2, 0, 11, 0, 0, 0},
    {2, 0, -1, 2, 1, -10, 0, 5, 0},
    {2, 0, 1, 2, 2, -8, 0, 3, 0},
    {0, 1, 0, 2, 2, 7, 0, -3, 0},
    {-2, 1, 1, 0, 0, -7, 0, 0, 0},
    {0, -1, 0, 2, 2, -7, 0, 3, 0},
    {2, 0, 0, 2, 1, -7, 0, 3, 0},
    {2, 0, 1, 0, 0, 6, 0, 0, 0},
    {-2, 0, 2, 2, 2, 6, 0, -3, 0},
    {-2, 0, 1, 2, 1, 6, 0, -3, 0},
    {2, 0, -2, 0, 1, -6, 0, 3, 0},
    {2, 0, 0, 0, 1, -6, 0, 3, 0},
    {0, -1, 1, 0, 0, 5, 0, 0, 0},
    {-2, -1, 0, 2, 1, -5, 0, 3, 0},
    {-2, 0, 0, 0, 1, -5, 0, 3, 0},
    {0, 0, 2, 2, 1, -5, 0, 3, 0},
    {-2, 0, 2, 0, 1, 4, 0, 0, 0},
    {-2, 1, 0, 2, 1, 4, 0, 0, 0},
    {0, 0, 1, -2, 0, 4, 0, 0, 0},
    {-1, 0, 1, 0, 0, -4, 0, 0, 0},
    {-2, 1, 0, 0, 0, -4, 0, 0, 0},
    {1, 0, 0, 0, 0, -4, 0, 0, 0},
    {0, 0, 1, 2, 0, 3, 0, 0, 0},
    {0, 0, -2, 2, 2, -3, 0, 0, 0},
    {-1, -1, 1, 0, 0, -3, 0, 0, 0},
    {0, 1, 1, 0, 0, -3, 0, 0, 0},
    {0, -1, 1, 2, 2, -3, 0, 0, 0},
    {2, -1, -1, 2, 2, -3, 0, 0, 0},
    {0, 0, 3, 2, 2, -3, 0, 0, 0},
    {2, -1, 0, 2, 2, -3, 0, 0, 0},
  };

  /** Units of the amplitudes (0.0001") per degree. */
  private static final double UNITS_PER_DEGREE = 36_000_000.0;

  private NutationTerms() {}

  /**
   * Computes nutation for Julian ephemeris century {@code jce}.
   *
   * @return a two-element array: {Δψ, Δε} in degrees
   */
  static double[] nutation(double jce) {
    double[] x = new double[ARGUMENTS.length];
    for (int j = 0; j < x.length; j++) {
      double[] c = ARGUMENTS[j];
      x[j] = Math.toRadians(((c[3] * jce + c[2]) * jce + c[1]) * jce + c[0]);
    }
    double psi = 0;
    double eps = 0;
    for (double[] row : ROWS) {
      double arg = row[0] * x[0] + row[1] * x[1] + row[2] * x[2] + row[3] * x[3] + row[4] * x[4];
      psi += (row[5] + row[6] * jce) * Math.sin(arg);
      eps += (row[7] + row[8] * jce) * Math.cos(arg);
    }
    return new double[] {psi / UNITS_PER_DEGREE, eps / UNITS_PER_DEGREE};
  }
}
