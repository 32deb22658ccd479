package org.priwatt.node.role.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;

/**
 * The signed meter reading's msg body: round trip, every truncation and extension, out-of-range
 * values, bad keys and signature encodings, other subjects; and what the signature binds.
 */
class MeterReadingTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final EcKey meter = EcKey.generate();
  private final MeterReading.Context context = context();
  private final MeterReading reading = MeterReading.sign(meter, context, 7, 1_750_000_000L, 1_750_000_060L,
      EcKey.generate().publicKey(), EnergyAmount.ofWattHours(1_234));

  static MeterReading.Context context() {
    return new MeterReading.Context("regtest", 0xfabfb5da, Identity.random(RANDOM, 1, Identity.DEFAULT_LEADING_ZEROS).address(),
        Identity.random(RANDOM, 1, Identity.DEFAULT_LEADING_ZEROS).address());
  }

  private static EnergyError failure(String body) {
    try {
      MeterReading.parse(MessageContent.simple(MeterReading.SUBJECT, body));
    } catch (EnergyException e) {
      return (EnergyError) e.failure();
    }
    throw new AssertionError("parsed " + body);
  }

  @Test
  void roundTripsAndVerifies() throws Exception {
    MeterReading back = MeterReading.parse(reading.content()).orElseThrow();
    assertThat(back).isEqualTo(reading);
    assertThat(back.verifies(context)).isTrue();
    assertThat(back.toString()).contains("#7").doesNotContain(Hex.encode(meter.privateKeyBytes()));
  }

  @Test
  void everyTruncationIsATypedError() {
    String body = reading.content().body();
    for (int i = 0; i < body.length(); i++) {
      EnergyError e = failure(body.substring(0, i));
      // An odd number of hex digits is not hex (MALFORMED); an even cut ends inside a field.
      assertThat(e).as("cut at %d", i).isEqualTo(i % 2 == 1 ? EnergyError.MALFORMED : EnergyError.TRUNCATED);
    }
  }

  @Test
  void trailingBytesAreMalformedAndALongBodyOversized() {
    String body = reading.content().body();
    assertThat(failure(body + "00")).isEqualTo(EnergyError.MALFORMED);
    assertThat(failure("00".repeat(MeterReading.MAX_LENGTH + 1))).isEqualTo(EnergyError.OVERSIZED);
  }

  @Test
  void outOfRangeValuesAreTyped() {
    String body = reading.content().body();
    int seq = 66;
    int start = seq + 16;
    int end = start + 16;
    int energy = end + 16 + 66;
    String[] bad = {
        put(body, seq, 0), // sequence 0
        put(body, seq, -1), // negative sequence
        put(body, start, -1), // negative start
        put(body, end, 1_750_000_000L), // empty interval
        put(body, end, 1), // end before start
        put(body, energy, 0), // no energy
        put(body, energy, MeterReading.MAX_READING.milliwattHours() + 1)};
    for (String b : bad) {
      assertThat(failure(b)).as(b).isEqualTo(EnergyError.OUT_OF_RANGE);
    }
  }

  private static String put(String body, int at, long v) {
    return body.substring(0, at) + String.format("%016x", v) + body.substring(at + 16);
  }

  @Test
  void badKeysHexAndSignatureEncodingsAreMalformed() {
    String body = reading.content().body();
    String sig = body.substring(2 * MeterReading.FIXED_LENGTH);
    String fixed = body.substring(0, 2 * MeterReading.FIXED_LENGTH);
    // A high-S signature is well-formed DER: it parses and fails verification.
    String[] bad = {"05" + body.substring(2), "zz" + body.substring(2),
        body.substring(0, 114) + "04" + body.substring(116), // owner key's prefix
        fixed + sig.substring(0, 2) + "31" + sig.substring(4), // not a DER sequence
        fixed + "00"}; // an empty signature
    for (String b : bad) {
      assertThat(failure(b)).as(b).isIn(EnergyError.MALFORMED, EnergyError.TRUNCATED);
    }
    assertThat(failure("05" + body.substring(2))).isEqualTo(EnergyError.MALFORMED);
    assertThat(failure(fixed + sig.substring(0, 2) + "31" + sig.substring(4))).isEqualTo(EnergyError.MALFORMED);
  }

  @Test
  void theSignatureBindsEveryFieldAndTheContext() throws Exception {
    assertThat(reading.verifies(context)).isTrue();
    // Another network, magic, DSO or sending session.
    Identity other = Identity.random(RANDOM, 1, Identity.DEFAULT_LEADING_ZEROS);
    assertThat(reading.verifies(new MeterReading.Context("priwatt", context.magic(), context.dso(), context.session())))
        .isFalse();
    assertThat(reading.verifies(new MeterReading.Context("regtest", 1, context.dso(), context.session()))).isFalse();
    assertThat(reading.verifies(new MeterReading.Context("regtest", context.magic(), other.address(),
        context.session()))).isFalse();
    assertThat(reading.verifies(new MeterReading.Context("regtest", context.magic(), context.dso(),
        other.address()))).isFalse();
    // Every body field altered after signing (the signature left as it was).
    String body = reading.content().body();
    String[] altered = {put(body, 66, 8), put(body, 82, 1_749_999_999L), put(body, 98, 1_750_000_061L),
        body.substring(0, 114) + Hex.encode(EcKey.generate().publicKey().withCompression(true).encoded())
            + body.substring(180),
        put(body, 180, 1_235_000)};
    for (String a : altered) {
      MeterReading r = MeterReading.parse(MessageContent.simple(MeterReading.SUBJECT, a)).orElseThrow();
      assertThat(r).isNotEqualTo(reading);
      assertThat(r.verifies(context)).as(a).isFalse();
    }
    // The meter key swapped for another: the signature is the original meter's.
    EcKey mallory = EcKey.generate();
    String swapped = Hex.encode(mallory.publicKey().withCompression(true).encoded()) + body.substring(66);
    assertThat(MeterReading.parse(MessageContent.simple(MeterReading.SUBJECT, swapped)).orElseThrow()
        .verifies(context)).isFalse();
  }

  @Test
  void otherSubjectsAreNotReadings() throws Exception {
    assertThat(MeterReading.parse(MessageContent.simple("priwatt/v2/dso_request", reading.content().body())))
        .isEmpty();
  }
}
