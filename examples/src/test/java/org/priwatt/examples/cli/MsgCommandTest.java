package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code priwatt msg} on a local store: identities, an encrypted message, reading it. */
class MsgCommandTest {
  @TempDir
  Path store;

  private String newIdentity(Path dir) {
    Cli r = Cli.run("msg", "new-identity", "--store", dir.toString(), "--pow", "1/0");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("below the network minimum");
    return r.field("address:");
  }

  @Test
  void messageReachesOnlyItsRecipient() {
    String alice = newIdentity(store);
    String bob = newIdentity(store);
    Cli sent = Cli.run("msg", "send", "--store", store.toString(), "--from", alice, "--to", bob, "--subject", "offer",
        "is the 2 kWh still available?");
    assertThat(sent.code()).as(sent.toString()).isZero();

    Cli all = Cli.run("msg", "read", "--store", store.toString());
    assertThat(all.code()).isZero();
    assertThat(all.field("from:")).isEqualTo(alice);
    assertThat(all.field("to:")).isEqualTo(bob);
    assertThat(all.field("subject:")).isEqualTo("offer");
    assertThat(all.out()).contains("is the 2 kWh still available?", "1 message(s) for 2 identities");

    Cli asAlice = Cli.run("msg", "read", "--store", store.toString(), "--as", alice);
    assertThat(asAlice.out()).doesNotContain("still available").contains("0 message(s) for 1 identity");
  }

  @Test
  void storedFilesHoldNoPlaintextAndKeysAreOwnerOnly() throws IOException {
    String alice = newIdentity(store);
    String bob = newIdentity(store);
    Cli.run("msg", "send", "--store", store.toString(), "--from", alice, "--to", bob, "a secret meeting point");
    try (Stream<Path> objects = Files.list(store.resolve("objects"))) {
      for (Path p : objects.toList()) {
        assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret meeting");
      }
    }
    if (Files.getFileStore(store).supportsFileAttributeView("posix")) {
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(store.resolve("identities")))).isEqualTo("rwx------");
    }
  }

  @Test
  void sendingNeedsALocalSenderAndTheRecipientsPubkey(@TempDir Path elsewhere) {
    String alice = newIdentity(store);
    String stranger = newIdentity(elsewhere);
    Cli unknownRecipient = Cli.run("msg", "send", "--store", store.toString(), "--from", alice, "--to", stranger, "hi");
    assertThat(unknownRecipient.code()).isEqualTo(Main.FAILURE);
    assertThat(unknownRecipient.err()).startsWith("priwatt msg send: UNKNOWN_IDENTITY: no pubkey object of " + stranger);

    Cli notLocal = Cli.run("msg", "send", "--store", store.toString(), "--from", stranger, "--to", alice, "hi");
    assertThat(notLocal.code()).isEqualTo(Main.FAILURE);
    assertThat(notLocal.err()).startsWith("priwatt msg send: UNKNOWN_IDENTITY: " + stranger + " is not an identity");

    Cli badAddress = Cli.run("msg", "send", "--store", store.toString(), "--from", "BM-nope", "--to", alice, "hi");
    assertThat(badAddress.code()).isEqualTo(Main.USAGE);
    assertThat(badAddress.errLines().get(0)).contains("'BM-nope' is not a BM- address");
  }
}
