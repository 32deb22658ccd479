package org.priwatt.examples.demo;

import java.io.PrintWriter;
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
import java.util.function.BooleanSupplier;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.pv.PanelOrientation;
import org.priwatt.energy.pv.PvSimulation;
import org.priwatt.energy.registry.EntryStatus;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.trade.ConsumerSession;
import org.priwatt.energy.trade.DropReason;
import org.priwatt.energy.trade.Prosumer;
import org.priwatt.energy.trade.ProsumerSession;
import org.priwatt.energy.trade.SealedFileSessionStore;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.examples.demo.DemoReport.DemoFailure;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PowParameters;
import org.priwatt.script.EscrowKeys;
import org.priwatt.script.ScriptTemplates;

/**
 * The PriWatt paper's Case 1 (§3.1, Algorithm 1) end to end in one process, narrated: Bob's
 * simulated PV day is metered and injected, the DSO issues the ownership secrets and certificates,
 * Bob offers one hour on the auction board, Alice matches it, has the DSO testify the lock and pays
 * into the 2-of-3 escrow on a REGTEST chain; a second sale, a double spend and a forged offer are
 * refused; a cheating release is refused and the secret moves to Alice while the DSO completes the
 * release to Bob; then a second trade where Bob stays silent, where a self-serving "decision" of a
 * rogue DSO is refused and the real one splits the escrow; finally, what the relaying
 * eavesdropper Eve could read. Every claim is a {@link Check}; {@link Result#passed()} says
 * whether all held.
 */
public final class CaseOneDemo {
  /** Number of steps in the progress display. */
  public static final int STEPS = 10;
  /** Bob's asking price in tokens (satoshi units) per kWh. */
  public static final long PRICE_PER_KWH = 20_000;
  /** Alice's starting balance in tokens. */
  public static final long ALICE_FUNDS = 200_000;
  /** The DSO's dispute decision when the seller never delivers: half to each party. */
  public static final int DISPUTE_BUYER_SHARE = 5_000;
  /** Proof of work of the demo's messages: real, but light enough for seconds per run. */
  static final PowParameters DEMO_POW = new PowParameters(10, 100);
  /** Fee of each escrow spend. */
  static final Amount FEE = Amount.ofSat(1_000);
  /** How long a party waits for its counterpart. */
  static final long TIMEOUT_SECONDS = 60;
  private static final Duration WAIT = Duration.ofSeconds(30);

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

  private final PrintWriter out;
  private final Narrator narrator = new Narrator();
  private final DemoReport report;
  private final Map<EntryId, IssuedSecrets> issued = new ConcurrentHashMap<>();
  private final Eavesdropper eve = new Eavesdropper();
  private RegtestWorld w;
  private MessageNode bobNode;
  private MessageNode aliceNode;
  private Identity aliceMsg;
  private EcKey aliceKey;
  private Wallet aliceWallet;
  private List<Prosumer.Generation> day;
  private long releasedToBob;
  private long disputeToAlice;
  private long disputeToBob;
  private IssuedSecrets aliceOwned;
  private AuctionBoard aliceBoard;

  private CaseOneDemo(PrintWriter out) {
    this.out = Objects.requireNonNull(out, "out");
    this.report = new DemoReport(out, STEPS, narrator);
  }

  /** Runs the whole scenario, printing to {@code out}; never throws for a failed step. */
  public static Result run(PrintWriter out) {
    return new CaseOneDemo(out).runAll();
  }

  private Result runAll() {
    out.println("PriWatt demo: Case 1 trading (paper, Algorithm 1) on a REGTEST chain, in process");
    out.println();
    try {
      report.step("Start a REGTEST chain, the messaging network and the DSO", this::start);
      report.step("Simulate Bob's PV day and inject it into the grid", this::injectDay);
      Offer offer = report.step("Bob broadcasts a signed, DSO-certified offer on the auction board", () -> postOffer(0));
      report.step("Alice matches offers (Algorithm 1 MATCH)", () -> match(offer));
      ConsumerSession alice = report.step("Alice asks to buy, has the DSO testify the lock, pays into the 2-of-3 escrow",
          () -> buy(offer));
      report.step("A second sale, a double spend and a forged offer are refused", () -> attacks(offer, alice));
      report.step("A cheating release is refused; the secret moves to Alice, the DSO releases Bob's payment",
          () -> settle(offer, alice));
      report.step("Dispute: Bob stays silent, a rogue DSO's self-serving decision is refused", this::dispute);
      report.step("The DSO's real decision splits the escrow", this::decision);
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

  private void await(String what, BooleanSupplier done, Runnable step) {
    w.await(what, done, step, WAIT);
  }

  private Void start() throws Exception {
    w = RegtestWorld.builder().pow(DEMO_POW).fee(FEE).timeoutSeconds(TIMEOUT_SECONDS)
        .disputePolicy((entry, lock, funding, requester, evidence) -> DISPUTE_BUYER_SHARE).build();
    bobNode = w.node("bob");
    aliceNode = w.node("alice");
    report.line("chain    REGTEST: mined 101 blocks (coinbase maturity 100), tip at height %d", w.ledger().height());
    report.line("network  Bob, Alice and the DSO all connect through Eve's hub: every object crosses Eve; proof of work %d/%d",
        DEMO_POW.nonceTrialsPerByte(), DEMO_POW.payloadLengthExtraBytes());
    narrator.name(w.dso().publicIdentity().address(), "DSO");
    aliceMsg = w.identity();
    narrator.name(aliceMsg.address(), "Alice");
    Identity eveId = w.identity();
    narrator.name(eveId.address(), "Eve");
    w.hub().addIdentity(eveId);
    w.auctionBoard(w.hub());
    w.hub().addListener(eve);
    // Alice follows the board from the start: a broadcast is opened only on arrival.
    aliceBoard = w.auctionBoard(aliceNode);
    for (MessageNode node : List.of(w.dsoNode(), bobNode, aliceNode)) {
      node.addListener(narrator);
    }
    report.line("DSO      %s, key %s", w.dso().publicIdentity().address(),
        Hex.encode(w.dsoKey().publicKey().compressedEncoding()));
    report.line("Alice    %s, with a wallet", aliceMsg.address());
    report.line("Eve      %s (an honest-but-curious relay)", eveId.address());
    aliceWallet = w.wallet();
    Payment coin = w.fund(aliceWallet, Amount.ofSat(ALICE_FUNDS));
    report.line("faucet   paid Alice's wallet %s in tx %s (confirmed)", tokens(ALICE_FUNDS), coin.outPoint().txId());
    report.check("chain at height 102 with Alice's coin confirmed",
        w.ledger().height() == 102 && aliceWallet.balance().confirmed().sat() == ALICE_FUNDS);
    return null;
  }

  private Void injectDay() throws Exception {
    PvSimulation sim = PvSimulation.builder().location(48.137, 11.575)
        .period(Instant.parse("2025-06-20T22:00:00Z"), Instant.parse("2025-06-21T22:00:00Z"), Duration.ofMinutes(5))
        .panelArea(10).panelYield(0.2).performanceRatio(0.8).orientation(new PanelOrientation(35, 180)).build();
    AtomicInteger n = new AtomicInteger();
    Prosumer bob = new Prosumer(w.context(bobNode), () -> {
      Identity id = w.identity();
      narrator.name(id.address(), "Bob#" + n.incrementAndGet());
      return id;
    });
    day = bob.injectDay(sim, Duration.ofHours(1), (inj, who) -> {
      IssuedSecrets s = w.dso().recordInjection(inj, who);
      issued.put(s.entryId(), s);
    });
    day.forEach(g -> w.own(g.session()));
    await("Bob's secrets", () -> day.stream().allMatch(g -> g.session().state() == ProsumerSession.State.READY), () -> {});
    report.line("PV       10 m2 at 20 %% yield, tilt 35 deg south, Munich, 2025-06-21: %s in %d hourly injections",
        kwh(sim.totalEnergy()), day.size());
    report.line("meter    each hour gets a fresh tx key and msg address (Bob#1..Bob#%d); the DSO records it and", day.size());
    report.line("         sends that address b-lambda (with the DSO's randomness), b-z and its signed entry certificate");
    Prosumer.Generation top = byEnergy(0);
    report.line("best     %s at %s: %s, entry %s", narrator.who(top.msg().address()),
        Instant.ofEpochSecond(top.injection().timestamp()), kwh(top.injection().energy()), entryOf(top));
    report.check(day.size() + " generation sessions hold their secrets", w.registry().entries().size() == day.size());
    return null;
  }

  private Prosumer.Generation byEnergy(int rank) {
    return day.stream().sorted(Comparator.comparing((Prosumer.Generation g) -> g.injection().energy()).reversed())
        .toList().get(rank);
  }

  private static EntryId entryOf(Prosumer.Generation g) {
    return g.session().entry().orElseThrow();
  }

  private Offer postOffer(int rank) {
    Prosumer.Generation g = byEnergy(rank);
    Offer offer = g.session().offer(w.boardIdentity(), PRICE_PER_KWH, 3600);
    report.line("offer    entry %s: %s at %s/kWh = %s, signed by the key the DSO certified", offer.entry(),
        kwh(offer.energy()), tokens(PRICE_PER_KWH), tokens(offer.totalPrice().sat()));
    report.line("board    v5 broadcast of the public board identity %s: anyone can read it, nobody can tell who sent it",
        w.boardIdentity().address());
    report.check("offer posted by " + narrator.who(g.msg().address()), g.session().state() == ProsumerSession.State.OFFERED);
    return offer;
  }

  private Void match(Offer offer) {
    EnergyAmount need = EnergyAmount.ofWattHours(1_000);
    await("the offer on Alice's board", () -> !aliceBoard.match(need, 25_000).isEmpty(), () -> {});
    List<Offer> found = aliceBoard.match(need, 25_000);
    report.line("MATCH    >= %s at <= %s/kWh: %d offer(s); cheapest: entry %s, %s for %s", kwh(need), tokens(25_000),
        found.size(), found.get(0).entry(), kwh(found.get(0).energy()), tokens(found.get(0).totalPrice().sat()));
    report.check("Alice found Bob's authentic offer", found.get(0).equals(offer)
        && offer.isAuthentic(w.dsoKey().publicKey()));
    return null;
  }

  private ConsumerSession buy(Offer offer) throws Exception {
    SecretBytes sealKey = SecretBytes.random(32, w.random());
    SealedFileSessionStore store = SealedFileSessionStore.of(w.directory().resolve("alice.session"), sealKey,
        ScryptParameters.of(10, 8, 1));
    aliceKey = EcKey.generate(w.random());
    ConsumerSession alice = w.own(ConsumerSession.open(w.context(aliceNode), aliceMsg, aliceKey, offer,
        w.fundingSource(aliceWallet), store));
    alice.start();
    await("Alice's payment", () -> alice.state().compareTo(ConsumerSession.State.PAID) >= 0, alice::tick);
    if (alice.state() != ConsumerSession.State.PAID) {
      throw new IllegalStateException("Alice's session " + alice.state() + ": " + alice.failure());
    }
    EscrowTerms terms = alice.terms().orElseThrow();
    report.line("escrow   OP_2 <DSO> <Bob> <Alice> OP_3 OP_CHECKMULTISIG, lock %s until the DSO's clock says otherwise",
        terms.lock());
    report.line("testify  the DSO confirmed the lock's price %s, fee %s and expiry before Alice paid",
        tokens(terms.price().sat()), tokens(terms.fee().sat()));
    report.line("payment  tx %s: %s into P2SH %s + OP_RETURN commitment to this entry and lock; change to a fresh address",
        alice.funding().orElseThrow().txId(), tokens(offer.totalPrice().sat()), Hex.encode(terms.scriptPubKey().program()));
    report.line("state    Alice's session is sealed (AES-GCM) in %s after every transition", store.file().getFileName());
    report.check("the DSO testified the lock and Alice paid", alice.state() == ConsumerSession.State.PAID);
    report.check("entry locked to the escrow", w.registry().entry(offer.entry()).orElseThrow().status() == EntryStatus.LOCKED);
    return alice;
  }

  private Void attacks(Offer offer, ConsumerSession alice) throws Exception {
    IssuedSecrets bobs = issued.get(offer.entry());
    Prosumer.Generation g = byEntry(offer.entry());
    EscrowKeys carol = EscrowKeys.of(w.dsoKey().publicKey(), g.txKey().publicKey(), EcKey.generate().publicKey());
    RegistryReply reply = w.registry().handle(RegistryRequest.Lock.create(bobs.lock(), offer.entry(), 1, w.now(), carol,
        offer.totalPrice(), FEE, w.random()), (e, l, f, p, ev) -> 0);
    report.line("resale   Bob asks the DSO to lock the same entry to Carol's escrow: %s", outcome(reply));
    report.check("second sale refused by the lock",
        reply instanceof RegistryReply.Refused r && r.error() == RegistryError.LOCKED);
    // Alice re-spends the coins of her payment to another escrow.
    Transaction paid = w.ledger().transaction(alice.funding().orElseThrow().txId()).orElseThrow();
    Transaction again = Transaction.builder().addInput(paid.input(0).outPoint())
        .addOutput(offer.totalPrice(), carol.scriptPubKey()).build();
    LedgerRejection rejection = w.ledger().broadcast(again).orElse(null);
    report.line("spend    Alice re-spends a coin she paid with (tx %s): %s", again.txId(),
        rejection == null ? "accepted" : rejection);
    report.check("Alice's double spend rejected by the mempool",
        rejection == LedgerRejection.DOUBLE_SPEND || rejection == LedgerRejection.SCRIPT_FAILED);
    report.check("her payment is still the one in the mempool", w.ledger().confirmations(paid.txId()) == 0);
    // Mallory copies Bob's offer at 1 token per kWh, without Bob's key to sign it.
    long refused = aliceBoard.refused();
    Offer forged = new Offer(offer.certificate(), Amount.ofSat(1), w.identity().publicIdentity(), offer.postedAt() + 1,
        offer.expiry(), ByteString.of(org.priwatt.crypto.Hex.decode("00".repeat(64))));
    AuctionBoard.post(w.node("mallory"), w.boardIdentity(), forged, 600).join();
    await("the forgery on Alice's board", () -> aliceBoard.refused() > refused, () -> {});
    report.line("forgery  Mallory posts Bob's entry at 1 token/kWh under her own key: Alice's board refuses it");
    report.check("a forged copy of the offer is refused", aliceBoard.match(EnergyAmount.ofWattHours(1_000), 25_000)
        .stream().noneMatch(o -> o.pricePerKwh().sat() == 1));
    return null;
  }

  private static String outcome(RegistryReply r) {
    return r instanceof RegistryReply.Refused f ? "refused, " + f.error() : r.getClass().getSimpleName();
  }

  private Prosumer.Generation byEntry(EntryId entry) {
    return day.stream().filter(g -> g.session().entry().filter(entry::equals).isPresent()).findFirst().orElseThrow();
  }

  private Void settle(Offer offer, ConsumerSession alice) throws Exception {
    Prosumer.Generation g = byEntry(offer.entry());
    w.mine(1);
    report.line("block    %d confirms the payment", w.ledger().height());
    // Before the honest claim: a claim whose release pays the escrow back to the buyer.
    EscrowTerms terms = alice.terms().orElseThrow();
    OutPoint funding = alice.funding().orElseThrow();
    Payment escrow = w.ledger().output(funding).orElseThrow();
    Transaction toAlice = Transaction.builder().addInput(funding)
        .addOutput(Amount.ofSat(escrow.output().value() - FEE.sat()), ScriptTemplates.p2pkhOf(aliceKey.publicKey())).build();
    byte[] cheatSig = TransactionSigner.multisigSignature(toAlice, 0, terms.redeemScript(), aliceKey);
    RegistryReply cheat = w.registry().handle(RegistryRequest.Transfer.create(issued.get(offer.entry()).ownership(),
        aliceKey, terms.lock(), funding, aliceMsg.address(), cheatSig, w.now(), w.random()), (e, l, f, p, ev) -> 0);
    report.line("cheat    a claim whose release pays the escrow back to Alice instead of Bob: %s", outcome(cheat));
    report.check("a cheating release is refused",
        cheat instanceof RegistryReply.Refused r && r.error() == RegistryError.BAD_RELEASE);
    await("the transfer and release", () -> alice.state() == ConsumerSession.State.OWNER
        && g.session().state() == ProsumerSession.State.SETTLED, () -> {
          g.session().tick();
          alice.tick();
        });
    w.mine(1);
    IssuedSecrets owned = alice.owned().orElseThrow();
    aliceOwned = owned;
    Payment paid = w.ledger().unspent(ScriptTemplates.p2pkhOf(g.txKey().publicKey()), 1).get(0);
    releasedToBob = paid.output().value();
    report.line("secret   Bob saw the confirmed funding committed to his lock and sent b-lambda to Alice");
    report.line("claim    Alice presented it to the DSO with her signature of the release to Bob");
    report.line("owner    the DSO issued Alice a-lambda, a-z and a certificate for %s: new entry %s", kwh(owned.energy()),
        owned.entryId());
    report.line("release  tx %s (Alice's and the DSO's signatures) pays Bob %s, confirmed at height %d",
        paid.outPoint().txId(), tokens(releasedToBob), w.ledger().height());
    report.check("Bob's entry transferred", w.registry().entry(offer.entry()).orElseThrow().status() == EntryStatus.TRANSFERRED);
    report.check("Alice owns the energy",
        w.registry().entry(owned.entryId()).orElseThrow().owner().equals(terms.escrow().buyer()));
    report.check("Bob received the price minus the fee", releasedToBob == offer.totalPrice().sat() - FEE.sat());
    return null;
  }

  private ConsumerSession disputed;
  private Prosumer.Generation silentBob;

  private Void dispute() throws Exception {
    Offer offer = postOffer(1);
    silentBob = byEntry(offer.entry());
    Identity aliceMsg2 = w.identity();
    narrator.name(aliceMsg2.address(), "Alice#2");
    ConsumerSession alice = w.own(ConsumerSession.open(w.context(aliceNode), aliceMsg2, EcKey.generate(w.random()), offer,
        w.fundingSource(aliceWallet), SessionStore.inMemory()));
    disputed = alice;
    alice.start();
    await("the second payment", () -> alice.state().compareTo(ConsumerSession.State.PAID) >= 0, alice::tick);
    // Bob's session never ticks: it never delivers b-lambda.
    silentBob.session().close();
    w.mine(1);
    alice.tick();
    EscrowTerms terms = alice.terms().orElseThrow();
    OutPoint funding = alice.funding().orElseThrow();
    Payment paid = w.ledger().output(funding).orElseThrow();
    // A rogue DSO (holding the DSO's keys) sends a "decision" nobody asked for, paying itself.
    Transaction toDso = Transaction.builder().addInput(funding).addOutput(Amount.ofSat(paid.output().value() - FEE.sat()),
        ScriptTemplates.p2pkhOf(w.dsoKey().publicKey())).build();
    byte[] sig = TransactionSigner.multisigSignature(toDso, 0, terms.redeemScript(), w.dsoKey());
    long dropped = alice.dropped(DropReason.NOT_FOR_THIS_TRADE);
    w.dsoNode().sendMessage(w.dsoIdentity(), aliceMsg2.publicIdentity(), RegistryMessages.content(
        new RegistryReply.Decision(RequestId.random(w.random()), terms.lock(), funding, 0, ByteString.of(sig))), 600);
    await("the rogue decision reaching Alice", () -> alice.dropped(DropReason.NOT_FOR_THIS_TRADE) > dropped, () -> {});
    report.line("rogue    a 'decision' from the DSO's own keys, unasked, paying the escrow to the DSO: Alice drops it");
    report.check("a self-serving DSO decision is refused", alice.state() == ConsumerSession.State.PAID
        && w.ledger().spender(funding).isEmpty());
    report.line("check    Alice co-signs only a settlement she rebuilt herself, in reply to her own dispute");
    return null;
  }

  private Void decision() throws Exception {
    ConsumerSession alice = disputed;
    report.line("silence  Bob never delivers b-lambda; moving the clock %d s past the timeout", TIMEOUT_SECONDS + 1);
    w.advance(TIMEOUT_SECONDS + 1);
    await("the dispute settlement", () -> alice.state() == ConsumerSession.State.SETTLED, alice::tick);
    w.mine(1);
    EscrowTerms terms = alice.terms().orElseThrow();
    Transaction settlement = w.ledger().transaction(w.ledger().spender(alice.funding().orElseThrow()).orElseThrow())
        .orElseThrow();
    disputeToBob = value(settlement, terms.escrow().seller());
    disputeToAlice = value(settlement, terms.escrow().buyer());
    long net = alice.offer().totalPrice().sat() - FEE.sat();
    report.line("decision the DSO decided %d %% for the buyer; Alice rebuilt and co-signed it: Alice %s, Bob %s",
        DISPUTE_BUYER_SHARE / 100, tokens(disputeToAlice), tokens(disputeToBob));
    report.check("the escrow was split", disputeToAlice == net / 2 && disputeToBob == net - net / 2);
    report.check("the disputed entry is frozen",
        w.registry().entry(alice.offer().entry()).orElseThrow().status() == EntryStatus.FROZEN);
    return null;
  }

  private static long value(Transaction tx, org.priwatt.crypto.EcPublicKey key) {
    return tx.outputs().stream().filter(o -> o.scriptPubKey().equals(ScriptTemplates.p2pkhOf(key)))
        .mapToLong(TxOutput::value).sum();
  }

  private Void eavesdropper() throws Exception {
    w.settle(Duration.ofSeconds(10));
    eve.inspect(w.hub().store(), w.now());
    report.line("relayed  %d objects: %d msg (incl. acks), %d broadcasts, %d other", eve.objects, eve.msgObjects,
        eve.broadcastObjects, eve.objects - eve.msgObjects - eve.broadcastObjects);
    report.line("read     %d offer broadcast(s) of the public board, like any participant", eve.broadcasts.get());
    report.line("opaque   %d private messages opened; sender, recipient and content of every msg stay hidden",
        eve.messages.get());
    List<String> secrets = new ArrayList<>();
    issued.values().forEach(s -> secrets.add(Hex.encode(s.ownership().copyBytes())));
    issued.values().forEach(s -> secrets.add(Hex.encode(s.lock().copyBytes())));
    if (aliceOwned != null) {
      secrets.add(Hex.encode(aliceOwned.ownership().copyBytes()));
      secrets.add(Hex.encode(aliceOwned.lock().copyBytes()));
    }
    int leaks = eve.countContaining(w.hub().store(), w.now(), secrets);
    report.line("secrets  searched her store for all %d secrets issued (b-lambda, b-z, a-lambda, a-z): %d hits",
        secrets.size(), leaks);
    report.check("Eve read no private message", eve.messages.get() == 0);
    report.check("Eve saw only the public offers", eve.broadcasts.get() == 3);
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
