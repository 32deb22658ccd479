package org.priwatt.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.internal.ec.PublicCurveOps;
import org.priwatt.crypto.internal.ec.PublicPoint;

/**
 * Pure-Java secp256k1: Bouncy Castle's custom curve (fixed-point comb for G, GLV) for everything
 * that involves a secret scalar (signing, key derivation, private tweaks, ECDH), and PriWatt's
 * own variable-time arithmetic ({@link PublicPoint}, {@link PublicCurveOps}) for the operations on
 * public data: parsing public keys, verifying signatures (what a validating node repeats per
 * input), recovering keys from signatures and public BIP 32 tweaks. Used where the native
 * library cannot load, or when selected explicitly. Signatures are RFC 6979 deterministic and
 * normalised to low S, byte-identical to libsecp256k1's.
 */
public final class BouncyCastleBackend implements CurveBackend {
  /** The curve parameters shared with the rest of the module. */
  public static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  /** Domain parameters for Bouncy Castle's signer, with the SDK's one curve order. */
  public static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), Secp256k1.ORDER, PARAMS.getH());

  private static final BigInteger N = Secp256k1.ORDER;
  private static final BigInteger HALF_N = Secp256k1.HALF_ORDER;
  private static final ECCurve CURVE = PARAMS.getCurve();
  private static final FixedPointCombMultiplier G_MUL = new FixedPointCombMultiplier();

  @Override
  public String name() {
    return "pure Java (PriWatt verifier, Bouncy Castle custom secp256k1)";
  }

  @Override
  public byte[] createPublicKey(byte[] priv) {
    return G_MUL.multiply(PARAMS.getG(), new BigInteger(1, priv)).getEncoded(false);
  }

  @Override
  public byte[] parsePublicKey(byte[] encoded) {
    PublicPoint p = PublicPoint.parseVartime(encoded);
    return p == null ? null : p.uncompressed();
  }

  @Override
  public Object preparePublicKey(byte[] uncompressed) {
    return new Prepared(PublicPoint.ofValidatedUncompressed(uncompressed));
  }

  @Override
  public byte[] sign(byte[] hash, byte[] priv) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, priv), DOMAIN));
    BigInteger[] rs = signer.generateSignature(hash);
    BigInteger s = rs[1].compareTo(HALF_N) > 0 ? N.subtract(rs[1]) : rs[1];
    byte[] out = new byte[64];
    BigIntegers.asUnsignedByteArray(rs[0], out, 0, 32);
    BigIntegers.asUnsignedByteArray(s, out, 32, 32);
    return out;
  }

  @Override
  public boolean verify(byte[] hash, byte[] compactLowS, Object prepared) {
    return PublicCurveOps.verifyVartime(hash, compactLowS, ((Prepared) prepared).point);
  }

  @Override
  public byte[] privateKeyTweakAdd(byte[] priv, byte[] tweak) {
    // Both operands are secret (BIP 32's IL of a hardened child depends on the parent key).
    if (!Curve.isBelowOrder(tweak)) {
      return null;
    }
    byte[] k = Curve.addModOrder(priv, tweak);
    return Curve.isZero(k) ? null : k;
  }

  @Override
  public byte[] publicKeyTweakAdd(byte[] uncompressed, byte[] tweak) {
    return PublicCurveOps.tweakAddVartime(uncompressed, tweak);
  }

  @Override
  public byte[] publicKeyMultiply(Object prepared, byte[] scalar) {
    // The scalar may be a private key (EcKey.ecdhX): range-check it in constant time.
    if (!Curve.isValidPrivateKey(scalar)) {
      return null;
    }
    BigInteger k = new BigInteger(1, scalar);
    ECPoint q = ((Prepared) prepared).bouncyCastlePoint().multiply(k).normalize();
    return q.isInfinity() ? null : q.getEncoded(false);
  }

  @Override
  public byte[] ecdhXUntrusted(byte[] uncompressed, byte[] priv) {
    if (uncompressed.length != 65 || uncompressed[0] != 4) {
      return null;
    }
    try {
      // decodePoint rejects coordinates ≥ p and points off the curve (IllegalArgumentException).
      ECPoint p = CURVE.decodePoint(uncompressed);
      if (p.isInfinity() || !p.isValid()) {
        return null;
      }
      ECPoint q = p.multiply(new BigInteger(1, priv)).normalize();
      return q.isInfinity() ? null : q.getAffineXCoord().getEncoded();
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }

  @Override
  public byte[] recoverPublicKey(byte[] compact, byte[] hash, int recId) {
    return PublicCurveOps.recoverVartime(compact, hash, recId);
  }

  /** A parsed key for verification, and Bouncy Castle's form of it made on first multiply. */
  private static final class Prepared {
    final PublicPoint point;
    private volatile ECPoint bouncyCastle;

    Prepared(PublicPoint point) {
      this.point = point;
    }

    ECPoint bouncyCastlePoint() {
      ECPoint p = bouncyCastle;
      if (p == null) {
        p = CURVE.decodePoint(point.uncompressed());
        bouncyCastle = p;
      }
      return p;
    }
  }
}
