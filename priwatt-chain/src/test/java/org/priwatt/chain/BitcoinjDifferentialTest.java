package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Hex;
import org.priwatt.script.Script;

/**
 * Differential tests against bitcoinj: serialization, txid and the legacy signature hash must
 * agree on thousands of random transactions (fixed seed).
 */
class BitcoinjDifferentialTest {
  private static final int TRANSACTIONS = 3000;

  @Test
  void serializationAndTxIdMatchBitcoinj() throws Exception {
    RandomTransactions gen = new RandomTransactions(0x5eed_0001L);
    for (int n = 0; n < TRANSACTIONS; n++) {
      Transaction tx = gen.transaction(6, 6);
      org.bitcoinj.core.Transaction theirs =
          org.bitcoinj.core.Transaction.read(ByteBuffer.wrap(tx.serialize()));
      assertThat(Hex.encode(theirs.serialize())).isEqualTo(tx.toHex());
      assertThat(theirs.getTxId().toString()).isEqualTo(tx.txId().toString());
      assertThat(Transaction.parse(theirs.serialize())).isEqualTo(tx);
    }
  }

  @Test
  void legacySighashMatchesBitcoinjForRandomHashTypes() throws Exception {
    RandomTransactions gen = new RandomTransactions(0x5eed_0002L);
    for (int n = 0; n < TRANSACTIONS; n++) {
      Transaction tx = gen.transaction(5, 5);
      org.bitcoinj.core.Transaction theirs =
          org.bitcoinj.core.Transaction.read(ByteBuffer.wrap(tx.serialize()));
      SignatureHasher hasher = SignatureHasher.of(tx);
      for (int k = 0; k < 3; k++) {
        int input = gen.random().nextInt(tx.inputs().size());
        int hashType = gen.random().nextInt(256);
        Script code = gen.wellFormedScript(12);
        assertSameHash(hasher, theirs, input, code, hashType);
      }
    }
  }

  @Test
  void legacySighashMatchesBitcoinjForEveryHashTypeByte() throws Exception {
    RandomTransactions gen = new RandomTransactions(0x5eed_0003L);
    for (int n = 0; n < 12; n++) {
      Transaction tx = gen.transaction(4, 4);
      org.bitcoinj.core.Transaction theirs =
          org.bitcoinj.core.Transaction.read(ByteBuffer.wrap(tx.serialize()));
      SignatureHasher hasher = SignatureHasher.of(tx);
      Script code = gen.wellFormedScript(10);
      for (int hashType = 0; hashType < 256; hashType++) {
        for (int input = 0; input < tx.inputs().size(); input++) {
          assertSameHash(hasher, theirs, input, code, hashType);
        }
      }
    }
  }

  private static void assertSameHash(SignatureHasher hasher, org.bitcoinj.core.Transaction theirs,
      int input, Script code, int hashType) {
    byte[] expected =
        theirs.hashForSignature(input, code.program(), (byte) hashType).getBytes();
    assertThat(Hex.encode(hasher.legacyHash(input, code, hashType)))
        .as("input %d hashType %d code %s", input, hashType, code)
        .isEqualTo(Hex.encode(expected));
  }
}
