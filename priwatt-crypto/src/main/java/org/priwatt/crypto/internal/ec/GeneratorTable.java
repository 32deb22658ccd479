package org.priwatt.crypto.internal.ec;

import org.bouncycastle.math.ec.ECPoint;
import org.priwatt.crypto.internal.BouncyCastleBackend;

/**
 * The odd multiples B, 3B, ..., (2^(W-1) - 1)B in affine limbs of two bases, B = G and
 * B = 2^128 G, for the fixed-base half of verification: u1 G = lo G + hi (2^128 G) with lo and
 * hi the halves of u1, so both terms ride on the 128 doublings the GLV-split other half needs.
 * Built once, on first use, with Bouncy Castle's independent arithmetic (about 20 ms), so the
 * tables also cross-check {@link JacobianPoint} in the tests.
 */
final class GeneratorTable {
  /** Window width: 1,024 points per base (about 400 KB in all), one addition per 13 bits. */
  static final int WINDOW = 12;
  static final int SIZE = 1 << (WINDOW - 2);

  static final GeneratorTable G = new GeneratorTable(BouncyCastleBackend.PARAMS.getG());
  static final GeneratorTable G_128 =
      new GeneratorTable(BouncyCastleBackend.PARAMS.getG().timesPow2(128));

  private final long[][] xs = new long[SIZE][];
  private final long[][] ys = new long[SIZE][];

  private GeneratorTable(ECPoint base) {
    ECPoint twice = base.twice();
    ECPoint p = base.normalize();
    for (int i = 0; i < SIZE; i++) {
      xs[i] = limbs(p.getAffineXCoord().getEncoded());
      ys[i] = limbs(p.getAffineYCoord().getEncoded());
      p = p.add(twice).normalize();
    }
  }

  private static long[] limbs(byte[] encoded) {
    long[] r = Field.create();
    Field.setBytes(r, encoded, 0);
    return r;
  }

  /** Affine x of (2i + 1)B. */
  long[] x(int i) {
    return xs[i];
  }

  /** Affine y of (2i + 1)B. */
  long[] y(int i) {
    return ys[i];
  }
}
