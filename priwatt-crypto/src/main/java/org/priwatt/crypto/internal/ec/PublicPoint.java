package org.priwatt.crypto.internal.ec;

import java.util.Arrays;
import org.priwatt.crypto.Hex;

/**
 * A validated, finite secp256k1 point in canonical affine limbs: the pure-Java backend's parsed
 * public key. Parsing decompresses with {@link Field#sqrt} (an addition chain about twice as fast
 * as Bouncy Castle's generic exponentiation), which matters because legacy scripts carry their
 * public keys compressed and each input parses its own.
 */
public final class PublicPoint {
  private static final byte[] P_BYTES = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -2, -1, -1, -4, 0x2F
  };

  final long[] x;
  final long[] y;
  private final byte[] uncompressed;
  /**
   * The verifier's wNAF tables of this point and of phi(point), built on first use and kept, so a
   * key that verifies many signatures (a DSO's, a trade partner's) builds them once. A race may
   * build them twice; both results are equal and immutable.
   */
  private volatile KeyTables tables;

  private PublicPoint(long[] x, long[] y, byte[] uncompressed) {
    this.x = x;
    this.y = y;
    this.uncompressed = uncompressed;
  }

  /**
   * Parses a SEC 1 encoding: 02/03 compressed (33 bytes), 04 uncompressed or 06/07 hybrid (65
   * bytes, the hybrid prefix's parity must match y). Returns null for anything else, for
   * coordinates not below p and for points not on y^2 = x^3 + 7.
   */
  public static PublicPoint parseVartime(byte[] encoded) {
    if (encoded == null || encoded.length == 0) {
      return null;
    }
    int prefix = encoded[0];
    if ((prefix == 2 || prefix == 3) && encoded.length == 33) {
      return decompress(encoded, prefix == 3);
    }
    if ((prefix == 4 || prefix == 6 || prefix == 7) && encoded.length == 65) {
      PublicPoint p = fromCoordinates(encoded);
      boolean parityOk = prefix == 4 || p == null || Field.isOdd(p.y) == (prefix == 7);
      return parityOk ? p : null;
    }
    return null;
  }

  /** Parses the 65-byte 04 encoding of a point the caller already validated. */
  public static PublicPoint ofValidatedUncompressed(byte[] uncompressed) {
    long[] x = Field.create();
    long[] y = Field.create();
    Field.setBytes(x, uncompressed, 1);
    Field.setBytes(y, uncompressed, 33);
    return new PublicPoint(x, y, uncompressed.clone());
  }

  private static PublicPoint decompress(byte[] encoded, boolean odd) {
    if (!belowP(encoded, 1)) {
      return null;
    }
    long[] x = Field.create();
    Field.setBytes(x, encoded, 1);
    long[] y = Field.create();
    if (!Field.sqrt(y, curveRhs(x))) {
      return null;
    }
    Field.normalize(y);
    if (Field.isOdd(y) != odd) {
      Field.negate(y, y);
      Field.normalize(y);
    }
    return withEncoding(x, y);
  }

  private static PublicPoint fromCoordinates(byte[] encoded) {
    if (!belowP(encoded, 1) || !belowP(encoded, 33)) {
      return null;
    }
    long[] x = Field.create();
    long[] y = Field.create();
    Field.setBytes(x, encoded, 1);
    Field.setBytes(y, encoded, 33);
    long[] yy = Field.create();
    Field.sqr(yy, y);
    return Field.equal(yy, curveRhs(x)) ? withEncoding(x, y) : null;
  }

  /** x^3 + 7. */
  private static long[] curveRhs(long[] x) {
    long[] r = Field.create();
    Field.sqr(r, x);
    Field.mul(r, r, x);
    r[0] += 7;
    return r;
  }

  private static PublicPoint withEncoding(long[] x, long[] y) {
    byte[] out = new byte[65];
    out[0] = 4;
    Field.getBytes(x, out, 1);
    Field.getBytes(y, out, 33);
    return new PublicPoint(x, y, out);
  }

  private static boolean belowP(byte[] b, int off) {
    return Arrays.compareUnsigned(b, off, off + 32, P_BYTES, 0, 32) < 0;
  }

  /** The verifier's tables of Q (this point) and of phi(Q). */
  record KeyTables(OddMultiples q, OddMultiples phiQ) {}

  /** This point's tables for wNAF width {@code window}; every caller passes the same arguments. */
  KeyTables tables(int window, long[] beta) {
    KeyTables t = tables;
    if (t == null) {
      OddMultiples q = OddMultiples.of(this, window);
      t = new KeyTables(q, q.timesBeta(beta));
      tables = t;
    }
    return t;
  }

  /** The 65-byte uncompressed (04) encoding. */
  public byte[] uncompressed() {
    return uncompressed.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicPoint && Arrays.equals(uncompressed, ((PublicPoint) o).uncompressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(uncompressed);
  }

  @Override
  public String toString() {
    return "PublicPoint(" + Hex.encode(uncompressed) + ")";
  }
}
