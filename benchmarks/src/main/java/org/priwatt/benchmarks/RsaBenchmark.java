package org.priwatt.benchmarks;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;
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

/**
 * The RSA half of the paper's Table 3: SHA-256 with PKCS#1 v1.5 signatures at 1024, 2048 and
 * 4096 bits, through the JDK's default provider ({@code SHA256withRSA}, SunRsaSign) and raw Bouncy
 * Castle ({@link RSADigestSigner} over its blinded RSA engine). The SDK has no RSA and gets none:
 * the PriWatt protocol signs with ECDSA only; this class exists to compare.
 *
 * <p>One <b>sign</b> = SHA-256 of a 32-byte message, the DigestInfo encoding and one private-key
 * operation with the CRT parameters; one <b>verify</b> = the same hash and one public-key
 * operation with e = 65537, then the padding check. Keys are generated in setup from {@link
 * SecureRandom} (a 4096-bit key takes a few seconds), the same key for both providers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RsaBenchmark {
  @Param({"1024", "2048", "4096"})
  public int bits;

  byte[] message;
  Signature jdkSigner;
  Signature jdkVerifier;
  byte[] jdkSig;
  RSADigestSigner bcSigner;
  RSADigestSigner bcVerifier;
  byte[] bcSig;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
    KeyPair kp = g.generateKeyPair();
    message = EcdsaBenchmark.message(random);

    jdkSigner = Signature.getInstance("SHA256withRSA");
    jdkSigner.initSign(kp.getPrivate(), random);
    jdkVerifier = Signature.getInstance("SHA256withRSA");
    jdkVerifier.initVerify(kp.getPublic());
    jdkSig = jdkSign();

    RSAPrivateCrtKey k = (RSAPrivateCrtKey) kp.getPrivate();
    RSAPublicKey p = (RSAPublicKey) kp.getPublic();
    bcSigner = new RSADigestSigner(new SHA256Digest());
    bcSigner.init(true, new ParametersWithRandom(new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(),
        k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(),
        k.getCrtCoefficient()), random));
    bcVerifier = new RSADigestSigner(new SHA256Digest());
    bcVerifier.init(false, new RSAKeyParameters(false, p.getModulus(), p.getPublicExponent()));
    bcSig = bcSign();

    // PKCS#1 v1.5 is deterministic: both providers must produce the same bytes, and accept them.
    if (!java.util.Arrays.equals(jdkSig, bcSig) || !jdkVerify() || !bcVerify()) {
      throw new IllegalStateException("JDK and Bouncy Castle disagree on an RSA-" + bits + " signature");
    }
    if (!BigInteger.valueOf(65537).equals(p.getPublicExponent())) {
      throw new IllegalStateException("public exponent is not 65537");
    }
  }

  @Benchmark
  public byte[] jdkSign() throws Exception {
    jdkSigner.update(message);
    return jdkSigner.sign();
  }

  @Benchmark
  public boolean jdkVerify() throws Exception {
    jdkVerifier.update(message);
    return jdkVerifier.verify(jdkSig);
  }

  @Benchmark
  public byte[] bcSign() throws CryptoException {
    bcSigner.update(message, 0, message.length);
    return bcSigner.generateSignature();
  }

  @Benchmark
  public boolean bcVerify() {
    bcVerifier.update(message, 0, message.length);
    return bcVerifier.verifySignature(bcSig);
  }
}
