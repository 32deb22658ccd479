package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedKeyFileTest {
  /** Cheap parameters so each test runs in milliseconds. */
  private static final ScryptParameters FAST = ScryptParameters.of(4, 8, 1);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] SECRET =
      Hex.decode("0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d");

  @TempDir Path dir;

  private static SecretBytes pass(String s) {
    return SecretBytes.fromPassphrase(s.toCharArray());
  }

  private static byte[] sealed() {
    return EncryptedKeyFile.seal(SecretBytes.copyOf(SECRET), pass("correct horse"), FAST, RANDOM);
  }

  private static CryptoError openError(byte[] file) {
    try {
      EncryptedKeyFile.open(file, pass("correct horse"));
      return null;
    } catch (CryptoException e) {
      return e.error();
    }
  }

  @Test
  void sealsAndOpens() throws CryptoException {
    byte[] file = sealed();
    assertThat(file).hasSize(EncryptedKeyFile.HEADER_LENGTH + 32 + EncryptedKeyFile.TAG_LENGTH);
    assertThat(Arrays.copyOf(file, 6)).containsExactly('P', 'W', 'K', 'F', 1, 1);
    assertThat(Arrays.copyOfRange(file, 6, 9)).containsExactly(4, 8, 1);
    try (SecretBytes opened = EncryptedKeyFile.open(file, pass("correct horse"))) {
      assertThat(opened.copyBytes()).isEqualTo(SECRET);
    }
  }

  @Test
  void ciphertextHidesTheSecretAndEverySealIsFresh() {
    byte[] a = sealed();
    byte[] b = sealed();
    assertThat(Hex.encode(a)).doesNotContain(Hex.encode(Arrays.copyOf(SECRET, 8)));
    assertThat(Arrays.copyOfRange(a, 9, 37)).isNotEqualTo(Arrays.copyOfRange(b, 9, 37));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void defaultParametersWork() throws CryptoException {
    byte[] file = EncryptedKeyFile.seal(SecretBytes.copyOf(SECRET), pass("pw"));
    assertThat(Arrays.copyOfRange(file, 6, 9)).containsExactly(15, 8, 1);
    assertThat(EncryptedKeyFile.open(file, pass("pw")).copyBytes()).isEqualTo(SECRET);
  }

  @Test
  void emptyAndMaximalSecrets() throws CryptoException {
    for (int length : new int[] {0, 1, 64, EncryptedKeyFile.MAX_SECRET_LENGTH}) {
      byte[] secret = new byte[length];
      RANDOM.nextBytes(secret);
      byte[] file = EncryptedKeyFile.seal(SecretBytes.copyOf(secret), pass(""), FAST, RANDOM);
      assertThat(EncryptedKeyFile.open(file, pass("")).copyBytes()).isEqualTo(secret);
    }
    assertThatThrownBy(
            () ->
                EncryptedKeyFile.seal(
                    SecretBytes.copyOf(new byte[EncryptedKeyFile.MAX_SECRET_LENGTH + 1]),
                    pass(""),
                    FAST,
                    RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wrongPassphraseFails() {
    byte[] file = sealed();
    for (String wrong : new String[] {"", "correct horsf", "Correct horse", "correct horse "}) {
      assertThatThrownBy(() -> EncryptedKeyFile.open(file, pass(wrong)))
          .isInstanceOfSatisfying(
              CryptoException.class,
              e -> assertThat(e.error()).isEqualTo(CryptoError.DECRYPTION_FAILED));
    }
  }

  @Test
  void everyBitFlipIsRejectedWithATypedError() {
    byte[] file = sealed();
    for (int bit = 0; bit < file.length * 8; bit++) {
      byte[] bad = file.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(openError(bad))
          .as("bit %d", bit)
          .isIn(
              CryptoError.DECRYPTION_FAILED,
              CryptoError.UNSUPPORTED_FORMAT,
              CryptoError.SCRYPT_COST_TOO_HIGH,
              CryptoError.CORRUPT_DATA);
    }
  }

  @Test
  void flipsInEachRegionGiveTheirError() {
    byte[] file = sealed();
    assertThat(flipLowBit(file, 0)).isEqualTo(CryptoError.UNSUPPORTED_FORMAT); // magic
    assertThat(flipLowBit(file, 4)).isEqualTo(CryptoError.UNSUPPORTED_FORMAT); // version
    assertThat(flipLowBit(file, 5)).isEqualTo(CryptoError.UNSUPPORTED_FORMAT); // KDF
    assertThat(flipLowBit(file, 6)).isEqualTo(CryptoError.DECRYPTION_FAILED); // log2N 4 -> 5
    assertThat(flipLowBit(file, 7)).isEqualTo(CryptoError.DECRYPTION_FAILED); // r 8 -> 9
    assertThat(flipLowBit(file, 8)).isEqualTo(CryptoError.CORRUPT_DATA); // p 1 -> 0
    for (int i = 9; i < 37; i++) { // salt and nonce
      assertThat(flipLowBit(file, i)).as("byte %d", i).isEqualTo(CryptoError.DECRYPTION_FAILED);
    }
    assertThat(flipLowBit(file, 37)).isEqualTo(CryptoError.CORRUPT_DATA); // length
    assertThat(flipLowBit(file, 38)).isEqualTo(CryptoError.CORRUPT_DATA);
    for (int i = 39; i < file.length; i++) { // ciphertext and tag
      assertThat(flipLowBit(file, i)).as("byte %d", i).isEqualTo(CryptoError.DECRYPTION_FAILED);
    }
  }

  private static CryptoError flipLowBit(byte[] file, int index) {
    byte[] bad = file.clone();
    bad[index] ^= 1;
    return openError(bad);
  }

  @Test
  void truncationAtEveryOffsetIsCorruptData() {
    byte[] file = sealed();
    for (int len = 0; len < file.length; len++) {
      assertThat(openError(Arrays.copyOf(file, len)))
          .as("length %d", len)
          .isEqualTo(CryptoError.CORRUPT_DATA);
    }
  }

  @Test
  void trailingBytesAreCorruptData() {
    byte[] file = sealed();
    assertThat(openError(Arrays.copyOf(file, file.length + 1))).isEqualTo(CryptoError.CORRUPT_DATA);
  }

  @Test
  void unknownVersionAndKdfAreUnsupported() {
    byte[] file = sealed();
    file[4] = 2;
    assertThat(openError(file)).isEqualTo(CryptoError.UNSUPPORTED_FORMAT);
    file = sealed();
    file[5] = 2;
    assertThat(openError(file)).isEqualTo(CryptoError.UNSUPPORTED_FORMAT);
    assertThat(openError("not a key file at all".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(CryptoError.UNSUPPORTED_FORMAT);
  }

  @Test
  void hostileScryptCostIsRefusedBeforeDerivation() {
    byte[] file = sealed();
    file[6] = 30; // N = 2^30 with r = 8: 1 TiB
    assertThat(openError(file)).isEqualTo(CryptoError.SCRYPT_COST_TOO_HIGH);
    file = sealed();
    file[6] = 31; // N does not fit an int
    assertThat(openError(file)).isEqualTo(CryptoError.UNSUPPORTED_FORMAT);
    file = sealed();
    file[6] = (byte) 200;
    assertThat(openError(file)).isEqualTo(CryptoError.UNSUPPORTED_FORMAT);
    file = sealed();
    file[8] = 17; // p above MAX_P
    assertThat(openError(file)).isEqualTo(CryptoError.UNSUPPORTED_FORMAT);
    file = sealed();
    file[6] = 0;
    assertThat(openError(file)).isEqualTo(CryptoError.CORRUPT_DATA);
    file = sealed();
    file[7] = 0;
    assertThat(openError(file)).isEqualTo(CryptoError.CORRUPT_DATA);
  }

  @Test
  void aSecretLengthThatDisagreesWithTheFileIsCorrupt() {
    byte[] file = sealed();
    file[37] = (byte) 0xff; // announces 65,280 + 32 bytes; the file holds far fewer
    assertThat(openError(file)).isEqualTo(CryptoError.CORRUPT_DATA);
  }

  @Test
  void oversizedInputIsRejected() {
    assertThat(openError(new byte[EncryptedKeyFile.MAX_FILE_SIZE + 1]))
        .isEqualTo(CryptoError.INPUT_TOO_LARGE);
  }

  @Test
  void writesAndReadsAFile() throws Exception {
    Path path = dir.resolve("wallet.key");
    EncryptedKeyFile.write(path, SecretBytes.copyOf(SECRET), pass("pw"), FAST);
    assertThat(EncryptedKeyFile.read(path, pass("pw")).copyBytes()).isEqualTo(SECRET);
    // Replacing keeps exactly one complete file and no temporaries.
    byte[] other = new byte[64];
    EncryptedKeyFile.write(path, SecretBytes.copyOf(other), pass("new"), FAST);
    assertThat(EncryptedKeyFile.read(path, pass("new")).copyBytes()).isEqualTo(other);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(path);
    }
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(path)))
          .isEqualTo("rw-------");
    }
  }

  /**
   * Issue 11.12: kill -9 between creating and renaming the temporary file leaves a sealed copy
   * beside the key file; the next read removes it.
   */
  @Test
  void temporaryLeftByAKilledWriteIsRemovedOnTheNextRead() throws Exception {
    Path path = dir.resolve("wallet.key");
    EncryptedKeyFile.write(path, SecretBytes.copyOf(SECRET), pass("pw"), FAST);
    Path leftover = dir.resolve(".wallet.key.9f86d081884c7d65.tmp");
    Files.write(leftover, sealed());
    assertThat(EncryptedKeyFile.read(path, pass("pw")).copyBytes()).isEqualTo(SECRET);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(path);
    }
  }

  @Test
  void readRejectsLargeMissingAndTamperedFiles() throws IOException, CryptoException {
    Path big = dir.resolve("big.key");
    Files.write(big, new byte[EncryptedKeyFile.MAX_FILE_SIZE + 1]);
    assertReadError(big, CryptoError.INPUT_TOO_LARGE);
    assertReadError(dir.resolve("missing.key"), CryptoError.IO_FAILURE);
    Path truncated = dir.resolve("truncated.key");
    Files.write(truncated, Arrays.copyOf(sealed(), 50));
    assertReadError(truncated, CryptoError.CORRUPT_DATA);
    Path tampered = dir.resolve("tampered.key");
    byte[] file = sealed();
    file[file.length - 1] ^= 1;
    Files.write(tampered, file);
    assertReadError(tampered, CryptoError.DECRYPTION_FAILED);
  }

  @Test
  void writeFailureIsIoFailure() {
    Path path = dir.resolve("no-such-dir").resolve("wallet.key");
    assertThatThrownBy(
            () -> EncryptedKeyFile.write(path, SecretBytes.copyOf(SECRET), pass("pw"), FAST))
        .isInstanceOfSatisfying(
            CryptoException.class, e -> assertThat(e.error()).isEqualTo(CryptoError.IO_FAILURE));
  }

  private static void assertReadError(Path path, CryptoError expected) {
    assertThatThrownBy(() -> EncryptedKeyFile.read(path, pass("correct horse")))
        .isInstanceOfSatisfying(
            CryptoException.class, e -> assertThat(e.error()).isEqualTo(expected));
  }

  /**
   * Issue 11.3: an 87-byte forgery asking N = 2^20, r = 2, p = 16 (256 MiB per pass, 4 GiB of work,
   * about 25 s) is refused from its header, before any scrypt work, by every reader.
   */
  @Test
  void forgedCostlyHeaderIsRefusedBeforeAnyKdfWork() throws IOException {
    byte[] forged = forgedHeader(20, 2, 16);
    assertThat(forged).hasSize(87);
    assertThat(openError(forged)).isEqualTo(CryptoError.SCRYPT_COST_TOO_HIGH);
    Path path = dir.resolve("forged.key");
    Files.write(path, forged);
    assertReadError(path, CryptoError.SCRYPT_COST_TOO_HIGH);
    // Memory alone is also bounded: N = 2^19, r = 8 asks 512 MiB in a single pass.
    assertThat(openError(forgedHeader(19, 8, 1))).isEqualTo(CryptoError.SCRYPT_COST_TOO_HIGH);
  }

  @Test
  void scryptLimitsAreConfigurable() throws CryptoException {
    // A caller on a small heap lowers the limits below a file's cost...
    ScryptLimits small = ScryptLimits.of(1024, 1024);
    assertThatThrownBy(() -> EncryptedKeyFile.open(sealed(), pass("correct horse"), small))
        .isInstanceOfSatisfying(CryptoException.class,
            e -> assertThat(e.error()).isEqualTo(CryptoError.SCRYPT_COST_TOO_HIGH));
    // ...and one reading files sealed above the default raises them explicitly.
    ScryptLimits generous = ScryptLimits.of(1L << 30, 1L << 34);
    assertThat(ScryptLimits.DEFAULT.permits(ScryptParameters.of(4, 8, 16, generous))).isTrue();
    assertThat(ScryptLimits.DEFAULT.permits(ScryptParameters.of(19, 8, 1, generous))).isFalse();
    assertThatThrownBy(() -> ScryptParameters.of(19, 8, 1))
        .isInstanceOf(IllegalArgumentException.class);
    try (SecretBytes opened =
        EncryptedKeyFile.open(sealed(), pass("correct horse"), generous)) {
      assertThat(opened.copyBytes()).isEqualTo(SECRET);
    }
    assertThat(ScryptLimits.DEFAULT)
        .isEqualTo(ScryptLimits.of(256L << 20, 256L << 20))
        .hasSameHashCodeAs(ScryptLimits.of(256L << 20, 256L << 20));
    assertThatThrownBy(() -> ScryptLimits.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScryptLimits.of(2, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A well-formed file of a 32-byte secret whose header asks the given scrypt cost. */
  private static byte[] forgedHeader(int log2N, int r, int p) {
    byte[] file = sealed();
    file[6] = (byte) log2N;
    file[7] = (byte) r;
    file[8] = (byte) p;
    return file;
  }

  @Test
  void scryptParametersAreValidated() {
    assertThat(ScryptParameters.DEFAULT).isEqualTo(ScryptParameters.of(15, 8, 1));
    assertThat(ScryptParameters.DEFAULT.toString()).isEqualTo("scrypt(N=2^15, r=8, p=1)");
    assertThat(ScryptParameters.of(18, 8, 1).log2N()).isEqualTo(18); // exactly 256 MiB
    for (int[] bad : new int[][] {{0, 8, 1}, {4, 0, 1}, {4, 8, 0}, {19, 8, 1}, {16, 1, 1},
        {4, 256, 1}, {4, 8, 17}, {64, 8, 1}}) {
      assertThatThrownBy(() -> ScryptParameters.of(bad[0], bad[1], bad[2]))
          .as(Arrays.toString(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void destroyedInputsAreMisuse() {
    SecretBytes secret = SecretBytes.copyOf(SECRET);
    secret.destroy();
    assertThatThrownBy(() -> EncryptedKeyFile.seal(secret, pass("x"), FAST, RANDOM))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EncryptedKeyFile.open(null, pass("x")))
        .isInstanceOf(NullPointerException.class);
  }
}
