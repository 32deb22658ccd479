package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.Function;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;

/**
 * The checks every energy format gets (STYLE.md §8), on the crypto test-jar's shared {@link
 * org.priwatt.crypto.testing.CodecChecks} with energy's typed errors: a cut at every offset is
 * refused as truncated, every single-byte corruption decodes canonically or is refused with an
 * {@link EnergyError}; plus the helpers energy's format tests share.
 */
public final class CodecChecks {
  /** Flips of one bit at each end, a nibble, all bits. */
  public static final int[] MASKS = {0x01, 0x80, 0x10, 0xff};

  private CodecChecks() {}

  /** A decoder of untrusted bytes that reports bad bytes as an {@link EnergyException}. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(byte[] bytes) throws EnergyException;
  }

  /** Something that should fail with an {@link EnergyException}. */
  @FunctionalInterface
  public interface Failing {
    void run() throws Exception;
  }

  /** A codec's {@code decodeFully}, its {@link DecodeException} reported as the module reports it. */
  public static <T> Decoder<T> decoder(String what, Codec<T> codec) {
    return bytes -> {
      try {
        return codec.decodeFully(bytes);
      } catch (DecodeException e) {
        throw EnergyException.decoding(what, e);
      }
    };
  }

  /**
   * Cuts {@code encoding} at every offset and expects each prefix to be refused with {@link
   * EnergyError#TRUNCATED} (or {@link EnergyError#MALFORMED} where a length prefix announces more
   * than is left); the crypto test-jar's {@link org.priwatt.crypto.testing.CodecChecks} with
   * energy's errors.
   */
  public static void everyTruncationIsTyped(String what, byte[] encoding, Decoder<?> decoder) {
    org.priwatt.crypto.testing.CodecChecks.everyTruncationIsTyped(what, encoding, decoder::decode,
        e -> e instanceof EnergyException x && (x.failure() == EnergyError.TRUNCATED
            || x.failure() == EnergyError.MALFORMED));
  }

  /**
   * XORs every byte of {@code encoding} with each of {@code masks} and expects each result either
   * to decode to a value that {@code encoder} encodes back to exactly those bytes, or to be refused
   * with an {@link EnergyException} carrying an {@link EnergyError}.
   *
   * @return how many corruptions decoded (a format whose every byte is checked returns 0)
   */
  public static <T> int everyCorruptionIsTypedOrCanonical(String what, byte[] encoding, Decoder<T> decoder,
      Function<T, byte[]> encoder, int... masks) {
    return org.priwatt.crypto.testing.CodecChecks.everyCorruptionIsTypedOrCanonical(what, encoding, decoder::decode,
        encoder, e -> e instanceof EnergyException x && x.failure() instanceof EnergyError, masks);
  }

  /** The failure {@code body} throws as an {@link EnergyException}; fails if it returns or throws anything else. */
  public static EnergyFailure failureOf(Failing body) {
    try {
      body.run();
    } catch (EnergyException e) {
      return e.failure();
    } catch (Exception e) {
      throw new AssertionError("expected an EnergyException, got " + e, e);
    }
    throw new AssertionError("expected an EnergyException, nothing was thrown");
  }

  /** {@code bytes} with the one occurrence of {@code old} replaced by {@code replacement} (same length). */
  public static byte[] replace(byte[] bytes, byte[] old, byte[] replacement) {
    assertThat(replacement).hasSameSizeAs(old);
    int found = -1;
    for (int i = 0; i + old.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + old.length, old, 0, old.length)) {
        assertThat(found).as("the pattern occurs more than once").isEqualTo(-1);
        found = i;
      }
    }
    assertThat(found).as("the pattern occurs").isNotNegative();
    byte[] out = bytes.clone();
    System.arraycopy(replacement, 0, out, found, replacement.length);
    return out;
  }

  /** {@code bytes} with the one big-endian 8-byte occurrence of {@code old} replaced by {@code replacement}. */
  public static byte[] replaceLong(byte[] bytes, long old, long replacement) {
    return replace(bytes, longBytes(old), longBytes(replacement));
  }

  /** The big-endian bytes of {@code v}. */
  public static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (56 - 8 * i));
    }
    return b;
  }
}
