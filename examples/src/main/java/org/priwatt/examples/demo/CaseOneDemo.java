package org.priwatt.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.priwatt.chain.Amount;
import org.priwatt.chain.block.Block;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.AuctionBoard;
import org.priwatt.energy.ConsumerSession;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.EntryStatus;
import org.priwatt.energy.EscrowLock;
import org.priwatt.energy.EscrowScripts;
import org.priwatt.energy.EscrowTransactions;
import org.priwatt.energy.IssuedSecrets;
import org.priwatt.energy.LedgerRejection;
import org.priwatt.energy.Offer;
import org.priwatt.energy.Payment;
import org.priwatt.energy.Prosumer;
import org.priwatt.energy.ProsumerSession;
import org.priwatt.energy.RegistryError;
import org.priwatt.energy.RegistryRequest;
import org.priwatt.energy.SealedFileSessionStore;
import org.priwatt.energy.pv.PanelOrientation;
import org.priwatt.energy.pv.PvSimulation;
import org.priwatt.examples.demo.DemoReport.DemoFailure;
import org.priwatt.msg.Identity;
import org.priwatt.msg.SharedIdentity;
import org.priwatt.script.Script;

/**
 * The PriWatt paper's Case 1 (§3.1, Algorithm 1) end to end in one process, narrated: Bob's
 * simulated PV day is metered and injected, the DSO issues the ownership secrets, Bob offers one
 * hour on the auction board, Alice matches it, validates the lock through the DSO and pays into
 * the 2-of-3 escrow on a REGTEST chain, a second sale and a double spend are refused, the secret
 * moves to Alice once the payment confirms and Bob is released his payment; then a second trade
 * where Bob stays silent is split by the DSO's dispute decision; finally, what the relaying
 * eavesdropper Eve could read. Every claim is a {@link Check}; {@link Result#passed()} says
 * whether all held.
 */
public final class CaseOneDemo {
  /** Number of steps in the progress display. */
  public static final int STEPS = 9;
  /** Bob's asking price in tokens (satoshi units) per kWh. */
  public static final long PRICE_PER_KWH = 20_000;
  /** Alice's starting balance in tokens. */
  public static final long ALICE_FUNDS = 200_000;
  /** The DSO's dispute decision when the seller never delivers: half to each party. */
  public static final int DISPUTE_BUYER_SHARE = 5_000;

  /** One verified claim of the demo. */
  public record Check(String what, boolean passed) {}

  /**
   * What the demo showed.
   *
   * @param checks every claim and whether it held
   * @param releasedToBob tokens Bob received from the released escrow (0 if that failed)
   * @param disputeToAlice tokens the dispute settlement returned to Alice
   * @param disputeToBob tokens the dispute settlement paid Bob
   * @param eveObjects objects Eve relayed
   * @param eveMessagesRead private messages Eve could open (must be 0)
   * @param eveBroadcastsRead public offer broadcasts Eve read
   */
  public record Result(List<Check> checks, long releasedToBob, long disputeToAlice, long disputeToBob,
      int eveObjects, int eveMessagesRead, int eveBroadcastsRead) {
    /** Copies the list. */
    public Result {
      checks = List.copyOf(checks);
    }

    /** True if the demo ran to the end and every check held. */
    public boolean passed() {
      return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }
  }

  private final PrintStream out;
  private final Narrator narrator = new Narrator();
  private final DemoReport report;
  private final Map<EntryId, IssuedSecrets> issued = new ConcurrentHashMap<>();
  private final Eavesdropper eve = new Eavesdropper();
  private DemoWorld w;
  private final EcKey aliceTx = EcKey.generate();
  private Identity aliceMsg;
  private Payment aliceCoin;
  private List<Prosumer.Generation> day;
  private long releasedToBob;
  private long disputeToAlice;
  private long disputeToBob;
  private IssuedSecrets aliceOwned;
  private AuctionBoard aliceBoard;

  private CaseOneDemo(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
    this.report = new DemoReport(out, STEPS, narrator);
  }

  /** Runs the whole scenario, printing to {@code out}; never throws for a failed step. */
  public static Result run(PrintStream out) {
    return new CaseOneDemo(out).runAll();
  }

  private Result runAll() {
    out.println("PriWatt demo: Case 1 trading (paper, Algorithm 1) on a REGTEST chain, in process");
    out.println();
    try {
      report.step("Start a REGTEST chain, the messaging network and the DSO", this::start);
      report.step("Simulate Bob's PV day and inject it into the grid", this::injectDay);
      Offer offer = report.step("Bob broadcasts an offer on the auction board", () -> postOffer(0));
      report.step("Alice matches offers (Algorithm 1 MATCH)", () -> match(offer));
      ConsumerSession alice = report.step("Alice asks to buy, validates the lock, pays into the 2-of-3 escrow",
          () -> buy(offer));
      report.step("A second buyer and a double spend are refused", () -> attacks(offer, alice));
      report.step("Payment confirmed: the secret moves to Alice, Bob is paid", () -> settle(offer, alice));
      report.step("Dispute: Bob stays silent, the DSO splits the escrow", this::dispute);
      report.step("What Eve, who relayed every object, could and could not read", this::eavesdropper);
    } catch (DemoFailure e) {
      out.println("demo stopped: " + e.getMessage());
    } finally {
      closeWorld();
    }
    report.summary();
    List<Check> checks = report.checks().stream().map(c -> new Check(c.what(), c.passed())).toList();
    return new Result(checks, releasedToBob, disputeToAlice, disputeToBob, eve.objects, eve.messages.get(),
        eve.broadcasts.get());
  }

  private void closeWorld() {
    if (w != null) {
      try {
        w.close();
      } catch (Exception e) {
        out.println("cleanup: " + e.getMessage());
      }
    }
  }

  private Void start() throws Exception {
    w = new DemoWorld(DISPUTE_BUYER_SHARE);
    Block tip = w.mine(101);
    report.line("chain    REGTEST: mined 101 blocks (coinbase maturity 100), tip %s at height %d", tip.hash(),
        w.ledger.height());
    report.line("network  Bob - Eve - Alice, DSO behind Eve: every object crosses Eve; proof of work %d/%d",
        DemoWorld.DEMO_POW.nonceTrialsPerByte(), DemoWorld.DEMO_POW.payloadLengthExtraBytes());
    narrator.name(w.dso.publicIdentity().address(), "DSO");
    aliceMsg = w.identity();
    narrator.name(aliceMsg.address(), "Alice");
    Identity eveId = w.identity();
    narrator.name(eveId.address(), "Eve");
    w.eveNode.addIdentity(eveId);
    AuctionBoard.attach(w.eveNode, w.board, w.ledger, w::now);
    w.eveNode.addListener(eve);
    // Alice follows the board from the start: a broadcast is opened only on arrival.
    aliceBoard = AuctionBoard.attach(w.aliceNode, w.board, w.ledger, w::now);
    for (var node : List.of(w.dsoNode, w.bobNode, w.aliceNode)) {
      node.addListener(narrator);
    }
    report.line("DSO      %s, escrow key %s", w.dso.publicIdentity().address(), Hex.encode(w.dsoKey.publicKey().compressedEncoding()));
    report.line("Alice    %s, escrow key %s", aliceMsg.address(), Hex.encode(aliceTx.publicKey().compressedEncoding()));
    report.line("Eve      %s (an honest-but-curious relay)", eveId.address());
    aliceCoin = w.fund(EscrowScripts.p2pkh(aliceTx.publicKey()), Amount.ofSat(ALICE_FUNDS));
    report.line("faucet   paid Alice %s in tx %s (confirmed)", tokens(ALICE_FUNDS), aliceCoin.outPoint().txId());
    report.check("chain at height 102 with Alice's coin confirmed", w.ledger.height() == 102 && w.ledger.confirmations(aliceCoin.outPoint().txId()) == 1);
    return null;
  }

  private Void injectDay() throws Exception {
    PvSimulation sim = PvSimulation.builder().location(48.137, 11.575)
        .period(Instant.parse("2025-06-20T22:00:00Z"), Instant.parse("2025-06-21T22:00:00Z"), Duration.ofMinutes(5))
        .panelArea(10).panelYield(0.2).performanceRatio(0.8).orientation(new PanelOrientation(35, 180)).build();
    AtomicInteger n = new AtomicInteger();
    Prosumer bob = new Prosumer(w.ctx(w.bobNode), () -> {
      Identity id = w.identity();
      narrator.name(id.address(), "Bob#" + n.incrementAndGet());
      return id;
    });
    day = bob.injectDay(sim, Duration.ofHours(1), (inj, who) -> {
      IssuedSecrets s = w.dso.recordInjection(inj, who);
      issued.put(s.entryId(), s);
    });
    DemoWorld.await("Bob's secrets", () -> day.stream().allMatch(g -> g.session().state() == ProsumerSession.State.READY),
        () -> { });
    report.line("PV       10 m2 at 20 %% yield, tilt 35 deg south, Munich, 2025-06-21: %s in %d hourly injections",
        kwh(sim.totalEnergy()), day.size());
    report.line("meter    each hour gets a fresh tx key and msg address (Bob#1..Bob#%d); the DSO records it and", day.size());
    report.line("         sends that address its ownership secret b-lambda and lock secret b-z by private msg");
    Prosumer.Generation top = byEnergy(0);
    report.line("best     %s at %s: %s, entry %s", narrator.who(top.msg().address()),
        Instant.ofEpochSecond(top.injection().timestamp()), kwh(top.injection().energy()), entryOf(top));
    report.check(day.size() + " generation sessions hold their secrets", w.registry.entries().size() == day.size());
    return null;
  }

  private Prosumer.Generation byEnergy(int rank) {
    return day.stream().sorted(Comparator.comparing((Prosumer.Generation g) -> g.injection().energy()).reversed())
        .toList().get(rank);
  }

  private static EntryId entryOf(Prosumer.Generation g) {
    return g.session().entry().orElseThrow();
  }

  private Offer postOffer(int rank) throws Exception {
    Prosumer.Generation g = byEnergy(rank);
    Offer offer = g.session().offer(w.board, PRICE_PER_KWH, 3600);
    report.line("offer    entry %s: %s at %s/kWh = %s, paid to tx address hash %s", offer.entry(), kwh(offer.energy()),
        tokens(PRICE_PER_KWH), tokens(offer.totalPrice().sat()), Hex.encode(offer.txAddressHash()));
    report.line("board    v5 broadcast of the public board identity %s: anyone can read it, nobody can tell who sent it",
        w.board.address());
    report.check("offer posted by " + narrator.who(g.msg().address()), g.session().state() == ProsumerSession.State.OFFERED);
    return offer;
  }

  private Void match(Offer offer) throws Exception {
    AuctionBoard board = aliceBoard;
    EnergyAmount need = EnergyAmount.ofWattHours(1_000);
    DemoWorld.await("the offer on Alice's board", () -> !board.match(need, 25_000).isEmpty(), () -> { });
    List<Offer> found = board.match(need, 25_000);
    report.line("MATCH    >= %s at <= %s/kWh: %d offer(s); cheapest: entry %s, %s for %s", kwh(need), tokens(25_000),
        found.size(), found.get(0).entry(), kwh(found.get(0).energy()), tokens(found.get(0).totalPrice().sat()));
    report.check("Alice found Bob's offer", found.get(0).equals(offer));
    return null;
  }

  private ConsumerSession buy(Offer offer) throws Exception {
    narrator.name(SharedIdentity.derive(aliceMsg, offer.seller()).address(), "Bob+Alice shared");
    SecretBytes sealKey = SecretBytes.random(32, w.random);
    SealedFileSessionStore store = SealedFileSessionStore.of(w.dir.resolve("alice.session"), sealKey, ScryptParameters.of(10, 8, 1));
    ConsumerSession alice = ConsumerSession.open(w.ctx(w.aliceNode), aliceMsg, aliceTx, offer, store);
    alice.start();
    DemoWorld.await("Alice's payment", () -> alice.state().compareTo(ConsumerSession.State.PAID) >= 0, () -> { });
    if (alice.state() != ConsumerSession.State.PAID) {
      throw new IllegalStateException("Alice's session " + alice.state() + ": " + alice.failure());
    }
    Script redeem = w.registry.entry(offer.entry()).orElseThrow().lock().orElseThrow().redeemScript();
    report.line("escrow   OP_2 <DSO> <%s> <Alice> OP_3 OP_CHECKMULTISIG (keys only), paid to P2SH %s",
        narrator.who(offer.seller().address()).split(" ")[0], Hex.encode(EscrowScripts.p2sh(redeem).program()));
    report.line("payment  tx %s: %s into the escrow + OP_RETURN commitment to the entry, fee %s",
        alice.funding().orElseThrow(), tokens(offer.totalPrice().sat()), tokens(DemoWorld.FEE.sat()));
    report.line("state    Alice's session is sealed (AES-GCM) in %s after every transition", store.file().getFileName());
    report.check("the DSO testified the lock and Alice paid", alice.state() == ConsumerSession.State.PAID);
    report.check("entry locked to the escrow", w.registry.entry(offer.entry()).orElseThrow().status() == EntryStatus.LOCKED);
    return alice;
  }

  private Void attacks(Offer offer, ConsumerSession alice) throws Exception {
    IssuedSecrets bobs = issued.get(offer.entry());
    EcKey carol = EcKey.generate();
    Script carolEscrow = EscrowScripts.redeemScript(w.dsoKey.publicKey(), byEntry(offer.entry()).txKey().publicKey(),
        carol.publicKey());
    var reply = w.registry.handle(RegistryRequest.lock(bobs.lock(), offer.entry(), 1, w.now(),
        new EscrowLock(carolEscrow, offer.totalPrice()), w.random));
    report.line("resale   Bob asks the DSO to lock the same entry to Carol's escrow: %s",
        reply.error().map(Object::toString).orElse("accepted"));
    report.check("second buyer refused by the lock", reply.error().filter(e -> e == RegistryError.LOCKED).isPresent());
    var again = EscrowTransactions.funding(List.of(aliceCoin), aliceTx, carolEscrow, offer.entry(), offer.totalPrice(), DemoWorld.FEE);
    var rejection = w.ledger.broadcast(again);
    report.line("spend    Alice re-spends the coin she paid with (tx %s): %s", again.txId(),
        rejection.map(Object::toString).orElse("accepted"));
    report.check("Alice's double spend rejected by the mempool", rejection.filter(r -> r == LedgerRejection.DOUBLE_SPEND).isPresent());
    report.check("her payment is still the one in the mempool", w.ledger.confirmations(alice.funding().orElseThrow()) == 0);
    return null;
  }

  private Prosumer.Generation byEntry(EntryId entry) {
    return day.stream().filter(g -> g.session().entry().filter(entry::equals).isPresent()).findFirst().orElseThrow();
  }

  private Void settle(Offer offer, ConsumerSession alice) throws Exception {
    Prosumer.Generation g = byEntry(offer.entry());
    Block b = w.mine(1);
    report.line("block    %d %s confirms the payment", w.ledger.height(), b.hash());
    DemoWorld.await("the transfer and release", () -> alice.state() == ConsumerSession.State.OWNER
        && g.session().state() == ProsumerSession.State.SETTLED, () -> {
          g.session().tick();
          alice.tick();
        });
    Block r = w.mine(1);
    IssuedSecrets owned = alice.owned().orElseThrow();
    aliceOwned = owned;
    Script bobScript = EscrowScripts.p2pkh(g.txKey().publicKey());
    Payment paid = w.ledger.unspent(bobScript, 1).get(0);
    releasedToBob = paid.output().value();
    report.line("secret   Bob saw the confirmation and sent b-lambda to Alice; she presented it to the DSO");
    report.line("owner    the DSO issued Alice a-lambda, a-z for %s: new entry %s", kwh(owned.energy()), owned.entryId());
    report.line("release  tx %s (signed by Alice and Bob) pays Bob %s, confirmed in block %d %s", paid.outPoint().txId(),
        tokens(releasedToBob), w.ledger.height(), r.hash());
    report.check("Bob's entry transferred", w.registry.entry(offer.entry()).orElseThrow().status() == EntryStatus.TRANSFERRED);
    report.check("Alice owns the energy", w.registry.entry(owned.entryId()).orElseThrow().owner().equals(aliceTx.publicKey()));
    report.check("Bob received the price minus the fee", releasedToBob == offer.totalPrice().sat() - DemoWorld.FEE.sat());
    return null;
  }

  private Void dispute() throws Exception {
    Offer offer = postOffer(1);
    Prosumer.Generation g = byEntry(offer.entry());
    Identity aliceMsg2 = w.identity();
    narrator.name(aliceMsg2.address(), "Alice#2");
    narrator.name(SharedIdentity.derive(aliceMsg2, offer.seller()).address(), "Bob+Alice#2 shared");
    ConsumerSession alice = new ConsumerSession(w.ctx(w.aliceNode), aliceMsg2, aliceTx, offer);
    alice.start();
    DemoWorld.await("the second payment", () -> alice.state().compareTo(ConsumerSession.State.PAID) >= 0, () -> { });
    w.mine(1);
    alice.tick();
    report.line("silence  Bob's session never delivers b-lambda; moving the clock %d s past the timeout",
        DemoWorld.TIMEOUT_SECONDS + 1);
    w.offset.addAndGet(DemoWorld.TIMEOUT_SECONDS + 1);
    DemoWorld.await("the dispute settlement", () -> alice.state() == ConsumerSession.State.SETTLED, alice::tick);
    w.mine(1);
    Script escrow = EscrowScripts.p2sh(w.registry.entry(offer.entry()).orElseThrow().lock().orElseThrow().redeemScript());
    Payment spent = w.ledger.paymentsTo(escrow).get(0);
    disputeToBob = sum(EscrowScripts.p2pkh(g.txKey().publicKey()));
    disputeToAlice = w.ledger.paymentsTo(EscrowScripts.p2pkh(aliceTx.publicKey())).stream()
        .filter(p -> w.ledger.transaction(p.outPoint().txId()).orElseThrow().inputs().get(0).outPoint().equals(spent.outPoint()))
        .mapToLong(p -> p.output().value()).sum();
    long net = offer.totalPrice().sat() - DemoWorld.FEE.sat();
    report.line("decision the DSO signed a settlement at %d %% for the buyer: Alice %s, Bob %s", DISPUTE_BUYER_SHARE / 100,
        tokens(disputeToAlice), tokens(disputeToBob));
    report.check("the escrow was split", disputeToAlice == net / 2 && disputeToBob == net - net / 2);
    report.check("the disputed entry is frozen", w.registry.entry(offer.entry()).orElseThrow().status() == EntryStatus.FROZEN);
    return null;
  }

  private long sum(Script script) {
    return w.ledger.unspent(script, 1).stream().mapToLong(p -> p.output().value()).sum();
  }

  private Void eavesdropper() throws Exception {
    eve.inspect(w.eveNode.store(), w.now());
    report.line("relayed  %d objects: %d msg (incl. acks), %d broadcasts, %d other", eve.objects, eve.msgObjects,
        eve.broadcastObjects, eve.objects - eve.msgObjects - eve.broadcastObjects);
    report.line("read     %d offer broadcast(s) of the public board, like any participant", eve.broadcasts.get());
    report.line("opaque   %d private messages opened; sender, recipient and content of every msg stay hidden", eve.messages.get());
    List<String> secrets = new ArrayList<>();
    issued.values().forEach(s -> secrets.add(Hex.encode(s.ownership().copyBytes())));
    issued.values().forEach(s -> secrets.add(Hex.encode(s.lock().copyBytes())));
    if (aliceOwned != null) {
      secrets.add(Hex.encode(aliceOwned.ownership().copyBytes()));
      secrets.add(Hex.encode(aliceOwned.lock().copyBytes()));
    }
    int leaks = eve.countContaining(w.eveNode.store(), w.now(), secrets);
    report.line("secrets  searched her store for all %d secrets issued (b-lambda, b-z, a-lambda, a-z): %d hits",
        secrets.size(), leaks);
    report.check("Eve read no private message", eve.messages.get() == 0);
    report.check("Eve saw only the public offers", eve.broadcasts.get() == 2);
    report.check("no secret crossed the network in clear", leaks == 0);
    return null;
  }

  private static String kwh(EnergyAmount e) {
    return String.format(Locale.ROOT, "%.3f kWh", e.milliwattHours() / 1_000_000.0);
  }

  private static String tokens(long sat) {
    return String.format(Locale.ROOT, "%,d tokens", sat);
  }
}
