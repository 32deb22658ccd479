package org.priwatt.examples.cli;

import java.io.PrintStream;
import java.util.List;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;

/** {@code priwatt address}: P2PKH address of a public key, or the parts of an address. */
final class AddressCommand implements Command {
  @Override
  public String name() {
    return "address";
  }

  @Override
  public String summary() {
    return "address p2pkh <pubkey-hex> [--network id] | address parse <address>";
  }

  @Override
  public int run(List<String> args, PrintStream out) throws Exception {
    NetworkParameters network = Options.network(args);
    if (args.size() != 2) {
      throw new UsageException("usage: " + summary());
    }
    switch (args.get(0)) {
      case "p2pkh":
        out.println(Address.p2pkh(EcPublicKey.decode(Hex.decode(args.get(1))), network));
        return 0;
      case "parse":
        Address a = Address.parseAny(args.get(1));
        out.println("kind:    " + a.kind());
        out.println("network: " + a.network().id());
        out.println("hash160: " + Hex.encode(a.hash160()));
        return 0;
      default:
        throw new UsageException("usage: " + summary());
    }
  }
}
