package org.priwatt.crypto.internal.ec;

/**
 * A secp256k1 point in Jacobian coordinates (x = X/Z^2, y = Y/Z^3), mutable on purpose: the
 * verification loop doubles and adds into one accumulator thousands of times and must not
 * allocate. Instances are scratch owned by one verification and never escape it.
 *
 * <p>Formulas for a = 0 from the Explicit-Formulas Database (dbl-2009-l, madd-2007-bl without
 * the Z-squared shortcut, add-2007-bl), with the limb-magnitude budget of {@link Field} worked
 * out per line: every coordinate leaves these methods at magnitude at most 2.
 */
final class JacobianPoint {
  final long[] x = Field.create();
  final long[] y = Field.create();
  final long[] z = Field.create();
  boolean infinity = true;

  private final long[] t1 = Field.create();
  private final long[] t2 = Field.create();
  private final long[] t3 = Field.create();
  private final long[] t4 = Field.create();
  private final long[] t5 = Field.create();
  private final long[] t6 = Field.create();

  void setInfinity() {
    infinity = true;
  }

  void setAffine(long[] ax, long[] ay) {
    Field.copy(x, ax);
    Field.copy(y, ay);
    Field.setInt(z, 1);
    infinity = false;
  }

  void set(JacobianPoint p) {
    Field.copy(x, p.x);
    Field.copy(y, p.y);
    Field.copy(z, p.z);
    infinity = p.infinity;
  }

  /**
   * The 65-byte uncompressed SEC 1 encoding of this point, or null for infinity; costs one field
   * inversion.
   */
  byte[] toUncompressed() {
    if (infinity) {
      return null;
    }
    long[] zInv = Field.create();
    Field.invertVartime(zInv, z);
    long[] scale = Field.create();
    Field.sqr(scale, zInv);
    long[] coordinate = Field.create();
    byte[] out = new byte[65];
    out[0] = 4;
    Field.mul(coordinate, x, scale);
    Field.getBytes(coordinate, out, 1);
    Field.mul(scale, scale, zInv);
    Field.mul(coordinate, y, scale);
    Field.getBytes(coordinate, out, 33);
    return out;
  }

  /** this = 2 * this. secp256k1 has no point of order 2, so a finite point stays finite. */
  void twice() {
    if (infinity) {
      return;
    }
    Field.mul(z, y, z);
    Field.mulSmall(z, z, 2); // Z3 = 2YZ                      (2)
    Field.sqr(t1, x); //        A = X^2                        (1)
    Field.sqr(t2, y); //        B = Y^2                        (1)
    Field.sqr(t3, t2); //       C = B^2                        (1)
    Field.add(t2, x, t2);
    Field.sqr(t2, t2);
    Field.sub(t2, t2, t1);
    Field.sub(t2, t2, t3);
    Field.mulSmall(t2, t2, 2); // D = 2((X + B)^2 - A - C)    (6)
    Field.mulSmall(t1, t1, 3); // E = 3A                      (3)
    Field.sqr(t4, t1); //       F = E^2                        (1)
    Field.mulSmall(x, t2, 2);
    Field.sub(x, t4, x); //     X3 = F - 2D                    (13)
    Field.carry(x); //                                         (1)
    Field.sub(t2, t2, x); //    D - X3                         (7)
    Field.mul(y, t1, t2);
    Field.mulSmall(t3, t3, 8);
    Field.sub(y, y, t3); //     Y3 = E(D - X3) - 8C            (9)
    Field.carry(y); //                                         (1)
  }

  /** this = this + (ax, ay), the affine point negated first if {@code negate}. */
  void addAffine(long[] ax, long[] ay, boolean negate) {
    if (infinity) {
      setAffine(ax, ay);
      if (negate) {
        Field.negate(y, y);
      }
      return;
    }
    Field.sqr(t1, z); //        Z1Z1                           (1)
    Field.mul(t2, ax, t1); //   U2 = x2 Z1Z1                   (1)
    Field.mul(t3, z, t1);
    Field.mul(t3, ay, t3); //   S2 = y2 Z1^3                   (1)
    if (negate) {
      Field.negate(t3, t3);
    }
    Field.sub(t2, t2, x); //    H = U2 - X1                    (≤ 3)
    Field.sub(t3, t3, y); //    R = S2 - Y1                    (≤ 3)
    if (sameX(t2, t3)) {
      return;
    }
    Field.mul(z, z, t2); //     Z3 = Z1 H                      (1)
    Field.sqr(t4, t2); //       HH                             (1)
    Field.mul(t5, t2, t4); //   HHH                            (1)
    Field.mul(t6, x, t4); //    V = X1 HH                      (1)
    finish(t3, t5, t6, y);
  }

  /** this = this + p (p in Jacobian form, its Y negated first if {@code negate}). */
  void add(JacobianPoint p, boolean negate) {
    if (p.infinity) {
      return;
    }
    if (infinity) {
      set(p);
      if (negate) {
        Field.negate(y, y);
      }
      return;
    }
    Field.sqr(t1, p.z); //      Z2Z2                           (1)
    Field.sqr(t2, z); //        Z1Z1                           (1)
    Field.mul(t3, x, t1); //    U1 = X1 Z2Z2                   (1)
    Field.mul(t4, p.x, t2); //  U2 = X2 Z1Z1                   (1)
    Field.mul(t1, t1, p.z);
    Field.mul(t1, y, t1); //    S1 = Y1 Z2^3                   (1)
    Field.mul(t2, t2, z);
    Field.mul(t2, p.y, t2); //  S2 = Y2 Z1^3                   (1)
    if (negate) {
      Field.negate(t2, t2);
    }
    Field.sub(t4, t4, t3); //   H = U2 - U1                    (2)
    Field.sub(t2, t2, t1); //   R = S2 - S1                    (2)
    if (sameX(t4, t2)) {
      return;
    }
    Field.mul(z, z, p.z);
    Field.mul(z, z, t4); //     Z3 = Z1 Z2 H                   (1)
    Field.sqr(t5, t4); //       HH                             (1)
    Field.mul(t6, t4, t5); //   HHH                            (1)
    Field.mul(t5, t3, t5); //   V = U1 HH                      (1)
    Field.copy(y, t1); //       S1 takes Y1's place in finish
    finish(t2, t6, t5, y);
  }

  /**
   * The addition formulas divide by H = U2 - U1, so H = 0 (both points share x) is handled here:
   * the sum is 2P when R = S2 - S1 is 0 too, else the points are opposite and the sum is
   * infinity. Returns true if it handled the addition.
   */
  private boolean sameX(long[] h, long[] r) {
    if (!Field.isZero(h)) {
      return false;
    }
    if (Field.isZero(r)) {
      twice();
    } else {
      infinity = true;
    }
    return true;
  }

  /**
   * The common tail of both additions: X3 = R^2 - HHH - 2V and Y3 = R(V - X3) - S1 HHH, where
   * {@code s1} is Y1 for the mixed addition and S1 for the general one, overwritten with Y3.
   */
  private void finish(long[] r, long[] hhh, long[] v, long[] s1) {
    Field.sqr(x, r);
    Field.sub(x, x, hhh);
    Field.sub(x, x, v);
    Field.sub(x, x, v); //      X3                             (4)
    Field.carry(x); //                                         (1)
    Field.sub(v, v, x); //      V - X3                         (2)
    Field.mul(s1, s1, hhh); //  S1 HHH                         (1)
    Field.mul(v, r, v); //      R(V - X3)                      (1)
    Field.sub(y, v, s1); //     Y3                             (2)
  }
}
