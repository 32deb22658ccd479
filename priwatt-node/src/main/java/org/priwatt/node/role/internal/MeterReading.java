package org.priwatt.node.role.internal;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.MessageContent;

/**
 * One meter reading from a prosumer's node to the DSO (paper §3.1, "Energy injecting"): the
 * compressed key behind the generation session's transaction address, the energy and the time.
 * It travels in a private msg from the session's fresh messaging identity, whose address becomes
 * the injection's message address, so the DSO's notice with the secrets goes to that session only.
 * Body: hex of {@code ownerKey(33) ‖ milliwattHours(8) ‖ timestamp(8)}, big-endian.
 *
 * <p>The reference node's stand-in for the DSO's smart meter at the prosumer's connection point:
 * readings are not authenticated by a meter key, so a DSO node accepts what prosumer nodes
 * report, within {@link #MAX_READING} per reading. Immutable.
 */
record MeterReading(EcPublicKey ownerKey, EnergyAmount energy, long timestamp) {
  /** Subject of a meter reading msg. */
  static final String SUBJECT = "priwatt/v2/meter_reading";
  /** Most energy one reading may carry: 1 MWh (an hour of a large rooftop is far below). */
  static final EnergyAmount MAX_READING = EnergyAmount.ofKilowattHours(1_000);
  private static final int LENGTH = 33 + 8 + 8;

  MeterReading {
    ownerKey = ownerKey.withCompression(true);
    if (energy.isZero() || energy.compareTo(MAX_READING) > 0 || timestamp < 0) {
      throw new IllegalArgumentException("reading out of range");
    }
  }

  MessageContent content() {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(ownerKey.encoded()).putLong(energy.milliwattHours()).putLong(timestamp);
    return MessageContent.simple(SUBJECT, Hex.encode(b.array()));
  }

  /**
   * The reading in {@code content}; empty if it is not a meter reading.
   *
   * @throws EnergyException {@link EnergyError#MALFORMED} if it claims to be one but does not
   *     decode, {@link EnergyError#OUT_OF_RANGE} for zero, too much energy or a negative time
   */
  static Optional<MeterReading> parse(MessageContent content) throws EnergyException {
    if (!SUBJECT.equals(content.subject())) {
      return Optional.empty();
    }
    String body = content.body();
    if (body.length() != 2 * LENGTH) {
      throw new EnergyException(EnergyError.MALFORMED, "meter reading of " + body.length() + " characters");
    }
    ByteBuffer b;
    EcPublicKey key;
    try {
      b = ByteBuffer.wrap(Hex.decode(body));
      byte[] k = new byte[33];
      b.get(k);
      key = EcPublicKey.decode(k);
    } catch (IllegalArgumentException | CryptoException e) {
      throw new EnergyException(EnergyError.MALFORMED, "meter reading: " + e.getMessage());
    }
    long mwh = b.getLong();
    long time = b.getLong();
    if (mwh <= 0 || mwh > MAX_READING.milliwattHours() || time < 0) {
      throw new EnergyException(EnergyError.OUT_OF_RANGE, "meter reading of " + mwh + " mWh at " + time);
    }
    return Optional.of(new MeterReading(key, EnergyAmount.ofMilliwattHours(mwh), time));
  }
}
