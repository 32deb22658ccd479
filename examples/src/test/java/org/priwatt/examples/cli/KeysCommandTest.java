package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code priwatt keys}: generate, show, and the encrypted key file round trip. */
class KeysCommandTest {
  private static final String KEY_ONE_WIF = "KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn";
  private static final String KEY_ONE_ADDRESS = "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH";

  @TempDir
  Path dir;

  @Test
  void generatedKeyRoundTripsThroughShow() {
    Cli generated = Cli.run("keys", "generate", "--network", "bitcoin-testnet");
    assertThat(generated.code()).isZero();
    assertThat(generated.field("network:")).isEqualTo("bitcoin-testnet");
    Cli shown = Cli.run("keys", "show", generated.field("private WIF:"));
    assertThat(shown.code()).isZero();
    assertThat(shown.out()).isEqualTo(generated.out());
  }

  @Test
  void showAcceptsWifAndHex() {
    Cli wif = Cli.run("keys", "show", KEY_ONE_WIF);
    assertThat(wif.field("address:")).isEqualTo(KEY_ONE_ADDRESS);
    assertThat(wif.field("public key:")).isEqualTo("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    Cli hex = Cli.run("keys", "show", "0".repeat(63) + "1", "--network", "bitcoin-mainnet");
    assertThat(hex.out()).isEqualTo(wif.out());
  }

  @Test
  void badPrivateKeyFailsWithItsCode() {
    Cli r = Cli.run("keys", "show", KEY_ONE_WIF.substring(0, 51) + "x");
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("priwatt keys show: BASE58_");
  }

  @Test
  void savedKeyFileOpensWithItsPassphraseOnly() throws IOException {
    Path pass = Files.writeString(dir.resolve("pass.txt"), "correct horse\n");
    Path wif = Files.writeString(dir.resolve("key.wif"), KEY_ONE_WIF + "\n");
    Path file = dir.resolve("one.key");
    Cli saved = Cli.run("keys", "save", file.toString(), "--wif-file", wif.toString(), "--passphrase-file", pass.toString(),
        "--scrypt-log2n", "10");
    assertThat(saved.code()).as(saved.toString()).isZero();
    assertThat(saved.field("address:")).isEqualTo(KEY_ONE_ADDRESS);
    assertThat(saved.out()).doesNotContain(KEY_ONE_WIF);
    assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(KEY_ONE_WIF);

    Cli loaded = Cli.run("keys", "load", file.toString(), "--passphrase-file", pass.toString());
    assertThat(loaded.code()).as(loaded.toString()).isZero();
    assertThat(loaded.field("address:")).isEqualTo(KEY_ONE_ADDRESS);
    assertThat(loaded.out()).doesNotContain(KEY_ONE_WIF);
    assertThat(Cli.run("keys", "load", file.toString(), "--passphrase-file", pass.toString(), "--show-private")
        .field("private WIF:")).isEqualTo(KEY_ONE_WIF);

    Path wrong = Files.writeString(dir.resolve("wrong.txt"), "correct horsf\n");
    Cli refused = Cli.run("keys", "load", file.toString(), "--passphrase-file", wrong.toString());
    assertThat(refused.code()).isEqualTo(Main.FAILURE);
    assertThat(refused.err()).startsWith("priwatt keys load: DECRYPTION_FAILED");
  }

  @Test
  void saveNeverOverwritesAFile() throws IOException {
    Path pass = Files.writeString(dir.resolve("pass.txt"), "pw\n");
    Path file = Files.writeString(dir.resolve("taken.key"), "precious");
    Cli r = Cli.run("keys", "save", file.toString(), "--passphrase-file", pass.toString(), "--scrypt-log2n", "10");
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("priwatt keys save: FILE_EXISTS");
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @Test
  void saveWithoutATerminalOrPassphraseFileFails() {
    Cli r = Cli.run("keys", "save", dir.resolve("k.key").toString(), "--scrypt-log2n", "10");
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).contains("IO: no terminal to ask for the passphrase on; use --passphrase-file");
    assertThat(dir.resolve("k.key")).doesNotExist();
  }
}
