package org.priwatt.chain.wallet;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.script.Script;

/**
 * The plaintext of a wallet file's data section: the transaction records and the watched redeem
 * scripts. Layout (little-endian, as the chain's formats): CompactSize record count, then per
 * record status byte, height (int32) and the transaction as CompactSize-prefixed bytes;
 * CompactSize script count, then each script CompactSize-prefixed. Decoding is bounded by the
 * input length before any allocation.
 */
final class WalletCodec {
  /** Largest redeem script stored (a P2SH push). */
  private static final int MAX_SCRIPT = 520;
  /** A record takes at least a status byte, a height and a one-byte length. */
  private static final int MIN_RECORD_SIZE = 1 + 4 + 1;

  private WalletCodec() {}

  /** The decoded content. */
  record Content(List<WalletTransaction> transactions, List<Script> watched) {}

  /** Encodes the records and scripts. */
  static byte[] encode(List<WalletTransaction> transactions, List<Script> watched) {
    ByteWriter w = ByteWriter.littleEndian();
    w.compactSize(transactions.size());
    for (WalletTransaction t : transactions) {
      w.u8(t.status().ordinal()).i32(t.height())
          .varBytes(LengthPrefix.COMPACT_SIZE, t.transaction().serialize());
    }
    w.compactSize(watched.size());
    for (Script s : watched) {
      w.varBytes(LengthPrefix.COMPACT_SIZE, s.program());
    }
    return w.toByteArray();
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @throws DecodeException if the bytes are truncated or malformed, a status is unknown or a
   *     transaction does not decode
   * @throws IllegalArgumentException if a record is inconsistent (caught by the caller as
   *     corruption)
   */
  static Content decode(byte[] bytes) throws DecodeException {
    ByteReader r = ByteReader.of(bytes, ByteOrder.LITTLE_ENDIAN);
    int n = r.count(LengthPrefix.COMPACT_SIZE, Transaction.MAX_COUNT, MIN_RECORD_SIZE);
    List<WalletTransaction> txs = new ArrayList<>(n);
    WalletTransaction.Status[] statuses = WalletTransaction.Status.values();
    for (int i = 0; i < n; i++) {
      int status = r.u8();
      if (status >= statuses.length) {
        throw new DecodeException(DecodeError.UNKNOWN_TYPE, r.position() - 1,
            "unknown status " + status);
      }
      int height = r.i32();
      byte[] tx = r.varBytes(LengthPrefix.COMPACT_SIZE, Transaction.MAX_SIZE);
      txs.add(new WalletTransaction(Transaction.CODEC.decodeFully(tx), statuses[status], height));
    }
    int m = r.count(LengthPrefix.COMPACT_SIZE, Transaction.MAX_COUNT, 1);
    List<Script> scripts = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      scripts.add(Script.fromBytes(r.varBytes(LengthPrefix.COMPACT_SIZE, MAX_SCRIPT)));
    }
    r.expectEnd();
    return new Content(txs, scripts);
  }
}
