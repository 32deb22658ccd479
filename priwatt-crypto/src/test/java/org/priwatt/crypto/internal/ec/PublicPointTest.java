package org.priwatt.crypto.internal.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.internal.BouncyCastleBackend;

/** {@link PublicPoint#parse} against Bouncy Castle's decoder on every SEC 1 prefix. */
class PublicPointTest {
  private static final ECCurve CURVE = BouncyCastleBackend.PARAMS.getCurve();

  private static byte[] bouncyCastle(byte[] enc) {
    try {
      ECPoint p = CURVE.decodePoint(enc);
      return p.isInfinity() || !p.isValid() ? null : p.getEncoded(false);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] ours(byte[] enc) {
    PublicPoint p = PublicPoint.parseVartime(enc);
    return p == null ? null : p.uncompressed();
  }

  @Test
  void agreesWithBouncyCastleOnValidAndInvalidEncodings() {
    Random r = new Random(21);
    int valid = 0;
    for (int i = 0; i < 20_000; i++) {
      ECPoint p = BouncyCastleBackend.PARAMS.getG().multiply(new BigInteger(250, r).add(BigInteger.ONE)).normalize();
      byte[] enc;
      switch (i % 5) {
        case 0: enc = p.getEncoded(true); break;
        case 1: enc = p.getEncoded(false); break;
        case 2: // hybrid, with the right or the wrong parity
          enc = p.getEncoded(false);
          enc[0] = (byte) (6 + (r.nextBoolean() ? enc[64] & 1 : 1 - (enc[64] & 1)));
          break;
        case 3: // random x: a point about half the time
          enc = new byte[33];
          r.nextBytes(enc);
          enc[0] = (byte) (2 + r.nextInt(2));
          break;
        default: // uncompressed with y perturbed: off the curve
          enc = p.getEncoded(false);
          enc[33 + r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
          break;
      }
      byte[] expected = bouncyCastle(enc);
      assertThat(ours(enc)).as("case %d", i).isEqualTo(expected);
      valid += expected == null ? 0 : 1;
    }
    assertThat(valid).isBetween(12_000, 15_000);
  }

  @Test
  void rejectsCoordinatesAtOrAboveP() {
    byte[] p = FieldTest.toBytes(FieldTest.P);
    byte[] compressed = new byte[33];
    compressed[0] = 2;
    System.arraycopy(p, 0, compressed, 1, 32);
    assertThat(PublicPoint.parseVartime(compressed)).isNull();
    // x = p + 1 would alias x = 1 (a valid x) if the range check were missing.
    compressed[32]++;
    assertThat(PublicPoint.parseVartime(compressed)).isNull();
    byte[] one = new byte[33];
    one[0] = 2;
    one[32] = 1;
    assertThat(PublicPoint.parseVartime(one)).isNotNull();
  }

  @Test
  void rejectsWrongLengthsAndPrefixes() {
    byte[] g = BouncyCastleBackend.PARAMS.getG().getEncoded(true);
    assertThat(PublicPoint.parseVartime(null)).isNull();
    assertThat(PublicPoint.parseVartime(new byte[0])).isNull();
    assertThat(PublicPoint.parseVartime(new byte[] {0})).isNull();
    assertThat(PublicPoint.parseVartime(java.util.Arrays.copyOf(g, 34))).isNull();
    assertThat(PublicPoint.parseVartime(java.util.Arrays.copyOf(g, 32))).isNull();
    byte[] bad = g.clone();
    bad[0] = 5;
    assertThat(PublicPoint.parseVartime(bad)).isNull();
    assertThat(PublicPoint.parseVartime(g)).isNotNull();
  }
}
