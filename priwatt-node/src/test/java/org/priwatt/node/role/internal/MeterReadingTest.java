package org.priwatt.node.role.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.MessageContent;

/** The meter reading's msg body: round trip, every truncation, out-of-range values, other subjects. */
class MeterReadingTest {
  private final MeterReading reading = new MeterReading(EcKey.generate().publicKey(),
      EnergyAmount.ofWattHours(1_234), 1_750_000_000L);

  @Test
  void roundTrips() throws Exception {
    assertThat(MeterReading.parse(reading.content())).contains(reading);
  }

  @Test
  void everyTruncationIsATypedError() {
    String body = reading.content().body();
    for (int i = 0; i < body.length(); i++) {
      MessageContent cut = MessageContent.simple(MeterReading.SUBJECT, body.substring(0, i));
      assertThatThrownBy(() -> MeterReading.parse(cut)).isInstanceOf(EnergyException.class)
          .extracting(e -> ((EnergyException) e).failure()).isEqualTo(EnergyError.MALFORMED);
    }
  }

  @Test
  void zeroTooMuchOrNegativeTimeIsOutOfRange() {
    String body = reading.content().body();
    String key = body.substring(0, 66);
    String time = body.substring(82);
    for (String bad : new String[] {key + "0".repeat(16) + time,
        key + String.format("%016x", MeterReading.MAX_READING.milliwattHours() + 1) + time,
        key + body.substring(66, 82) + "ff".repeat(8)}) {
      assertThatThrownBy(() -> MeterReading.parse(MessageContent.simple(MeterReading.SUBJECT, bad)))
          .isInstanceOf(EnergyException.class)
          .extracting(e -> ((EnergyException) e).failure()).isEqualTo(EnergyError.OUT_OF_RANGE);
    }
  }

  @Test
  void notAKeyOrNotHexIsMalformed() {
    String body = reading.content().body();
    for (String bad : new String[] {"05" + body.substring(2), "zz" + body.substring(2)}) {
      assertThatThrownBy(() -> MeterReading.parse(MessageContent.simple(MeterReading.SUBJECT, bad)))
          .isInstanceOf(EnergyException.class)
          .extracting(e -> ((EnergyException) e).failure()).isEqualTo(EnergyError.MALFORMED);
    }
  }

  @Test
  void otherSubjectsAreNotReadings() throws Exception {
    assertThat(MeterReading.parse(MessageContent.simple("priwatt/v2/dso_request", reading.content().body())))
        .isEmpty();
  }
}
