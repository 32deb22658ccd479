package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;
import org.priwatt.script.Script;

class SignatureHasherTest {
  private final RandomTransactions gen = new RandomTransactions(99);

  private Transaction twoInOneOut() {
    Transaction tx;
    do {
      tx = gen.transaction(3, 1);
    } while (tx.inputs().size() < 2 || tx.outputs().size() != 1);
    return tx;
  }

  @Test
  void singleWithoutMatchingOutputReturnsOne() {
    Transaction tx = twoInOneOut();
    byte[] h = SignatureHasher.of(tx).legacyHash(1, Script.EMPTY, SignatureHasher.SIGHASH_SINGLE);
    assertThat(Hex.encode(h)).isEqualTo("01" + "00".repeat(31));
    byte[] h2 = SignatureHasher.of(tx).legacyHash(1, Script.EMPTY, 0x83 | 0x1000);
    assertThat(h2).isEqualTo(h);
    assertThat(SignatureHasher.of(tx).legacyHash(0, Script.EMPTY, 3)).isNotEqualTo(h);
  }

  @Test
  void fullThirtyTwoBitHashTypeIsCommitted() {
    Transaction tx = twoInOneOut();
    SignatureHasher hasher = SignatureHasher.of(tx);
    byte[] all = hasher.legacyHash(0, Script.EMPTY, 1);
    assertThat(hasher.legacyHash(0, Script.EMPTY, 0x101)).isNotEqualTo(all);
    assertThat(hasher.legacyHash(0, Script.EMPTY, 0x01000001)).isNotEqualTo(all);
    // modes come from the low five bits only: 0x21 is SINGLE-free ALL, 0x23 is SINGLE
    assertThat(hasher.legacyHash(1, Script.EMPTY, 0x23))
        .isEqualTo(hasher.legacyHash(1, Script.EMPTY, 3));
  }

  @Test
  void allHashMatchesHandBuiltPreimage() {
    Transaction tx = twoInOneOut();
    Script code = Script.fromBytes(Hex.decode("76a914" + "11".repeat(20) + "88ac"));
    // Core's preimage: the tx with input 0's script = code, others empty, plus hashType LE
    TransactionBuilder b = tx.toBuilder().setScriptSig(0, code);
    for (int i = 1; i < tx.inputs().size(); i++) {
      b.setScriptSig(i, Script.EMPTY);
    }
    byte[] ser = b.build().serialize();
    byte[] pre = java.util.Arrays.copyOf(ser, ser.length + 4);
    pre[ser.length] = 1;
    assertThat(SignatureHasher.of(tx).legacyHash(0, code, 1)).isEqualTo(Hashes.sha256d(pre));
  }

  @Test
  void codeSeparatorsAreRemovedFromScriptCode() {
    Transaction tx = twoInOneOut();
    SignatureHasher hasher = SignatureHasher.of(tx);
    Script with = Script.fromBytes(Hex.decode("ab51ab52ab"));
    Script without = Script.fromBytes(Hex.decode("5152"));
    assertThat(hasher.legacyHash(0, with, 1)).isEqualTo(hasher.legacyHash(0, without, 1));
    // a push whose data contains 0xab is data, not a separator
    Script pushed = Script.fromBytes(Hex.decode("01ab"));
    assertThat(hasher.legacyHash(0, pushed, 1))
        .isNotEqualTo(hasher.legacyHash(0, Script.fromBytes(Hex.decode("01")), 1));
  }

  @Test
  void truncatedPushFollowsCoresSerializer() {
    // Core writes the length of the whole script minus separators (4) but only the bytes its
    // parser got through: ab-free "ac 4c 05" and not the dangling "01".
    byte[] code = SignatureHasher.serializeScriptCode(
        Script.fromBytes(Hex.decode("ac4c0501")));
    assertThat(Hex.encode(code)).isEqualTo("04ac4c05");
    byte[] sep = SignatureHasher.serializeScriptCode(
        Script.fromBytes(Hex.decode("51ab4d0100")));
    assertThat(Hex.encode(sep)).isEqualTo("04514d0100");
  }

  @Test
  void inputIndexOutOfRangeIsAPreconditionViolation() {
    Transaction tx = twoInOneOut();
    assertThatThrownBy(() -> SignatureHasher.of(tx).legacyHash(tx.inputs().size(),
        Script.EMPTY, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
