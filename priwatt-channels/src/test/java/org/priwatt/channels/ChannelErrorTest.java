package org.priwatt.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;

/** Every codec failure has its channel error, and an exception names its constant. */
class ChannelErrorTest {
  @Test
  void everyDecodeErrorMapsToAChannelDecodingError() {
    for (DecodeError d : DecodeError.values()) {
      ChannelError e = ChannelError.of(d);
      assertThat(e.ordinal()).as(d.name()).isLessThanOrEqualTo(ChannelError.OUT_OF_RANGE.ordinal());
      ChannelException x = ChannelException.decoding("thing", new DecodeException(d, 3, "detail"));
      assertThat(x.error()).isEqualTo(e);
      assertThat(x.getMessage()).startsWith(e.name() + ": thing");
    }
  }

  @Test
  void everyConstantHasItsOwnName() {
    for (ChannelError e : ChannelError.values()) {
      assertThat(new ChannelException(e, "x").getMessage()).isEqualTo(e.name() + ": x");
      assertThat(ChannelError.valueOf(e.name())).isSameAs(e);
    }
    assertThat(Arrays.stream(ChannelError.values()).map(Enum::name).distinct()).hasSize(ChannelError.values().length);
  }
}
