package org.priwatt.benchmarks;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.Secp256k1Implementation;

/**
 * secp256k1 sign, verify and ECDH through the SDK on each backend, next to the raw libsecp256k1
 * binding, raw Bouncy Castle and bitcoinj, all in one run so the ratios are comparable.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Secp256k1Benchmark {

  /** SDK state; the backend is a parameter so both run in the same JMH invocation. */
  @State(Scope.Benchmark)
  public static class Sdk {
    @Param({"NATIVE", "BOUNCY_CASTLE"})
    public Secp256k1Implementation backend;

    EcKey key;
    EcPublicKey pub;
    EcPublicKey peer;
    byte[] hash;
    EcdsaSignature sig;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      // Fixes this fork's backend before anything uses the curve: JMH runs every parameter
      // value in a JVM of its own (with -f 0 the second value would be refused).
      Secp256k1.select(backend);
      key = EcKey.fromPrivate(Hashes.sha256(new byte[] {1}));
      pub = EcPublicKey.decode(key.publicKey().encoded());
      peer = EcKey.fromPrivate(Hashes.sha256(new byte[] {2})).publicKey();
      hash = Hashes.sha256(new byte[] {3});
      sig = key.sign(hash);
    }
  }

  @Benchmark
  public EcdsaSignature sdkSign(Sdk s) {
    return s.key.sign(s.hash);
  }

  @Benchmark
  public boolean sdkVerify(Sdk s) {
    return s.pub.verify(s.hash, s.sig);
  }

  @Benchmark
  public byte[] sdkEcdh(Sdk s) throws Exception {
    return s.key.ecdhX(s.peer);
  }

  /** Raw ACINQ libsecp256k1 binding. */
  @State(Scope.Benchmark)
  public static class Raw {
    fr.acinq.secp256k1.Secp256k1 lib;
    byte[] priv;
    byte[] pub;
    byte[] peer;
    byte[] hash;
    byte[] sig;

    @Setup(Level.Trial)
    public void setUp() {
      lib = fr.acinq.secp256k1.Secp256k1.get();
      priv = Hashes.sha256(new byte[] {1});
      pub = lib.pubkeyCreate(priv);
      peer = lib.pubkeyCreate(Hashes.sha256(new byte[] {2}));
      hash = Hashes.sha256(new byte[] {3});
      sig = lib.sign(hash, priv);
    }
  }

  @Benchmark
  public byte[] rawBindingSign(Raw s) {
    return s.lib.sign(s.hash, s.priv);
  }

  @Benchmark
  public boolean rawBindingVerify(Raw s) {
    return s.lib.verify(s.sig, s.hash, s.pub);
  }

  @Benchmark
  public byte[] rawBindingPointMul(Raw s) {
    return s.lib.pubKeyTweakMul(s.peer, s.priv);
  }

  /** Raw Bouncy Castle ECDSASigner on its custom secp256k1 curve. */
  @State(Scope.Benchmark)
  public static class RawBc {
    org.bouncycastle.asn1.x9.X9ECParameters params =
        org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256k1");
    org.bouncycastle.crypto.params.ECDomainParameters domain;
    ECPrivateKeyParameters priv;
    ECPublicKeyParameters pub;
    ECPoint peer;
    byte[] hash;
    BigInteger[] sig;

    @Setup(Level.Trial)
    public void setUp() {
      domain = new org.bouncycastle.crypto.params.ECDomainParameters(
          params.getCurve(), params.getG(), params.getN(), params.getH());
      BigInteger d = new BigInteger(1, Hashes.sha256(new byte[] {1}));
      priv = new ECPrivateKeyParameters(d, domain);
      pub = new ECPublicKeyParameters(params.getG().multiply(d).normalize(), domain);
      peer = params.getG().multiply(new BigInteger(1, Hashes.sha256(new byte[] {2}))).normalize();
      hash = Hashes.sha256(new byte[] {3});
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      signer.init(true, priv);
      sig = signer.generateSignature(hash);
    }
  }

  @Benchmark
  public BigInteger[] rawBcSign(RawBc s) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, s.priv);
    return signer.generateSignature(s.hash);
  }

  @Benchmark
  public boolean rawBcVerify(RawBc s) {
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, s.pub);
    return signer.verifySignature(s.hash, s.sig[0], s.sig[1]);
  }

  @Benchmark
  public ECPoint rawBcPointMul(RawBc s) {
    return s.peer.multiply(s.priv.getD()).normalize();
  }

  /** bitcoinj's ECKey, the incumbent Java Bitcoin library. */
  @State(Scope.Benchmark)
  public static class Bitcoinj {
    org.bitcoinj.crypto.ECKey key;
    org.bitcoinj.base.Sha256Hash hash;
    org.bitcoinj.crypto.ECKey.ECDSASignature sig;
    byte[] pub;

    @Setup(Level.Trial)
    public void setUp() {
      key = org.bitcoinj.crypto.ECKey.fromPrivate(Hashes.sha256(new byte[] {1}));
      hash = org.bitcoinj.base.Sha256Hash.wrap(Hashes.sha256(new byte[] {3}));
      sig = key.sign(hash);
      pub = key.getPubKey();
    }
  }

  @Benchmark
  public Object bitcoinjSign(Bitcoinj s) {
    return s.key.sign(s.hash);
  }

  @Benchmark
  public boolean bitcoinjVerify(Bitcoinj s) {
    return org.bitcoinj.crypto.ECKey.verify(s.hash.getBytes(), s.sig, s.pub);
  }
}
