package org.priwatt.node.role.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.node.role.MeterKeys;

/** The meter key files: a sealed key that stays the same, the DSO's list of registered keys and its bad lines. */
class MeterKeysTest {
  @TempDir
  Path tmp;

  private static EnergyError failure(String text) {
    try {
      MeterKeys.parse(text);
    } catch (EnergyException e) {
      return (EnergyError) e.failure();
    }
    throw new AssertionError("parsed");
  }

  @Test
  void theMeterKeyIsSealedAndTheSameAtEveryOpen() throws Exception {
    SecureRandom random = new SecureRandom();
    EcPublicKey k = MeterKeys.create(tmp, "pw", random);
    assertThat(MeterKeys.create(tmp, "pw", random)).isEqualTo(k);
    assertThat(Hex.encode(Files.readAllBytes(tmp.resolve("roles").resolve(MeterKeys.SEED_FILE))))
        .doesNotContain(Hex.encode(MeterKeys.open(tmp, "pw", random).privateKeyBytes()));
    assertThatThrownBy(() -> MeterKeys.create(tmp, "wrong", random)).isInstanceOf(EnergyException.class)
        .extracting(e -> ((EnergyException) e).failure()).isEqualTo(EnergyError.STORAGE);
    MeterKeys.writeKeyFile(tmp, k);
    assertThat(Files.readString(tmp.resolve(MeterKeys.KEY_FILE))).contains("meter-key=" + Hex.encode(k.encoded()));
  }

  @Test
  void theListTakesCompressedOrUncompressedKeysCommentsAndBlankLines() throws Exception {
    EcPublicKey a = EcKey.generate().publicKey().withCompression(true);
    EcPublicKey b = EcKey.generate().publicKey().withCompression(false);
    String text = "# registered meters\n\n" + Hex.encode(a.encoded()) + "\r\n  " + Hex.encode(b.encoded()) + "  \n";
    assertThat(MeterKeys.parse(text)).containsExactlyInAnyOrder(a, b.withCompression(true));
    Files.writeString(tmp.resolve(MeterKeys.METERS_FILE), text);
    assertThat(MeterKeys.read(tmp.resolve(MeterKeys.METERS_FILE))).hasSize(2);
    assertThat(MeterKeys.read(tmp.resolve("absent.txt"))).isEmpty();
  }

  @Test
  void aBadLineIsATypedErrorNamingIt() {
    String good = Hex.encode(EcKey.generate().publicKey().withCompression(true).encoded());
    assertThat(failure(good + "\nzz\n")).isEqualTo(EnergyError.MALFORMED);
    assertThat(failure(good.substring(2))).isEqualTo(EnergyError.MALFORMED);
    assertThat(failure("05" + good.substring(2))).isEqualTo(EnergyError.MALFORMED);
    assertThat(failure(good + " " + good)).isEqualTo(EnergyError.MALFORMED);
    assertThatThrownBy(() -> MeterKeys.parse("\n\nnope")).hasMessageContaining("line 3");
  }

  @Test
  void theListIsBounded() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= MeterKeys.MAX_METERS; i++) {
      b.append(Hex.encode(EcKey.generate().publicKey().withCompression(true).encoded())).append('\n');
    }
    assertThat(failure(b.toString())).isEqualTo(EnergyError.OVERSIZED);
    assertThat(failure("#".repeat(MeterKeys.MAX_METERS_FILE_BYTES + 1))).isEqualTo(EnergyError.OVERSIZED);
    Files.writeString(tmp.resolve("big.txt"), "#".repeat(MeterKeys.MAX_METERS_FILE_BYTES + 1));
    assertThatThrownBy(() -> MeterKeys.read(tmp.resolve("big.txt"))).isInstanceOf(EnergyException.class)
        .extracting(e -> ((EnergyException) e).failure()).isEqualTo(EnergyError.OVERSIZED);
  }
}
