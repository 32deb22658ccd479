package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.priwatt.energy.CodecChecks.failureOf;
import static org.priwatt.energy.CodecChecks.replaceLong;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.CodecChecks;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.Samples;

/**
 * The DSO's entry certificate: a fixed 145-byte encoding that round trips, verifies only under
 * the DSO's key and for exactly the signed fields, and refuses cuts, corruptions and energy outside
 * {@link EnergyLimits} with the module's typed errors.
 */
class EntryCertificateTest {
  private static final EcKey DSO = Samples.key();
  private static final EcKey OWNER = Samples.key();
  private static final long MWH = 5_000_321L;

  private static final EntryCertificate CERT =
      EntryCertificate.issue(DSO, Samples.entryId(), OWNER.publicKey(), EnergyAmount.ofMilliwattHours(MWH), Samples.T0);

  private static EntryCertificate decode(byte[] b) throws org.priwatt.energy.EnergyException {
    return CodecChecks.decoder("certificate", EntryCertificate.CODEC).decode(b);
  }

  @Property(tries = 200)
  void everyCertificateRoundTripsAndVerifies(@ForAll @LongRange(min = 1, max = EnergyLimits.MAX_ENTRY_MWH) long mwh,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long issuedAt) throws Exception {
    EntryCertificate c = EntryCertificate.issue(DSO, Samples.entryId(), Samples.key().publicKey(),
        EnergyAmount.ofMilliwattHours(mwh), issuedAt);
    byte[] enc = EntryCertificate.CODEC.encode(c);
    assertThat(enc).hasSize(EntryCertificate.CODEC.maxSize());
    EntryCertificate back = decode(enc);
    assertThat(back).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(back.verify(DSO.publicKey())).isTrue();
  }

  @Test
  void verifiesOnlyUnderTheDsoKeyAndForTheSignedFields() {
    assertThat(CERT.verify(DSO.publicKey())).isTrue();
    assertThat(CERT.verify(OWNER.publicKey())).isFalse();
    EntryCertificate moreEnergy = new EntryCertificate(CERT.entry(), CERT.owner(), EnergyAmount.ofMilliwattHours(MWH + 1),
        CERT.issuedAt(), CERT.signature());
    EntryCertificate otherOwner = new EntryCertificate(CERT.entry(), Samples.key().publicKey(), CERT.energy(),
        CERT.issuedAt(), CERT.signature());
    EntryCertificate otherEntry = new EntryCertificate(Samples.entryId(), CERT.owner(), CERT.energy(), CERT.issuedAt(),
        CERT.signature());
    EntryCertificate later = new EntryCertificate(CERT.entry(), CERT.owner(), CERT.energy(), CERT.issuedAt() + 1,
        CERT.signature());
    assertThat(java.util.List.of(moreEnergy, otherOwner, otherEntry, later)).noneMatch(c -> c.verify(DSO.publicKey()));
    // An uncompressed owner key is kept compressed: the same certificate.
    EntryCertificate uncompressed = new EntryCertificate(CERT.entry(), OWNER.publicKey().withCompression(false),
        CERT.energy(), CERT.issuedAt(), CERT.signature());
    assertThat(uncompressed).isEqualTo(CERT);
    assertThat(uncompressed.verify(DSO.publicKey())).isTrue();
  }

  @Test
  void holdsItsSignatureByValue() {
    byte[] sig = CERT.signature();
    sig[0] ^= 1;
    assertThat(CERT.signature()).isNotEqualTo(sig);
    assertThat(CERT.verify(DSO.publicKey())).isTrue();
    assertThat(CERT.toString()).contains(CERT.entry().toString()).doesNotContain(Hex.encode(CERT.signature()));
    assertThatThrownBy(() -> new EntryCertificate(CERT.entry(), CERT.owner(), CERT.energy(), 0, new byte[63]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cutsAndCorruptionsAreTypedAndACorruptionThatDecodesDoesNotVerify() throws Exception {
    byte[] enc = EntryCertificate.CODEC.encode(CERT);
    CodecChecks.everyTruncationIsTyped("certificate", enc, EntryCertificateTest::decode);
    CodecChecks.everyCorruptionIsTypedOrCanonical("certificate", enc, EntryCertificateTest::decode,
        EntryCertificate.CODEC::encode, CodecChecks.MASKS);
    for (int at = 0; at < enc.length; at++) {
      byte[] bad = enc.clone();
      bad[at] ^= 0x01;
      try {
        assertThat(decode(bad).verify(DSO.publicKey())).as("flip at %d", at).isFalse();
      } catch (org.priwatt.energy.EnergyException refused) {
        // refused at decoding
      }
    }
  }

  @Test
  void energyOutsideTheBoundsAndBadKeysAreRefused() {
    byte[] enc = EntryCertificate.CODEC.encode(CERT);
    for (long mwh : new long[] {0, -1, EnergyLimits.MAX_ENTRY_MWH + 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertThat(failureOf(() -> decode(replaceLong(enc, MWH, mwh)))).as("%d mWh", mwh)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }
    assertThat(failureOf(() -> decode(replaceLong(enc, Samples.T0, -1)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    byte[] prefix4 = enc.clone();
    prefix4[EntryId.LENGTH] = 4;
    assertThat(failureOf(() -> decode(prefix4))).isEqualTo(EnergyError.MALFORMED);
    byte[] offCurve = enc.clone();
    java.util.Arrays.fill(offCurve, EntryId.LENGTH + 1, EntryId.LENGTH + 33, (byte) 0xff);
    assertThat(failureOf(() -> decode(offCurve))).isEqualTo(EnergyError.MALFORMED);
  }
}
