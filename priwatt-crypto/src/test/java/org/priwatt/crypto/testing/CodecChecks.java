package org.priwatt.crypto.testing;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The checks every wire and file format gets (STYLE.md §8), shared by every module through the
 * crypto test-jar: a cut at every offset is refused with the module's typed error, and every
 * single-byte corruption either decodes to a value whose own encoding is exactly the corrupted
 * bytes (the format has one encoding per value) or is refused with a typed error; never an
 * unchecked exception from inside a decoder. Each module says what "typed" means for it with a
 * predicate over the thrown exception. Failures are collected and reported together, with offset
 * and mask, so one run shows every weak spot.
 */
public final class CodecChecks {
  /** Flips of one bit at each end, a nibble, all bits. */
  public static final int[] MASKS = {0x01, 0x80, 0x10, 0xff};

  private CodecChecks() {}

  /** A decoder of untrusted bytes that reports bad bytes as a checked exception. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(byte[] bytes) throws Exception;
  }

  /**
   * Cuts {@code encoding} at every offset and expects each prefix to be refused with an
   * exception {@code truncated} accepts (the module's truncation error, or its malformed error
   * where a length prefix announces more than is left).
   */
  public static void everyTruncationIsTyped(String what, byte[] encoding, Decoder<?> decoder,
      Predicate<Exception> truncated) {
    List<String> bad = new ArrayList<>();
    for (int cut = 0; cut < encoding.length; cut++) {
      byte[] part = Arrays.copyOf(encoding, cut);
      try {
        Object v = decoder.decode(part);
        bad.add("cut at " + cut + " decoded to " + v);
      } catch (RuntimeException e) {
        bad.add("cut at " + cut + ": unchecked " + e);
      } catch (Exception e) {
        if (!truncated.test(e)) {
          bad.add("cut at " + cut + ": " + e.getMessage());
        }
      }
    }
    if (!bad.isEmpty()) {
      fail(what + ": " + bad.size() + " of " + encoding.length + " truncations not refused as truncated, e.g. "
          + bad.subList(0, Math.min(5, bad.size())));
    }
  }

  /**
   * XORs every byte of {@code encoding} with each of {@code masks} and expects each result either
   * to decode to a value that {@code encoder} encodes back to exactly those bytes, or to be
   * refused with an exception {@code typed} accepts.
   *
   * @return how many corruptions decoded (a format whose every byte is checked returns 0)
   */
  public static <T> int everyCorruptionIsTypedOrCanonical(String what, byte[] encoding, Decoder<T> decoder,
      Function<T, byte[]> encoder, Predicate<Exception> typed, int... masks) {
    List<String> bad = new ArrayList<>();
    int decoded = 0;
    for (int at = 0; at < encoding.length; at++) {
      for (int mask : masks) {
        byte[] corrupt = encoding.clone();
        corrupt[at] ^= (byte) mask;
        try {
          T v = decoder.decode(corrupt);
          decoded++;
          if (!Arrays.equals(encoder.apply(v), corrupt)) {
            bad.add("^" + Integer.toHexString(mask) + " at " + at + " decoded to a value encoded differently: " + v);
          }
        } catch (RuntimeException e) {
          bad.add("^" + Integer.toHexString(mask) + " at " + at + ": unchecked " + e);
        } catch (Exception e) {
          if (!typed.test(e)) {
            bad.add("^" + Integer.toHexString(mask) + " at " + at + ": not a decoding error: " + e.getMessage());
          }
        }
      }
    }
    if (!bad.isEmpty()) {
      fail(what + ": " + bad.size() + " corruptions neither refused with a typed error nor canonical, e.g. "
          + bad.subList(0, Math.min(5, bad.size())));
    }
    return decoded;
  }
}
