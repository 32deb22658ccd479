package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.script.Script;

class TransactionSignatureCheckerTest {
  private static Transaction tx(int version, long lockTime, long sequence) {
    return Transaction.builder().version(version).lockTime(lockTime)
        .addInput(TxInput.of(OutPoint.of(TxId.fromBytes(new byte[32]), 0), Script.EMPTY, sequence))
        .addOutput(Amount.ZERO, Script.EMPTY).build();
  }

  @ParameterizedTest(name = "tx lock {0}, seq {1}, script {2} -> {3}")
  @CsvSource({
    "100, 0, 100, true",
    "100, 0, 99, true",
    "100, 0, 101, false",
    "100, 4294967295, 100, false", // final input bypasses nLockTime
    "500000000, 0, 499999999, false", // height vs time
    "499999999, 0, 500000000, false",
    "600000000, 0, 500000000, true",
    "600000000, 0, 600000001, false",
    "0, 0, 0, true",
  })
  void checkLockTimeFollowsBip65(long txLock, long seq, long scriptLock, boolean ok) {
    assertThat(TransactionSignatureChecker.of(tx(1, txLock, seq), 0).checkLockTime(scriptLock))
        .isEqualTo(ok);
  }

  @ParameterizedTest(name = "version {0}, seq {1}, script {2} -> {3}")
  @CsvSource({
    "2, 10, 10, true",
    "2, 10, 11, false",
    "2, 10, 9, true",
    "1, 10, 10, false", // BIP 68 needs version 2
    "-1, 10, 10, true", // Core compares the version unsigned
    "2, 2147483658, 10, false", // disable flag on the input
    "2, 4194314, 10, false", // time-based input, height-based script
    "2, 4194314, 4194314, true",
    "2, 4194314, 4194315, false",
    "2, 65546, 10, true", // bits outside the mask are ignored: 0x1000a & mask = 10
    "2, 10, 65546, true",
  })
  void checkSequenceFollowsBip112(int version, long seq, long scriptSeq, boolean ok) {
    assertThat(TransactionSignatureChecker.of(tx(version, 0, seq), 0).checkSequence(scriptSeq))
        .isEqualTo(ok);
  }

  @Test
  void signatureChecksAreLaxButExact() throws Exception {
    Transaction t = tx(1, 0, TxInput.SEQUENCE_FINAL);
    EcKey key = EcKey.fromPrivate(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    Script code = Script.fromBytes(new byte[] {0x51});
    TransactionSignatureChecker checker = TransactionSignatureChecker.of(t, 0);
    byte[] hash = SignatureHasher.of(t).legacyHash(0, code, 1);
    EcdsaSignature sig = key.sign(hash);
    byte[] pub = key.publicKey().encoded();
    assertThat(checker.checkEcdsaSignature(withType(sig.encodeDer(), 1), pub, code)).isTrue();
    // high S is accepted (the LOW_S flag is the interpreter's business)
    EcdsaSignature high = EcdsaSignature.of(sig.r(),
        org.priwatt.crypto.Secp256k1.ORDER.subtract(sig.s()));
    assertThat(checker.checkEcdsaSignature(withType(high.encodeDer(), 1), pub, code)).isTrue();
    // uncompressed encoding of the same key also verifies
    assertThat(checker.checkEcdsaSignature(withType(sig.encodeDer(), 1),
        key.publicKey().uncompressedEncoding(), code)).isTrue();
    // wrong hash type byte, other script code, garbage: false, never an exception
    assertThat(checker.checkEcdsaSignature(withType(sig.encodeDer(), 2), pub, code)).isFalse();
    assertThat(checker.checkEcdsaSignature(withType(sig.encodeDer(), 1), pub, Script.EMPTY))
        .isFalse();
    assertThat(checker.checkEcdsaSignature(new byte[0], pub, code)).isFalse();
    assertThat(checker.checkEcdsaSignature(new byte[] {1, 2, 3}, pub, code)).isFalse();
    assertThat(checker.checkEcdsaSignature(withType(sig.encodeDer(), 1), new byte[] {2}, code))
        .isFalse();
  }

  private static byte[] withType(byte[] der, int type) {
    byte[] s = Arrays.copyOf(der, der.length + 1);
    s[der.length] = (byte) type;
    return s;
  }
}
