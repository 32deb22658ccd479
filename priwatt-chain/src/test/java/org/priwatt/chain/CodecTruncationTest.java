package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.script.Script;
import org.priwatt.script.VerifyFlag;

/** Round trip and cut-at-every-offset for each component codec, and the facade. */
class CodecTruncationTest {
  private final RandomTransactions gen = new RandomTransactions(5);

  private static <T> void roundTripAndTruncate(Codec<T> codec, T value) throws DecodeException {
    byte[] enc = codec.encode(value);
    assertThat(enc.length).isLessThanOrEqualTo(codec.maxSize());
    assertThat(codec.decodeFully(enc)).isEqualTo(value);
    for (int cut = 0; cut < enc.length; cut++) {
      byte[] part = Arrays.copyOf(enc, cut);
      assertThatThrownBy(() -> codec.decodeFully(part)).isInstanceOfSatisfying(
          DecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.TRUNCATED));
    }
  }

  @Test
  void componentsRoundTripAndRejectTruncation() throws DecodeException {
    for (int i = 0; i < 50; i++) {
      Transaction tx = gen.transaction(2, 2);
      for (TxInput in : tx.inputs()) {
        roundTripAndTruncate(TxInput.CODEC, in);
        roundTripAndTruncate(OutPoint.CODEC, in.outPoint());
      }
      for (TxOutput out : tx.outputs()) {
        roundTripAndTruncate(TxOutput.CODEC, out);
      }
    }
    roundTripAndTruncate(TxOutput.CODEC, TxOutput.ofRawValue(-1, Script.EMPTY));
  }

  @Test
  void facadeDelegates() throws ChainException {
    Transaction tx = ConsensusApi.parseTransaction(TransactionTest.GENESIS_COINBASE);
    assertThat(ConsensusApi.checkTransaction(tx)).isEmpty();
    Transaction empty = Transaction.builder().build();
    assertThat(ConsensusApi.checkTransaction(empty).map(TxRejectReason::reason))
        .isEqualTo(Optional.of("bad-txns-vin-empty"));
    Script code = tx.output(0).scriptPubKey();
    assertThat(ConsensusApi.legacySignatureHash(tx, 0, code, 0x41))
        .isEqualTo(SignatureHasher.of(tx).legacyHash(0, code, 0x41));
    assertThat(Hex.encode(ConsensusApi.legacySignatureHash(tx, 0, code, 1)))
        .isNotEqualTo(Hex.encode(ConsensusApi.legacySignatureHash(tx, 0, code, 2)));
    assertThat(ConsensusApi.STANDARD_FLAGS).contains(VerifyFlag.P2SH, VerifyFlag.NULLFAIL);
  }
}
