package org.priwatt.node.role.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.node.role.MeterKeys;

/**
 * The prosumer's meter: its key ({@link MeterKeys}, sealed in {@code roles/meter.seed}) signs
 * each reading with the next sequence number and the interval since the previous reading. The
 * last sequence and interval end are saved in {@value #SEQUENCE_FILE} before a reading leaves, so
 * a restarted node never reuses a number the DSO has seen (it would refuse the reading as a
 * replay). The number is also at least the reading's time in milliseconds, so a node whose file
 * was lost still counts upwards while its clock does. Thread-safe.
 */
final class MeterSigner implements AutoCloseable {
  /** The last sequence number and interval end, in the {@code roles} directory. */
  static final String SEQUENCE_FILE = "meter.seq";

  private final EcKey key;
  private final Path file;
  private long sequence;
  private long lastEnd;

  private MeterSigner(EcKey key, Path file, long sequence, long lastEnd) {
    this.key = key;
    this.file = file;
    this.sequence = sequence;
    this.lastEnd = lastEnd;
  }

  /**
   * The meter of the node whose role files are in {@code base}/roles, its key sealed under {@code passphrase}.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} if the key or the sequence file cannot be read
   */
  static MeterSigner open(Path base, String passphrase, SecureRandom random) throws EnergyException {
    EcKey key = MeterKeys.open(base, passphrase, random);
    Path file = base.resolve("roles").resolve(SEQUENCE_FILE);
    long seq = 0;
    long end = 0;
    try {
      if (Files.exists(file)) {
        String[] f = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
        if (f.length == 2) {
          seq = Long.parseLong(f[0]);
          end = Long.parseLong(f[1]);
        }
      }
    } catch (NumberFormatException e) {
      // A damaged file: the sequence restarts from the clock (see the class comment).
      seq = 0;
      end = 0;
    } catch (IOException e) {
      key.destroy();
      throw new EnergyException(EnergyError.STORAGE, "cannot read " + file + ": " + e.getMessage(), e);
    }
    return new MeterSigner(key, file, Math.max(0, seq), Math.max(0, end));
  }

  /** The meter's public key (compressed), for the DSO's operator to register. */
  EcPublicKey publicKey() {
    return key.publicKey().withCompression(true);
  }

  /**
   * The next reading of {@code energy} for the session key {@code owner}, over the interval from
   * the previous reading's end (at most {@code intervalSeconds} back) to {@code now}; empty if
   * the clock has not moved past the previous reading's end.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} if the sequence cannot be saved (nothing is sent then)
   */
  synchronized Optional<MeterReading> next(MeterReading.Context context, long now, long intervalSeconds,
      EcPublicKey owner, EnergyAmount energy) throws EnergyException {
    if (now <= lastEnd) {
      return Optional.empty();
    }
    long start = Math.max(lastEnd, now - Math.max(1, intervalSeconds));
    long seq = Math.max(sequence + 1, Math.multiplyExact(now, 1000));
    try {
      AtomicFiles.write(file, (seq + " " + now + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot save the meter sequence: " + e.getMessage(), e);
    }
    sequence = seq;
    lastEnd = now;
    return Optional.of(MeterReading.sign(key, context, seq, start, now, owner, energy));
  }

  @Override
  public void close() {
    key.destroy();
  }
}
