package org.priwatt.msg;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.codec.ByteWriter;

/**
 * The shared messaging identity of a trade, PriWatt's {@code msgAddrSh = genAddr(msgAddrB ‖
 * msgAddrA)}: a deterministic identity that supplier and customer each derive on their own, and
 * nobody else can.
 *
 * <p>Derivation: the deterministic-identity algorithm of {@link Identity#deterministic} applied to
 * the passphrase bytes {@code "PriWatt shared msg address v1" ‖ X ‖ ripeLow ‖ ripeHigh}, where X
 * is the ECDH shared secret of the two encryption keys (equal from both sides) and the two RIPE
 * hashes are sorted as unsigned bytes, which makes the result order-independent. Deriving only
 * from the two public addresses, as the paper's notation suggests, would let anyone who saw both
 * addresses (the DSO, an eavesdropper of the auction board) hold the shared private keys; the
 * ECDH secret restricts it to the two parties.
 */
public final class SharedIdentity {
  private static final byte[] LABEL = "PriWatt shared msg address v1".getBytes(StandardCharsets.US_ASCII);

  private SharedIdentity() {}

  /**
   * Derives the shared identity of {@code mine} and {@code peer} on {@code mine}'s stream.
   *
   * @throws IllegalArgumentException if both are the same identity
   */
  public static Identity derive(Identity mine, PublicIdentity peer) {
    byte[] a = mine.address().ripe();
    byte[] b = peer.address().ripe();
    int cmp = Arrays.compareUnsigned(a, b);
    if (cmp == 0) {
      throw new IllegalArgumentException("cannot share an identity with itself");
    }
    byte[] secret = null;
    byte[] passphrase = null;
    ByteWriter w = ByteWriter.of(ByteOrder.BIG_ENDIAN, 128);
    try {
      secret = mine.encryptionKey().ecdhX(peer.encryptionKey());
      passphrase = w.bytes(LABEL).bytes(secret).bytes(cmp < 0 ? a : b).bytes(cmp < 0 ? b : a).toByteArray();
      return Identity.deterministic(passphrase, mine.address().stream(), Identity.DEFAULT_LEADING_ZEROS);
    } catch (CryptoException e) {
      throw new IllegalStateException("ECDH failed on validated keys", e);
    } finally {
      w.wipe();
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
      if (passphrase != null) {
        Arrays.fill(passphrase, (byte) 0);
      }
    }
  }
}
