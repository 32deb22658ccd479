package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.crypto.Hex;
import org.priwatt.script.Script;

class TransactionTest {
  /** The genesis block's coinbase; its txid is well known. */
  static final String GENESIS_COINBASE = "01000000010000000000000000000000000000000000000000000000"
      + "000000000000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f3230303920"
      + "4368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062"
      + "616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a6"
      + "7962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac000000"
      + "00";

  @Test
  void parsesGenesisCoinbase() throws ChainException {
    Transaction tx = Transaction.parseHex(GENESIS_COINBASE);
    assertThat(tx.txId().toString())
        .isEqualTo("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
    assertThat(tx.isCoinbase()).isTrue();
    assertThat(tx.version()).isEqualTo(1);
    assertThat(tx.output(0).amount()).isEqualTo(Amount.ofSat(50 * Amount.COIN));
    assertThat(tx.input(0).sequence()).isEqualTo(TxInput.SEQUENCE_FINAL);
    assertThat(tx.toHex()).isEqualTo(GENESIS_COINBASE);
    assertThat(TransactionChecks.check(tx)).isEmpty();
  }

  @Test
  void randomRoundTripsAndBuilderCopies() throws ChainException {
    RandomTransactions gen = new RandomTransactions(11);
    for (int i = 0; i < 2000; i++) {
      Transaction tx = gen.transaction(8, 8);
      Transaction back = Transaction.parse(tx.serialize());
      assertThat(back).isEqualTo(tx);
      assertThat(back.txId()).isEqualTo(tx.txId());
      assertThat(back.inputs()).isEqualTo(tx.inputs());
      assertThat(back.outputs()).isEqualTo(tx.outputs());
      assertThat(back.lockTime()).isEqualTo(tx.lockTime());
      assertThat(back.version()).isEqualTo(tx.version());
      assertThat(tx.toBuilder().build()).isEqualTo(tx);
      assertThat(Transaction.CODEC.encode(tx)).isEqualTo(tx.serialize());
    }
  }

  @Test
  void truncationAtEveryOffsetGivesTypedError() {
    RandomTransactions gen = new RandomTransactions(12);
    for (int i = 0; i < 20; i++) {
      byte[] full = gen.transaction(3, 3).serialize();
      for (int cut = 0; cut < full.length; cut++) {
        byte[] part = Arrays.copyOf(full, cut);
        assertThatThrownBy(() -> Transaction.parse(part))
            .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.failure())
                .isIn(ChainError.TRUNCATED, ChainError.LENGTH_OUT_OF_RANGE));
      }
    }
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] full = Hex.decode(GENESIS_COINBASE + "00");
    assertThatThrownBy(() -> Transaction.parse(full)).isInstanceOfSatisfying(
        ChainException.class, e -> assertThat(e.failure()).isEqualTo(ChainError.TRAILING_BYTES));
  }

  @ParameterizedTest
  @CsvSource({
    // a vin count of 2^64-1, 2^32-1 and 65535 with nothing behind it
    "01000000ffffffffffffffffff00, LENGTH_OUT_OF_RANGE",
    "01000000feffffffff00, LENGTH_OUT_OF_RANGE",
    "01000000fdffff00, LENGTH_OUT_OF_RANGE",
    // a scriptSig length of 2^32-1
    "0100000001" + "0000000000000000000000000000000000000000000000000000000000000000ffffffff"
        + "feffffffff00, LENGTH_OUT_OF_RANGE",
    "01000000fd010001, NON_CANONICAL_COMPACT_SIZE",
    "0100000001zz, INVALID_HEX",
    "010, INVALID_HEX",
  })
  void hostilePrefixesAreRejected(String hex, ChainError expected) {
    assertThatThrownBy(() -> Transaction.parseHex(hex)).isInstanceOfSatisfying(
        ChainException.class, e -> assertThat(e.failure()).isEqualTo(expected));
  }

  /** BIP 143's signed native P2WPKH example, in BIP 144's witness serialization. */
  static final String BIP143_SIGNED_SEGWIT = "01000000000102fff7f7881a8099afa6940d42d1e7f6362bec"
      + "38171ea3edf433541db4e4ad969f00000000494830450221008b9d1dc26ba6a9cb62127b02742fa9d754cd3b"
      + "ebf337f7a55d114c8e5cdd30be022040529b194ba3f9281a99f2b1c0a19c0489bc22ede944ccf4ecbab4cc61"
      + "8ef3ed01eeffffffef51e1b804cc89d182d279655c3aa89e815b1b309fe287d9b2b55d57b90ec68a01000000"
      + "00ffffffff02202cb206000000001976a9148280b37df378db99f66f85c95a783a76ac7a6d5988ac909351"
      + "0d000000001976a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa815988ac000247304402203609e17b84"
      + "f6a7d30c80bfa610b5b4542f32a8a0d5447a12fb1366d7f01cc44a0220573a954c4518331561406f90300e"
      + "8f3358f51928d43c212a8caed02de67eebee0121025476c2e83188368da1ff3e292e7acafcdb3566bb0ad2"
      + "53f62fc70f07aeee635711000000";

  /** Issue 11.11: a witness-serialized transaction is named as such, not TRAILING_BYTES. */
  @Test
  void witnessSerializationIsRefusedAsSegwit() throws ChainException {
    assertThatThrownBy(() -> Transaction.parseHex(BIP143_SIGNED_SEGWIT))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(ChainError.SEGWIT_NOT_SUPPORTED));
    // Any non-zero flag after the marker, even with nothing behind it.
    for (String hex : new String[] {"010000000001", "0100000000ff00", "010000000002"}) {
      assertThatThrownBy(() -> Transaction.parseHex(hex)).as(hex)
          .isInstanceOfSatisfying(ChainException.class,
              e -> assertThat(e.failure()).isEqualTo(ChainError.SEGWIT_NOT_SUPPORTED));
    }
    // The same transaction without marker, flag and witness is a legacy transaction.
    int witness = BIP143_SIGNED_SEGWIT.indexOf("88ac0002473044") + 4;
    Transaction stripped = Transaction.parseHex("01000000"
        + BIP143_SIGNED_SEGWIT.substring(12, witness) + "11000000");
    assertThat(stripped.inputs()).hasSize(2);
    assertThat(stripped.outputs()).hasSize(2);
    assertThat(stripped.lockTime()).isEqualTo(0x11);
    // A marker with a zero flag is a legacy transaction with no inputs and no outputs.
    Transaction empty = Transaction.parseHex("01000000" + "00" + "00" + "00000000");
    assertThat(empty.inputs()).isEmpty();
    assertThat(empty.outputs()).isEmpty();
    assertThat(empty).isEqualTo(Transaction.builder().build());
  }

  @Test
  void oversizedInputIsRejectedBeforeDecoding() {
    byte[] big = new byte[Transaction.MAX_SIZE + 1];
    assertThatThrownBy(() -> Transaction.parse(big)).isInstanceOfSatisfying(
        ChainException.class, e -> assertThat(e.failure()).isEqualTo(ChainError.OVERSIZED));
  }

  @Test
  void txIdDisplaysReversed() {
    byte[] natural = new byte[32];
    natural[0] = 1;
    TxId id = TxId.fromBytes(natural);
    assertThat(id.toString()).endsWith("01").startsWith("00");
    assertThat(TxId.fromHex(id.toString())).isEqualTo(id);
    assertThat(id.toBytes()).isEqualTo(natural);
  }

  @Test
  void valueTypesAreImmutable() {
    byte[] script = {0x51};
    Script s = Script.fromBytes(script);
    Transaction tx = Transaction.builder()
        .addInput(OutPoint.of(TxId.fromBytes(new byte[32]), 0))
        .addOutput(Amount.ofSat(1), s).build();
    byte[] copy = tx.serialize();
    copy[0] = 9;
    assertThat(tx.version()).isEqualTo(1);
    assertThat(tx.serialize()[0]).isEqualTo((byte) 1);
    assertThatThrownBy(() -> tx.inputs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> OutPoint.of(TxId.ZERO, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TxInput.of(OutPoint.NULL, s, 1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OutPoint.NULL.isNull()).isTrue();
    assertThat(OutPoint.of(TxId.ZERO, 0).isNull()).isFalse();
  }
}
