package org.priwatt.benchmarks;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;
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
 * The ECDSA half of the paper's Table 3 (signatures per second, sign and verify), so the SDK's
 * choice of ECDSA over RSA can be checked on the machine at hand rather than taken from a 2010
 * laptop running OpenSSL.
 *
 * <p>What one operation is, the same for every implementation: <b>sign</b> = SHA-256 of a
 * 32-byte message, then one signature of that digest (the JDK's {@code SHA256withECDSA} hashes
 * inside, the others are handed the digest computed in the benchmark); <b>verify</b> = SHA-256 of
 * the same message, then one verification against a public key parsed once in setup. Keys are
 * generated in setup from {@link SecureRandom}. Nonces: RFC 6979 everywhere except the JDK, which
 * draws k from its {@link SecureRandom} (as OpenSSL does).
 *
 * <ul>
 *   <li>{@code bcSign}/{@code bcVerify}: raw Bouncy Castle {@link ECDSASigner} on its custom
 *       (specialised field arithmetic) curves: the one library that has every curve of the table,
 *       so the curve-size trend comes from one code base;
 *   <li>{@code jdkP256Sign}/{@code jdkP256Verify}: {@code SHA256withECDSA} on secp256r1 through
 *       the JDK's default provider (SunEC), the only one of these curves a JDK 16+ still offers;
 *   <li>{@code sdkSign}/{@code sdkVerify}: secp256k1 through {@code org.priwatt.crypto} on each
 *       backend ({@code NATIVE} libsecp256k1, {@code BOUNCY_CASTLE} pure Java);
 *   <li>{@code rawBindingSign}/{@code rawBindingVerify}: ACINQ's libsecp256k1 binding called
 *       directly, the floor under the SDK's native backend;
 *   <li>{@code bitcoinjSign}/{@code bitcoinjVerify}: secp256k1 through bitcoinj's {@code ECKey}
 *       (Bouncy Castle inside), the incumbent Java Bitcoin library; its only verification entry
 *       point takes the public key as bytes, so each verification also decodes the key.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EcdsaBenchmark {
  /** The message every implementation hashes and signs. */
  static final int MESSAGE_BYTES = 32;

  static byte[] message(SecureRandom random) {
    byte[] m = new byte[MESSAGE_BYTES];
    random.nextBytes(m);
    return m;
  }

  /** Raw Bouncy Castle on one of its named curves. */
  @State(Scope.Thread)
  public static class Bc {
    @Param({"secp160r1", "secp160k1", "secp224r1", "secp224k1", "secp256r1", "secp256k1"})
    public String curve;

    ECPrivateKeyParameters priv;
    ECPublicKeyParameters pub;
    byte[] message;
    BigInteger[] sig;
    final SHA256Digest digest = new SHA256Digest();
    final byte[] hash = new byte[32];

    @Setup(Level.Trial)
    public void setUp() {
      X9ECParameters params = CustomNamedCurves.getByName(curve);
      if (params == null) {
        throw new IllegalArgumentException("Bouncy Castle has no custom curve " + curve);
      }
      ECDomainParameters domain = new ECDomainParameters(params.getCurve(), params.getG(), params.getN(), params.getH());
      SecureRandom random = new SecureRandom();
      BigInteger d = BigIntegers.createRandomInRange(BigInteger.ONE, params.getN().subtract(BigInteger.ONE), random);
      priv = new ECPrivateKeyParameters(d, domain);
      pub = new ECPublicKeyParameters(params.getG().multiply(d).normalize(), domain);
      message = message(random);
      sig = sign(this);
      if (!verify(this)) {
        throw new IllegalStateException("Bouncy Castle's own signature does not verify on " + curve);
      }
    }

    byte[] hash() {
      digest.update(message, 0, message.length);
      digest.doFinal(hash, 0);
      return hash;
    }
  }

  static BigInteger[] sign(Bc s) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, s.priv);
    return signer.generateSignature(s.hash());
  }

  static boolean verify(Bc s) {
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, s.pub);
    return signer.verifySignature(s.hash(), s.sig[0], s.sig[1]);
  }

  @Benchmark
  public BigInteger[] bcSign(Bc s) {
    return sign(s);
  }

  @Benchmark
  public boolean bcVerify(Bc s) {
    return verify(s);
  }

  /** {@code SHA256withECDSA} on secp256r1 through the JDK's default provider. */
  @State(Scope.Thread)
  public static class Jdk {
    Signature signer;
    Signature verifier;
    byte[] message;
    byte[] sig;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair kp = g.generateKeyPair();
      signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(kp.getPrivate(), random);
      verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(kp.getPublic());
      message = message(random);
      signer.update(message);
      sig = signer.sign();
      verifier.update(message);
      if (!verifier.verify(sig)) {
        throw new IllegalStateException("the JDK's own P-256 signature does not verify");
      }
    }
  }

  @Benchmark
  public byte[] jdkP256Sign(Jdk s) throws Exception {
    s.signer.update(s.message);
    return s.signer.sign();
  }

  @Benchmark
  public boolean jdkP256Verify(Jdk s) throws Exception {
    s.verifier.update(s.message);
    return s.verifier.verify(s.sig);
  }

  /** secp256k1 through the SDK; JMH forks a JVM per backend, since the SDK fixes it per process. */
  @State(Scope.Thread)
  public static class Sdk {
    @Param({"NATIVE", "BOUNCY_CASTLE"})
    public Secp256k1Implementation backend;

    EcKey key;
    EcPublicKey pub;
    byte[] message;
    EcdsaSignature sig;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      Secp256k1.select(backend);
      SecureRandom random = new SecureRandom();
      key = EcKey.generate(random);
      pub = EcPublicKey.decode(key.publicKey().encoded());
      message = message(random);
      sig = key.sign(Hashes.sha256(message));
      if (!pub.verify(Hashes.sha256(message), sig)) {
        throw new IllegalStateException("the SDK's own signature does not verify on " + backend);
      }
    }
  }

  @Benchmark
  public EcdsaSignature sdkSign(Sdk s) {
    return s.key.sign(Hashes.sha256(s.message));
  }

  @Benchmark
  public boolean sdkVerify(Sdk s) {
    return s.pub.verify(Hashes.sha256(s.message), s.sig);
  }

  /** ACINQ's libsecp256k1 binding, called directly. */
  @State(Scope.Thread)
  public static class RawBinding {
    fr.acinq.secp256k1.Secp256k1 lib;
    byte[] priv;
    byte[] pub;
    byte[] message;
    byte[] sig;

    @Setup(Level.Trial)
    public void setUp() {
      lib = fr.acinq.secp256k1.Secp256k1.get();
      SecureRandom random = new SecureRandom();
      priv = new byte[32];
      do {
        random.nextBytes(priv);
      } while (!lib.secKeyVerify(priv));
      pub = lib.pubkeyCreate(priv);
      message = message(random);
      sig = lib.sign(Hashes.sha256(message), priv);
      if (!lib.verify(sig, Hashes.sha256(message), pub)) {
        throw new IllegalStateException("libsecp256k1's own signature does not verify");
      }
    }
  }

  @Benchmark
  public byte[] rawBindingSign(RawBinding s) {
    return s.lib.sign(Hashes.sha256(s.message), s.priv);
  }

  @Benchmark
  public boolean rawBindingVerify(RawBinding s) {
    return s.lib.verify(s.sig, Hashes.sha256(s.message), s.pub);
  }

  /** bitcoinj's {@code ECKey}. */
  @State(Scope.Thread)
  public static class Bitcoinj {
    org.bitcoinj.crypto.ECKey key;
    byte[] pub;
    byte[] message;
    org.bitcoinj.crypto.ECKey.ECDSASignature sig;

    @Setup(Level.Trial)
    public void setUp() {
      SecureRandom random = new SecureRandom();
      key = new org.bitcoinj.crypto.ECKey(random);
      pub = key.getPubKey();
      message = message(random);
      sig = key.sign(org.bitcoinj.base.Sha256Hash.wrap(Hashes.sha256(message)));
      if (!org.bitcoinj.crypto.ECKey.verify(Hashes.sha256(message), sig, pub)) {
        throw new IllegalStateException("bitcoinj's own signature does not verify");
      }
    }
  }

  @Benchmark
  public Object bitcoinjSign(Bitcoinj s) {
    return s.key.sign(org.bitcoinj.base.Sha256Hash.wrap(Hashes.sha256(s.message)));
  }

  @Benchmark
  public boolean bitcoinjVerify(Bitcoinj s) {
    return org.bitcoinj.crypto.ECKey.verify(Hashes.sha256(s.message), s.sig, s.pub);
  }
}
