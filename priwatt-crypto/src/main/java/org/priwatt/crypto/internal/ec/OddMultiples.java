package org.priwatt.crypto.internal.ec;

import org.bouncycastle.math.ec.ECPoint;
import org.priwatt.crypto.internal.BouncyCastleBackend;

/**
 * The odd multiples B, 3B, ..., (2k - 1)B of a point B in affine limbs: the table a width-w wNAF
 * multiplication reads (k = 2^(w-2)). Affine entries make every addition from the table a mixed
 * addition (8 multiplications and 3 squarings instead of 12 and 4).
 *
 * <p>Two tables are static, for the fixed-base half of verification: B = G and B = 2^128 G,
 * since u1 G = lo G + hi (2^128 G) with lo and hi the halves of u1 rides on the 128 doublings
 * the GLV-split other half needs. They are built once, on first use, with Bouncy Castle's
 * independent arithmetic (about 60 ms on a cold JVM), so they also cross-check
 * {@link JacobianPoint} in tests.
 * Per-key tables are built with {@link #of(PublicPoint, int)}.
 */
final class OddMultiples {
  /** Window width of the static tables: 1,024 points each, one addition per 13 bits. */
  static final int G_WINDOW = 12;
  static final OddMultiples G = ofBouncyCastle(BouncyCastleBackend.PARAMS.getG(), G_WINDOW);
  static final OddMultiples G_128 =
      ofBouncyCastle(BouncyCastleBackend.PARAMS.getG().timesPow2(128), G_WINDOW);

  final long[][] xs;
  final long[][] ys;

  private OddMultiples(long[][] xs, long[][] ys) {
    this.xs = xs;
    this.ys = ys;
  }

  private static OddMultiples ofBouncyCastle(ECPoint base, int window) {
    int size = 1 << (window - 2);
    long[][] xs = new long[size][];
    long[][] ys = new long[size][];
    ECPoint twice = base.twice();
    ECPoint p = base.normalize();
    for (int i = 0; i < size; i++) {
      xs[i] = Field.create();
      ys[i] = Field.create();
      Field.setBytes(xs[i], p.getAffineXCoord().getEncoded(), 0);
      Field.setBytes(ys[i], p.getAffineYCoord().getEncoded(), 0);
      p = p.add(twice).normalize();
    }
    return new OddMultiples(xs, ys);
  }

  /**
   * The table of {@code q} for a width-{@code window} wNAF: built in Jacobian coordinates by
   * repeated addition of 2Q, then made affine with one shared field inversion (Montgomery's
   * trick: invert the product of all Z, peel each 1/Z off with two multiplications).
   */
  static OddMultiples of(PublicPoint q, int window) {
    int size = 1 << (window - 2);
    JacobianPoint[] jac = new JacobianPoint[size];
    jac[0] = new JacobianPoint();
    jac[0].setAffine(q.x, q.y);
    JacobianPoint twoQ = new JacobianPoint();
    twoQ.set(jac[0]);
    twoQ.twice();
    long[][] prefix = new long[size][];
    prefix[0] = jac[0].z.clone();
    for (int i = 1; i < size; i++) {
      jac[i] = new JacobianPoint();
      jac[i].set(jac[i - 1]);
      jac[i].add(twoQ, false);
      prefix[i] = Field.create();
      Field.mul(prefix[i], prefix[i - 1], jac[i].z);
    }
    // No entry is infinity: (2i + 1)Q = O would need the group order to divide 2i + 1 < n.
    long[] inv = Field.create();
    Field.invertVartime(inv, prefix[size - 1]);
    long[][] xs = new long[size][];
    long[][] ys = new long[size][];
    long[] zInv = Field.create();
    long[] t = Field.create();
    for (int i = size - 1; i >= 0; i--) {
      if (i > 0) {
        Field.mul(zInv, inv, prefix[i - 1]);
        Field.mul(inv, inv, jac[i].z);
      } else {
        Field.copy(zInv, inv);
      }
      xs[i] = Field.create();
      ys[i] = Field.create();
      Field.sqr(t, zInv);
      Field.mul(xs[i], jac[i].x, t);
      Field.mul(t, t, zInv);
      Field.mul(ys[i], jac[i].y, t);
    }
    return new OddMultiples(xs, ys);
  }

  /** The table of phi(B) = (beta x, y) for the table of B: lambda times each entry. */
  OddMultiples timesBeta(long[] beta) {
    long[][] bx = new long[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      bx[i] = Field.create();
      Field.mul(bx[i], xs[i], beta);
    }
    return new OddMultiples(bx, ys);
  }

  /** Adds d B (d odd, |d| below twice the table size) to {@code acc}, negated if asked. */
  void addTo(JacobianPoint acc, int d, boolean negate) {
    int k = (Math.abs(d) - 1) >>> 1;
    acc.addAffine(xs[k], ys[k], (d < 0) != negate);
  }
}
