package org.priwatt.examples.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.Base58Check;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.WifKey;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code priwatt address}: derive an address, check one, or take any Base58Check string apart. */
@Command(name = "address",
    description = "Addresses: derive one from a public key or redeem script, validate one, decode any Base58Check string.",
    subcommands = {AddressCommand.Derive.class, AddressCommand.Validate.class, AddressCommand.Decode.class},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt address derive 0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
        "  priwatt address validate 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
        "  priwatt address decode 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"})
final class AddressCommand {
  private AddressCommand() {}

  /** Which address {@code derive} makes. */
  enum Type {
    /** Pay to public key hash; the input is a SEC public key. */
    p2pkh,
    /** Pay to script hash; the input is the redeem script. */
    p2sh
  }

  /** {@code address derive}. */
  @Command(name = "derive", description = "Derive the P2PKH address of a public key, or the P2SH address of a redeem script.",
      footerHeading = "%nExamples:%n",
      footer = {"  priwatt address derive 0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798 --network bitcoin-mainnet",
          "  priwatt address derive --type p2sh 5221...52ae"})
  static final class Derive extends CliCommand {
    @Parameters(paramLabel = "<hex>", description = "A SEC public key (33 or 65 bytes), or with --type p2sh a redeem script.")
    String hex;

    @Option(names = "--type", paramLabel = "<type>", defaultValue = "p2pkh",
        description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Type type;

    @Mixin
    NetworkOption network;

    @Override
    int run() throws CryptoException {
      if (!Converters.isHex(hex)) {
        throw usage("<hex>: not an even number of hex digits: " + hex);
      }
      byte[] bytes = Hex.decode(hex);
      Address a = type == Type.p2pkh ? Address.p2pkh(EcPublicKey.decode(bytes), network.network)
          : p2sh(bytes, network.network);
      out().println(a);
      return Main.OK;
    }

    private Address p2sh(byte[] redeemScript, NetworkParameters network) {
      if (redeemScript.length > Address.MAX_REDEEM_SCRIPT_LENGTH) {
        throw usage("a redeem script has at most " + Address.MAX_REDEEM_SCRIPT_LENGTH + " bytes, this one " + redeemScript.length);
      }
      return Address.p2shFromScript(redeemScript, network);
    }
  }

  /** {@code address validate}. */
  @Command(name = "validate", description = {"Check an address: exit 0 and show what it pays to if valid, exit 1 with the reason if not.",
      "Without --network any known network's address is accepted."},
      footerHeading = "%nExamples:%n",
      footer = {"  priwatt address validate 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
          "  priwatt address validate 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa --network priwatt   fails: WRONG_NETWORK"})
  static final class Validate extends CliCommand {
    @Parameters(paramLabel = "<address>", description = "The address.")
    String address;

    @Option(names = "--network", paramLabel = "<id>", converter = Converters.Network.class,
        completionCandidates = Converters.NetworkIds.class, description = "Require this network: ${COMPLETION-CANDIDATES}.")
    NetworkParameters network;

    @Override
    int run() throws CryptoException {
      Address a = network == null ? Address.parseAny(address) : Address.parse(address, network);
      Script spk = a.kind() == Address.Kind.P2PKH ? ScriptTemplates.p2pkh(a.hash160()) : ScriptTemplates.p2sh(a.hash160());
      PrintWriter out = out();
      out.println("isvalid:      true");
      out.println("address:      " + a);
      out.println("network:      " + a.network().id());
      out.println("kind:         " + a.kind());
      out.println("scriptPubKey: " + spk.toHex());
      return Main.OK;
    }
  }

  /** {@code address decode}. */
  @Command(name = "decode", description = {"Decode any Base58Check string: version byte, payload and what it is.",
      "Recognises addresses, WIF private keys and BIP 32 keys; a private key's bytes are not printed."},
      footerHeading = "%nExamples:%n", footer = {"  priwatt address decode 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"})
  static final class Decode extends CliCommand {
    private static final int BIP32_VERSION_LENGTH = 4;
    private static final int BIP32_LENGTH = 78;

    @Parameters(paramLabel = "<base58check>", description = "The text to decode.")
    String text;

    @Override
    int run() throws CryptoException {
      byte[] payload = Base58Check.decode(text);
      try {
        PrintWriter out = out();
        int version = payload.length == 0 ? -1 : payload[0] & 0xff;
        out.println("checksum: ok");
        out.println("length:   " + payload.length + " bytes");
        out.println("version:  " + (version < 0 ? "none" : String.format("0x%02x", version)));
        out.println("meaning:  " + meaning(payload, version));
        if (payload.length == 1 + Address.HASH_LENGTH && isAddressVersion(version)) {
          out.println("hash160:  " + Hex.encode(Arrays.copyOfRange(payload, 1, payload.length)));
        } else if (!isWif(payload, version) && !isExtendedPrivate(payload)) {
          out.println("payload:  " + Hex.encode(payload));
        }
      } finally {
        Arrays.fill(payload, (byte) 0);
      }
      return Main.OK;
    }

    private static boolean isAddressVersion(int version) {
      return NetworkParameters.byP2pkhVersion(version).isPresent() || NetworkParameters.byP2shVersion(version).isPresent();
    }

    private static boolean isWif(byte[] payload, int version) {
      int keyBytes = payload.length - 1;
      return NetworkParameters.byWifPrefix(version).isPresent()
          && (keyBytes == WifKey.PRIVATE_KEY_LENGTH || keyBytes == WifKey.PRIVATE_KEY_LENGTH + 1);
    }

    private static int bip32Version(byte[] payload) {
      int v = 0;
      for (int i = 0; i < BIP32_VERSION_LENGTH && i < payload.length; i++) {
        v = (v << 8) | (payload[i] & 0xff);
      }
      return v;
    }

    private static boolean isExtendedPrivate(byte[] payload) {
      int v = bip32Version(payload);
      return payload.length == BIP32_LENGTH && NetworkParameters.byBip32Version(v).filter(n -> n.bip32PrivateVersion() == v).isPresent();
    }

    private static String meaning(byte[] payload, int version) {
      if (payload.length == 1 + Address.HASH_LENGTH) {
        Optional<NetworkParameters> p2pkh = NetworkParameters.byP2pkhVersion(version);
        if (p2pkh.isPresent()) {
          return "P2PKH address on " + p2pkh.get().id();
        }
        Optional<NetworkParameters> p2sh = NetworkParameters.byP2shVersion(version);
        if (p2sh.isPresent()) {
          return "P2SH address on " + p2sh.get().id();
        }
      }
      if (isWif(payload, version)) {
        return "WIF private key on " + NetworkParameters.byWifPrefix(version).orElseThrow().id()
            + " (not shown; use 'priwatt keys show')";
      }
      if (payload.length == BIP32_LENGTH) {
        Optional<NetworkParameters> net = NetworkParameters.byBip32Version(bip32Version(payload));
        if (net.isPresent()) {
          return isExtendedPrivate(payload) ? "BIP 32 extended private key on " + net.get().id() + " (not shown)"
              : "BIP 32 extended public key on " + net.get().id();
        }
      }
      return "unknown";
    }
  }
}
