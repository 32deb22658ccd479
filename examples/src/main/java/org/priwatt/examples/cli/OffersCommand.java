package org.priwatt.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.pv.PanelOrientation;
import org.priwatt.energy.pv.PvSimulation;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.trade.Prosumer;
import org.priwatt.energy.trade.ProsumerSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code priwatt offers}: DSO-certified, seller-signed auction-board offers. {@code create} makes
 * real ones in an in-process regtest world (the DSO, a metered PV day, the seller's sessions), as
 * the demo does; {@code list} checks offers from a file against the DSO key the user trusts.
 */
@Command(name = "offers",
    description = "Auction-board offers: create signed, DSO-certified offers in a regtest world; list and verify offers from a file.",
    subcommands = {OffersCommand.Create.class, OffersCommand.ListOffers.class},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt offers create --count 3 --out offers.txt",
        "  priwatt offers list offers.txt --dso-key 02ab...   the DSO key that 'create' printed"})
final class OffersCommand {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Most offers an offers file may hold; its size is checked against this before it is read. */
  private static final int MAX_OFFERS_IN_FILE = 10_000;
  /** Largest offers file read: that many offers in hex, one per line, plus a few lines of comments. */
  private static final long MAX_FILE = 4096 + (long) MAX_OFFERS_IN_FILE * (2 * Offer.MAX_ENCODED + 2);

  private OffersCommand() {}

  /** {@code offers create}. */
  @Command(name = "create",
      description = {"Create signed, DSO-certified offers in a regtest world in this process.",
          "Starts a chain, a messaging network and the DSO, meters a simulated PV day (Munich, 21 June, 10 m2) into",
          "hourly injections the DSO certifies, and has the seller sign and post offers for the largest ones on the",
          "auction board. Prints them, and writes them to a file with --out."},
      footerHeading = "%nExamples:%n", footer = {"  priwatt offers create", "  priwatt offers create --count 5 --price 25000 --out offers.txt"})
  static final class Create extends CliCommand {
    @Option(names = "--count", paramLabel = "<n>", defaultValue = "3", description = "How many offers (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--price", paramLabel = "<tokens>", defaultValue = "20000",
        description = "Price per kWh in tokens (default: ${DEFAULT-VALUE}).")
    long price;

    @Option(names = "--ttl", paramLabel = "<seconds>", defaultValue = "3600",
        description = "How long each offer stays valid (default: ${DEFAULT-VALUE}).")
    long ttl;

    @Option(names = "--out", paramLabel = "<file>", description = "Also write the offers to this new file, one per line in hex.")
    Path file;

    @Override
    int run() throws Exception {
      if (count < 1) {
        throw usage("--count must be at least 1");
      }
      if (file != null && Files.exists(file)) {
        throw new CliException(CliError.FILE_EXISTS, file + " exists; choose another name or remove it first");
      }
      err().println("starting a regtest world in process and metering a PV day...");
      try (RegtestWorld w = RegtestWorld.builder().build()) {
        List<Prosumer.Generation> day = new Prosumer(w.context(w.node("seller")), w::identity).injectDay(pvDay(),
            Duration.ofHours(1), (injection, who) -> w.dso().recordInjection(injection, who));
        day.forEach(g -> w.own(g.session()));
        try {
          w.await("the DSO's secrets for every injection",
              () -> day.stream().allMatch(g -> g.session().state() == ProsumerSession.State.READY), () -> {}, WAIT);
        } catch (IllegalStateException e) {
          throw new CliException(CliError.WORLD_TIMEOUT, e.getMessage(), e);
        }
        if (count > day.size()) {
          throw usage("--count: the day has " + day.size() + " injections");
        }
        List<Offer> offers;
        try {
          offers = day.stream().sorted(Comparator.comparing((Prosumer.Generation g) -> g.injection().energy()).reversed())
              .limit(count).map(g -> g.session().offer(w.boardIdentity(), price, ttl)).toList();
        } catch (IllegalArgumentException e) {
          throw usage(e.getMessage());
        }
        EcPublicKey dsoKey = w.dsoKey().publicKey();
        PrintWriter out = out();
        out.println("DSO key: " + Hex.encode(dsoKey.compressedEncoding()));
        offers.forEach(o -> out.println(describe(o)));
        if (file != null) {
          StringBuilder text = new StringBuilder("# PriWatt offers, certified by DSO key " + Hex.encode(dsoKey.compressedEncoding())
              + "\n# check them with: priwatt offers list <this file> --dso-key <the DSO key you trust>\n");
          offers.forEach(o -> text.append(Hex.encode(o.encode())).append('\n'));
          try {
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            throw new CliException(CliError.IO, "cannot write " + file + ": " + e.getMessage(), e);
          }
          out.println("written: " + file);
        }
      }
      return Main.OK;
    }

    private static PvSimulation pvDay() {
      return PvSimulation.builder().location(48.137, 11.575)
          .period(Instant.parse("2025-06-20T22:00:00Z"), Instant.parse("2025-06-21T22:00:00Z"), Duration.ofMinutes(5))
          .panelArea(10).panelYield(0.2).performanceRatio(0.8).orientation(new PanelOrientation(35, 180)).build();
    }
  }

  /** {@code offers list}. */
  @Command(name = "list",
      description = {"Verify and print the offers in a file.",
          "One offer per line in hex; # starts a comment. Each must be signed by the owner key the DSO certified, and",
          "the certificate by the DSO; a forged or altered offer fails (exit 1)."},
      footerHeading = "%nExamples:%n", footer = {"  priwatt offers list offers.txt --dso-key 02ab..."})
  static final class ListOffers extends CliCommand {
    @Parameters(paramLabel = "<file>", description = "The offers file.")
    Path file;

    @Option(names = "--dso-key", paramLabel = "<hex>", required = true,
        description = "The DSO's public key, as you know it (not from the file).")
    String dsoKeyHex;

    @Override
    int run() throws Exception {
      if (!Converters.isHex(dsoKeyHex)) {
        throw usage("--dso-key: not hex: " + dsoKeyHex);
      }
      EcPublicKey dsoKey = EcPublicKey.decode(Hex.decode(dsoKeyHex));
      if (Files.size(file) > MAX_FILE) {
        throw new CliException(CliError.BAD_FILE, file + " is larger than any offers file (" + MAX_FILE + " bytes)");
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      PrintWriter out = out();
      int n = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (!Converters.isHex(line) || line.length() > 2 * Offer.MAX_ENCODED) {
          throw new CliException(CliError.BAD_FILE, file + ":" + (i + 1) + ": not an offer in hex");
        }
        Offer offer;
        try {
          offer = Offer.decode(Hex.decode(line), dsoKey);
        } catch (EnergyException e) {
          throw new EnergyException(e.failure(), e.getMessage() + " (" + file + " line " + (i + 1) + ")", e);
        }
        n++;
        out.println(describe(offer) + (offer.expiry() < MsgCommand.now() ? " (expired)" : ""));
      }
      out.println(n + " authentic offer(s)");
      return Main.OK;
    }
  }

  static String describe(Offer o) {
    return String.format(Locale.ROOT, "offer %s: %.3f kWh at %,d tokens/kWh = %,d tokens, seller %s, until %s", o.entry(),
        o.energy().milliwattHours() / 1_000_000.0, o.pricePerKwh().sat(), o.totalPrice().sat(), o.seller().address(),
        Instant.ofEpochSecond(o.expiry()));
  }
}
