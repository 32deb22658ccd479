package org.priwatt.energy.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;

/**
 * The log format's recovery rules at the byte level: what an interrupted append leaves is cut off,
 * everything else is refused with the file untouched (the registry-level view is in {@code
 * RegistryLogCorruptionTest}), and logs of the first registry protocol (versions 1 and 2) are
 * refused as {@link EnergyError#UNSUPPORTED_VERSION}, byte for byte unchanged.
 */
class WriteAheadLogTest {
  private static final byte[] HEADER = {'P', 'W', 'W', 'A', 'L', 0, 0, 3};

  @TempDir Path dir;

  private static byte[] payload(int length, int seed) {
    byte[] p = new byte[length];
    for (int i = 0; i < length; i++) {
      p[i] = (byte) (seed * 31 + i);
    }
    return p;
  }

  private static final List<byte[]> THREE = List.of(payload(40, 1), payload(70, 2), payload(25, 3));

  private Path write(String name, List<byte[]> payloads) throws Exception {
    Path file = dir.resolve(name);
    try (WriteAheadLog log = WriteAheadLog.open(file).log()) {
      for (byte[] p : payloads) {
        log.append(p);
      }
    }
    return file;
  }

  /** Start offset of each record of a log of {@code payloads}, then the file length. */
  private static long[] starts(List<byte[]> payloads) {
    long[] s = new long[payloads.size() + 1];
    s[0] = HEADER.length;
    for (int i = 0; i < payloads.size(); i++) {
      s[i + 1] = s[i] + WriteAheadLog.OVERHEAD + payloads.get(i).length;
    }
    return s;
  }

  private static WriteAheadLog.Recovery reopen(Path file) throws Exception {
    WriteAheadLog.Recovery r = WriteAheadLog.open(file);
    r.log().close();
    return r;
  }

  /** Expects {@code file} to be refused, unchanged. */
  private static EnergyException refused(Path file) throws Exception {
    byte[] before = Files.readAllBytes(file);
    try {
      reopen(file);
    } catch (EnergyException e) {
      assertThat(Files.readAllBytes(file)).as("file unchanged").isEqualTo(before);
      return e;
    }
    return fail("opened " + file);
  }

  private static void assertRecords(WriteAheadLog.Recovery r, List<byte[]> expected) {
    assertThat(r.records()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(r.records().get(i)).as("record %d", i).isEqualTo(expected.get(i));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void recordsAndOffsetsSurviveReopenAndAppendsContinueTheChain() throws Exception {
    Path file = write("log", THREE);
    byte[] more = payload(500, 4);
    try (WriteAheadLog log = WriteAheadLog.open(file).log()) {
      log.append(more);
      assertThat(log.size()).isEqualTo(Files.size(file));
    }
    List<byte[]> all = new ArrayList<>(THREE);
    all.add(more);
    WriteAheadLog.Recovery r = reopen(file);
    assertRecords(r, all);
    long[] starts = starts(all);
    assertThat(r.offsets()).containsExactly(starts[0], starts[1], starts[2], starts[3]);
    assertThat(r.truncatedBytes()).isZero();
    assertThat(Files.size(file)).isEqualTo(starts[4]);
    assertThat(Arrays.copyOf(Files.readAllBytes(file), 8)).isEqualTo(HEADER);
  }

  @Test
  void appendRejectsEmptyAndOversizedRecords() throws Exception {
    try (WriteAheadLog log = WriteAheadLog.open(dir.resolve("log")).log()) {
      assertThatThrownBy(() -> log.append(new byte[0])).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.append(new byte[WriteAheadLog.MAX_RECORD + 1]))
          .isInstanceOf(IllegalArgumentException.class);
      log.append(new byte[WriteAheadLog.MAX_RECORD]);
    }
    assertThat(reopen(dir.resolve("log")).records()).singleElement()
        .satisfies(r -> assertThat(r).hasSize(WriteAheadLog.MAX_RECORD));
  }

  @Test
  void whatAnInterruptedAppendCanLeaveIsCutOff() throws Exception {
    Path file = write("log", THREE);
    byte[] intact = Files.readAllBytes(file);
    Path full = write("full", List.of(THREE.get(0), THREE.get(1), THREE.get(2), payload(300, 9)));
    byte[] frame = Arrays.copyOfRange(Files.readAllBytes(full), intact.length, (int) Files.size(full));
    byte[] zeroedPayload = frame.clone();
    Arrays.fill(zeroedPayload, 12, zeroedPayload.length, (byte) 0);
    byte[] zeroedHead = frame.clone();
    Arrays.fill(zeroedHead, 0, 12, (byte) 0);
    List<byte[]> tails = new ArrayList<>(List.of(new byte[frame.length], zeroedPayload, zeroedHead));
    for (int cut = 1; cut < frame.length; cut += 7) {
      tails.add(Arrays.copyOf(frame, cut));
    }
    for (byte[] tail : tails) {
      Files.write(file, concat(intact, tail));
      WriteAheadLog.Recovery r = reopen(file);
      assertRecords(r, THREE);
      assertThat(r.truncatedBytes()).isEqualTo(tail.length);
      assertThat(Files.readAllBytes(file)).isEqualTo(intact);
    }
  }

  @Test
  void aMidLogLengthThatRunsPastTheEndIsRefusedBecauseTheNextRecordIsIntact() throws Exception {
    Path file = write("log", THREE);
    long[] starts = starts(THREE);
    byte[] bytes = Files.readAllBytes(file);
    // Record 1 now claims to run 100 bytes past the end, as a torn append would.
    ByteBuffer.wrap(bytes).putInt((int) starts[1], (int) (bytes.length - starts[1]) + 100);
    Files.write(file, bytes);
    EnergyException e = refused(file);
    assertThat(e.failure()).isEqualTo(EnergyError.CORRUPT_LOG);
    assertThat(e.getMessage()).contains("record 1 at offset " + starts[1])
        .contains("intact later record starts at offset " + starts[2]);
  }

  @Test
  void aMidLogLengthThatShortensARecordIsRefused() throws Exception {
    Path file = write("log", THREE);
    long[] starts = starts(THREE);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).putInt((int) starts[0], THREE.get(0).length - 1);
    Files.write(file, bytes);
    EnergyException e = refused(file);
    assertThat(e.failure()).isEqualTo(EnergyError.CORRUPT_LOG);
    assertThat(e.getMessage()).contains("record 0 at offset " + starts[0]).contains("follow the record");
  }

  @Test
  void damageFollowedByMoreThanOneFrameOfBytesIsRefusedWithoutScanningThem() throws Exception {
    List<byte[]> big =
        List.of(payload(10, 1), payload(WriteAheadLog.MAX_RECORD, 2), payload(WriteAheadLog.MAX_RECORD, 3));
    Path file = write("log", big);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).putInt(8, 0);
    Files.write(file, bytes);
    EnergyException e = refused(file);
    assertThat(e.failure()).isEqualTo(EnergyError.CORRUPT_LOG);
    assertThat(e.getMessage()).contains("record 0 at offset 8").contains("impossible record length 0")
        .contains("more than one append");
  }

  @Test
  void anIntactRecordWithTheWrongSequenceNumberIsRefusedEvenAtTheEnd() throws Exception {
    Path file = write("log", THREE);
    long[] starts = starts(THREE);
    byte[] bytes = Files.readAllBytes(file);
    int at = (int) starts[2];
    int end = (int) starts[3];
    ByteBuffer.wrap(bytes).putLong(at + 4, 7);
    CRC32C crc = new CRC32C();
    crc.update(bytes, at - 4, end - 4 - (at - 4));
    ByteBuffer.wrap(bytes).putInt(end - 4, (int) crc.getValue());
    Files.write(file, bytes);
    EnergyException e = refused(file);
    assertThat(e.failure()).isEqualTo(EnergyError.CORRUPT_LOG);
    assertThat(e.getMessage()).contains("record 2 at offset " + at).contains("sequence number 7 where 2");
  }

  @Test
  void aLogCutInsideItsHeaderIsCreatedAgain() throws Exception {
    Path file = dir.resolve("log");
    for (int n = 0; n < HEADER.length; n++) {
      Files.write(file, Arrays.copyOf(HEADER, n));
      WriteAheadLog.Recovery r = reopen(file);
      assertThat(r.records()).isEmpty();
      assertThat(r.truncatedBytes()).isEqualTo(n);
      assertThat(Files.readAllBytes(file)).isEqualTo(HEADER);
    }
    // The header's blocks never reached the disk: the size did, the bytes did not.
    Files.write(file, new byte[8]);
    assertThat(reopen(file).records()).isEmpty();
    assertThat(Files.readAllBytes(file)).isEqualTo(HEADER);
    // An empty log takes appends.
    try (WriteAheadLog log = WriteAheadLog.open(file).log()) {
      log.append(THREE.get(0));
    }
    assertRecords(reopen(file), THREE.subList(0, 1));
  }

  @Test
  void aHeaderThatIsNotOursIsRefused() throws Exception {
    Path file = dir.resolve("log");
    byte[] zeroedHeader = Files.readAllBytes(write("full", THREE));
    Arrays.fill(zeroedHeader, 0, 8, (byte) 0);
    for (byte[] content : List.of("hello".getBytes(), "not a log at all".getBytes(), zeroedHeader)) {
      Files.write(file, content);
      EnergyException e = refused(file);
      assertThat(e.failure()).isEqualTo(EnergyError.CORRUPT_LOG);
      assertThat(e.getMessage()).contains("offset 0");
    }
    for (int version : new int[] {0, 4, 0x7f, 0x80, 0xff}) {
      byte[] unknown = HEADER.clone();
      unknown[7] = (byte) version;
      Files.write(file, unknown);
      EnergyException e = refused(file);
      assertThat(e.failure()).as("version %d", version).isEqualTo(EnergyError.UNSUPPORTED_VERSION);
      assertThat(e.getMessage()).as("version %d", version).contains("unknown").doesNotContain("first registry protocol");
    }
  }

  @Test
  void logsOfTheFirstProtocolAreRefusedUntouched() throws Exception {
    Path file = dir.resolve("log");
    for (byte[] old : List.of(LegacyLogs.version1(THREE), LegacyLogs.version2(THREE), LegacyLogs.version2(List.of()), LegacyLogs.version1(List.of()))) {
      Files.write(file, old);
      EnergyException e = refused(file);
      assertThat(e.failure()).isEqualTo(EnergyError.UNSUPPORTED_VERSION);
      assertThat(e.getMessage()).contains("version " + old[7]).contains("first registry protocol")
          .contains("left unchanged");
    }
  }
}
