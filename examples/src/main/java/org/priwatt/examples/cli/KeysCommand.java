package org.priwatt.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EncryptedKeyFile;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.crypto.WifKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code priwatt keys}: a fresh key pair per trade (paper R17/R18), what a private key controls,
 * and the encrypted key file that keeps one at rest. A private key is printed only where that is
 * the point ({@code generate}, {@code show}, {@code load --show-private}), on standard output,
 * never in a log.
 */
@Command(name = "keys",
    description = "Key pairs: generate one, show what a private key controls, seal one in an encrypted key file and open it.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Show.class, KeysCommand.Save.class, KeysCommand.Load.class},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt keys generate --network bitcoin-testnet",
        "  priwatt keys show KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn",
        "  priwatt keys save alice.key --passphrase-file pass.txt",
        "  priwatt keys load alice.key"})
final class KeysCommand {
  private KeysCommand() {}

  /** {@code keys generate}. */
  @Command(name = "generate", description = "Generate a key pair (SecureRandom, compressed public key) and print it with its P2PKH address.",
      footerHeading = "%nExamples:%n", footer = {"  priwatt keys generate", "  priwatt keys generate --network bitcoin-mainnet"})
  static final class Generate extends CliCommand {
    @Mixin
    NetworkOption network;

    @Override
    int run() {
      EcKey key = EcKey.generate();
      try {
        print(out(), key, network.network, true);
      } finally {
        key.destroy();
      }
      return Main.OK;
    }
  }

  /** {@code keys show}. */
  @Command(name = "show", description = {"Show the public key and address of a private key given as WIF or as 64 hex digits.",
      "A WIF carries its network and compression; hex uses --network and a compressed public key."},
      footerHeading = "%nExamples:%n", footer = {"  priwatt keys show KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn",
          "  priwatt keys show 0000000000000000000000000000000000000000000000000000000000000001 --network bitcoin-mainnet"})
  static final class Show extends CliCommand {
    @Parameters(paramLabel = "<wif|hex>", description = "The private key.")
    String privateKey;

    @Mixin
    NetworkOption network;

    @Override
    int run() throws CryptoException {
      if (privateKey.length() == 2 * WifKey.PRIVATE_KEY_LENGTH && Converters.isHex(privateKey)) {
        byte[] bytes = Hex.decode(privateKey);
        try {
          EcKey key = EcKey.fromPrivate(bytes, true);
          try {
            print(out(), key, network.network, true);
          } finally {
            key.destroy();
          }
        } finally {
          Arrays.fill(bytes, (byte) 0);
        }
      } else {
        WifKey wif = WifKey.parseAny(privateKey);
        try {
          print(out(), wif.toEcKey(), wif.network(), true);
        } finally {
          wif.destroy();
        }
      }
      return Main.OK;
    }
  }

  /** {@code keys save}. */
  @Command(name = "save", description = {"Seal a private key in an encrypted key file (scrypt and AES-GCM; see EncryptedKeyFile).",
      "A fresh key unless --wif is given. Prints the public key and address, never the private key."},
      footerHeading = "%nExamples:%n", footer = {"  priwatt keys save bob.key",
          "  priwatt keys save bob.key --wif-file bob.wif --passphrase-file pass.txt"})
  static final class Save extends CliCommand {
    @Parameters(paramLabel = "<file>", description = "The key file to create (an existing file is never overwritten).")
    Path file;

    @Option(names = "--wif-file", paramLabel = "<file>", description = "Seal the WIF key in this file instead of a fresh key.")
    Path wifFile;

    @Option(names = "--scrypt-log2n", paramLabel = "<n>", description = "scrypt cost: N = 2^n (default: ${DEFAULT-VALUE}).",
        defaultValue = "15")
    int log2n;

    @Mixin
    NetworkOption network;

    @Mixin
    Passphrase passphrase;

    @Override
    int run() throws Exception {
      if (Files.exists(file)) {
        throw new CliException(CliError.FILE_EXISTS, file + " exists; choose another name or remove it first");
      }
      ScryptParameters scrypt;
      try {
        scrypt = ScryptParameters.of(log2n, ScryptParameters.DEFAULT.r(), ScryptParameters.DEFAULT.p());
      } catch (IllegalArgumentException e) {
        throw usage("--scrypt-log2n: " + e.getMessage());
      }
      WifKey wif = wifFile == null ? WifKey.of(EcKey.generate(), network.network) : readWif(wifFile);
      byte[] text = wif.toBase58().getBytes(StandardCharsets.US_ASCII);
      try (SecretBytes secret = SecretBytes.copyOf(text); SecretBytes pass = passphrase.read(true)) {
        EncryptedKeyFile.write(file, secret, pass, scrypt);
        print(out(), wif.toEcKey(), wif.network(), false);
        out().println("saved:       " + file);
      } finally {
        Arrays.fill(text, (byte) 0);
        wif.destroy();
      }
      return Main.OK;
    }

    private static WifKey readWif(Path path) throws Exception {
      byte[] bytes = Files.readAllBytes(path);
      try {
        return WifKey.parseAny(new String(bytes, StandardCharsets.US_ASCII).strip());
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  /** {@code keys load}. */
  @Command(name = "load", description = "Open an encrypted key file and show the public key and address it holds.",
      footerHeading = "%nExamples:%n", footer = {"  priwatt keys load bob.key", "  priwatt keys load bob.key --show-private"})
  static final class Load extends CliCommand {
    @Parameters(paramLabel = "<file>", description = "The key file.")
    Path file;

    @Option(names = "--show-private", description = "Also print the private key (WIF).")
    boolean showPrivate;

    @Mixin
    Passphrase passphrase;

    @Override
    int run() throws Exception {
      try (SecretBytes pass = passphrase.read(false); SecretBytes secret = EncryptedKeyFile.read(file, pass)) {
        byte[] text = secret.copyBytes();
        try {
          WifKey wif = WifKey.parseAny(new String(text, StandardCharsets.US_ASCII));
          try {
            print(out(), wif.toEcKey(), wif.network(), showPrivate);
          } finally {
            wif.destroy();
          }
        } finally {
          Arrays.fill(text, (byte) 0);
        }
      }
      return Main.OK;
    }
  }

  private static void print(PrintWriter out, EcKey key, NetworkParameters network, boolean withPrivate) {
    out.println("network:     " + network.id());
    if (withPrivate) {
      out.println("private WIF: " + WifKey.of(key, network).toBase58());
    }
    out.println("public key:  " + key.publicKey());
    out.println("address:     " + Address.p2pkh(key.publicKey(), network));
  }
}
