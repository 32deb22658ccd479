package org.priwatt.examples.cli;

import java.io.PrintStream;
import java.util.List;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.WifKey;

/**
 * {@code priwatt keys new|inspect}: a fresh key pair per trade (paper R17/R18), or what a WIF
 * private key controls. Printing a private key is the point of {@code keys new}; it goes to
 * standard output only, never to a log.
 */
final class KeysCommand implements Command {
  @Override
  public String name() {
    return "keys";
  }

  @Override
  public String summary() {
    return "keys new [--network id] | keys inspect <WIF>: fresh key pair, or what a WIF key controls";
  }

  @Override
  public int run(List<String> args, PrintStream out) throws Exception {
    NetworkParameters network = Options.network(args);
    String sub = args.isEmpty() ? "" : args.get(0);
    switch (sub) {
      case "new":
        print(EcKey.generate(), network, out);
        return 0;
      case "inspect":
        if (args.size() != 2) {
          throw new UsageException("usage: keys inspect <WIF>");
        }
        WifKey wif = WifKey.parseAny(args.get(1));
        print(wif.toEcKey(), wif.network(), out);
        return 0;
      default:
        throw new UsageException("usage: keys new [--network id] | keys inspect <WIF>");
    }
  }

  private static void print(EcKey key, NetworkParameters network, PrintStream out) {
    out.println("network:     " + network.id());
    out.println("private WIF: " + WifKey.of(key, network).toBase58());
    out.println("public key:  " + key.publicKey());
    out.println("address:     " + Address.p2pkh(key.publicKey(), network));
  }
}
