package org.priwatt.chain.wallet.internal;

import java.util.ArrayList;
import java.util.List;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.codec.ByteReader;
import org.priwatt.chain.codec.ByteWriter;
import org.priwatt.chain.wallet.WalletTransaction;
import org.priwatt.script.Script;

/**
 * The plaintext of a wallet file's data section: the transaction records and the watched redeem
 * scripts. Layout: CompactSize record count, then per record status byte, height (int32 LE) and
 * the transaction as length-prefixed bytes; CompactSize script count, then each script
 * length-prefixed. Decoding is bounded by the input length before any allocation.
 */
public final class WalletCodec {
  /** Largest redeem script stored (a P2SH push). */
  private static final int MAX_SCRIPT = 520;

  private WalletCodec() {}

  /** The decoded content. */
  public record Content(List<WalletTransaction> transactions, List<Script> watched) {}

  /** Encodes the records and scripts. */
  public static byte[] encode(List<WalletTransaction> transactions, List<Script> watched) {
    ByteWriter w = new ByteWriter();
    w.writeCompactSize(transactions.size());
    for (WalletTransaction t : transactions) {
      w.writeUint8(t.status().ordinal());
      w.writeInt32Le(t.height());
      w.writeVarBytes(t.transaction().serialize());
    }
    w.writeCompactSize(watched.size());
    for (Script s : watched) {
      w.writeVarBytes(s.program());
    }
    return w.toByteArray();
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @throws ChainException if the bytes are truncated or malformed
   * @throws IllegalArgumentException if a record is inconsistent (caught by the caller as
   *     corruption)
   */
  public static Content decode(byte[] bytes) throws ChainException {
    ByteReader r = new ByteReader(bytes);
    int n = r.readCount(1 + 4 + 1);
    List<WalletTransaction> txs = new ArrayList<>(n);
    WalletTransaction.Status[] statuses = WalletTransaction.Status.values();
    for (int i = 0; i < n; i++) {
      int status = r.readUint8();
      int height = r.readInt32Le();
      Transaction tx = Transaction.parse(r.readVarBytes(Transaction.MAX_SIZE));
      if (status >= statuses.length) {
        throw new IllegalArgumentException("unknown status " + status);
      }
      txs.add(new WalletTransaction(tx, statuses[status], height));
    }
    int m = r.readCount(1);
    List<Script> scripts = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      scripts.add(Script.fromBytes(r.readVarBytes(MAX_SCRIPT)));
    }
    if (r.remaining() != 0) {
      throw new ChainException(ChainError.TRAILING_BYTES, r.remaining() + " bytes after content");
    }
    return new Content(txs, scripts);
  }
}
