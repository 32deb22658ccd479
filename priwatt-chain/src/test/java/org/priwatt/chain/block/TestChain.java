package org.priwatt.chain.block;

import java.util.OptionalLong;
import java.util.TreeMap;
import org.priwatt.crypto.Sha256Hash;

/** A sparse in-memory {@link HeaderChain} for tests, plus a helper that mines headers. */
public final class TestChain implements HeaderChain {
  private final TreeMap<Integer, BlockHeader> headers = new TreeMap<>();

  public TestChain put(int height, BlockHeader header) {
    headers.put(height, header);
    return this;
  }

  @Override
  public int tipHeight() {
    return headers.lastKey();
  }

  @Override
  public BlockHeader headerAt(int height) {
    BlockHeader h = headers.get(height);
    if (h == null) {
      throw new IllegalArgumentException("no header at " + height);
    }
    return h;
  }

  /** A header carrying only a time, for heights whose other fields the rules never read. */
  public static BlockHeader timeOnly(long time, int bits) {
    return BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.ZERO, time, bits, 0);
  }

  /** Finds a nonce for {@code template} (which must have an easy target). */
  public static BlockHeader mine(BlockHeader template) {
    OptionalLong n = HeaderHasher.forTemplate(template).scan(0, 1L << 32, () -> false);
    return template.withNonce((int) n.orElseThrow());
  }
}
