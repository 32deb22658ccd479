package org.priwatt.channels;

import java.util.function.Function;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.testing.CodecChecks;

/** The crypto test-jar's {@link CodecChecks} with the channel module's typed errors. */
final class Codecs {
  private Codecs() {}

  /** A decoder throwing {@link ChannelException}. */
  @FunctionalInterface
  interface Decoder<T> {
    T decode(byte[] bytes) throws ChannelException;
  }

  static <T> Decoder<T> of(String what, Codec<T> codec) {
    return bytes -> {
      try {
        return codec.decodeFully(bytes);
      } catch (DecodeException e) {
        throw ChannelException.decoding(what, e);
      }
    };
  }

  static void everyTruncationIsTyped(String what, byte[] encoding, Decoder<?> decoder) {
    CodecChecks.everyTruncationIsTyped(what, encoding, decoder::decode, e -> e instanceof ChannelException c
        && (c.error() == ChannelError.TRUNCATED || c.error() == ChannelError.MALFORMED));
  }

  static <T> int everyCorruptionIsTypedOrCanonical(String what, byte[] encoding, Decoder<T> decoder,
      Function<T, byte[]> encoder) {
    return CodecChecks.everyCorruptionIsTypedOrCanonical(what, encoding, decoder::decode, encoder,
        e -> e instanceof ChannelException, CodecChecks.MASKS);
  }

  /** The error {@code body} throws; fails if it returns or throws anything else. */
  static ChannelError errorOf(Failing body) {
    try {
      body.run();
    } catch (ChannelException e) {
      return e.error();
    } catch (Exception e) {
      throw new AssertionError("expected a ChannelException, got " + e, e);
    }
    throw new AssertionError("expected a ChannelException, nothing was thrown");
  }

  /** Something that should fail with a {@link ChannelException}. */
  @FunctionalInterface
  interface Failing {
    void run() throws Exception;
  }

  /** {@code bytes} with the one big-endian 8-byte occurrence of {@code old} replaced by {@code replacement}. */
  static byte[] replaceLong(byte[] bytes, long old, long replacement) {
    byte[] o = longBytes(old);
    int found = -1;
    for (int i = 0; i + 8 <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + 8, o, 0, 8)) {
        if (found >= 0) {
          throw new AssertionError("the value occurs more than once");
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new AssertionError("the value does not occur");
    }
    byte[] out = bytes.clone();
    System.arraycopy(longBytes(replacement), 0, out, found, 8);
    return out;
  }

  static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (56 - 8 * i));
    }
    return b;
  }
}
