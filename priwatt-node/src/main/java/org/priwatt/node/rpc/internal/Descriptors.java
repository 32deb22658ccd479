package org.priwatt.node.rpc.internal;

import java.util.Optional;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.node.rpc.ChainJson;
import org.priwatt.script.MultisigScript;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptChunk;
import org.priwatt.script.ScriptTemplates;

/**
 * Output descriptors as bitcoind infers them for the {@code desc} field
 * ({@code InferDescriptor} with no keys known): {@code pk(KEY)} for pay-to-pubkey,
 * {@code multi(k,KEY,...)} for bare multisig, {@code addr(ADDRESS)} for P2PKH and P2SH,
 * {@code raw(HEX)} for everything else; each with its BIP 380 checksum.
 */
public final class Descriptors {
  private static final String INPUT_CHARSET =
      "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
  private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final long[] GENERATOR = {0xf5dee51989L, 0xa9fdca3312L, 0x1bab10e32dL, 0x3706b1677aL, 0x644d626ffdL};

  private Descriptors() {}

  /** The inferred descriptor of {@code script} with its checksum. */
  public static String infer(Script script, NetworkParameters network) {
    return withChecksum(inferBare(script, network));
  }

  private static String inferBare(Script script, NetworkParameters network) {
    if (ScriptTemplates.isP2pk(script)) {
      for (ScriptChunk c : script.chunks()) {
        return "pk(" + Hex.encode(c.data()) + ")";
      }
    }
    Optional<MultisigScript> multi = ScriptTemplates.parseMultisig(script);
    if (multi.isPresent()) {
      StringBuilder sb = new StringBuilder("multi(").append(multi.get().required());
      for (byte[] key : multi.get().keys()) {
        sb.append(',').append(Hex.encode(key));
      }
      return sb.append(')').toString();
    }
    Optional<Address> address = ChainJson.address(script, network);
    if (address.isPresent()) {
      return "addr(" + address.get().toBase58() + ")";
    }
    return "raw(" + script.toHex() + ")";
  }

  /**
   * Appends {@code #} and the 8-character checksum of BIP 380.
   *
   * @throws IllegalArgumentException if {@code descriptor} has a character outside the
   *     descriptor character set
   */
  public static String withChecksum(String descriptor) {
    long c = 1;
    int cls = 0;
    int clsCount = 0;
    for (int i = 0; i < descriptor.length(); i++) {
      int pos = INPUT_CHARSET.indexOf(descriptor.charAt(i));
      if (pos < 0) {
        throw new IllegalArgumentException("character outside the descriptor set at " + i);
      }
      c = polymod(c, pos & 31);
      cls = cls * 3 + (pos >> 5);
      if (++clsCount == 3) {
        c = polymod(c, cls);
        cls = 0;
        clsCount = 0;
      }
    }
    if (clsCount > 0) {
      c = polymod(c, cls);
    }
    for (int j = 0; j < 8; j++) {
      c = polymod(c, 0);
    }
    c ^= 1;
    StringBuilder sb = new StringBuilder(descriptor).append('#');
    for (int j = 0; j < 8; j++) {
      sb.append(CHECKSUM_CHARSET.charAt((int) ((c >> (5 * (7 - j))) & 31)));
    }
    return sb.toString();
  }

  private static long polymod(long c, int value) {
    long top = c >> 35;
    c = ((c & 0x7ffffffffL) << 5) ^ value;
    for (int i = 0; i < 5; i++) {
      if (((top >> i) & 1) != 0) {
        c ^= GENERATOR[i];
      }
    }
    return c;
  }
}
