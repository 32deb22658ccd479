package org.priwatt.examples.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.channels.ChannelClient;
import org.priwatt.channels.ChannelError;
import org.priwatt.channels.ChannelFunding;
import org.priwatt.channels.ChannelMessage;
import org.priwatt.channels.ChannelPolicy;
import org.priwatt.channels.ChannelServer;
import org.priwatt.channels.ChannelTerms;
import org.priwatt.channels.ChannelTransactions;
import org.priwatt.channels.ChannelView;
import org.priwatt.channels.Payments;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.EntryStatus;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryEvent;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.examples.demo.DemoReport.DemoFailure;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PowParameters;
import org.priwatt.script.ScriptTemplates;

/**
 * The PriWatt paper's Case 2 (§3.2, Algorithm 2) end to end in one process, narrated: Bob offers
 * 10 kWh he stored, Alice opens a payment channel to pay for it one kWh at a time; the DSO splits
 * the entry into ten parts (eq. 10) locked to her channel key; she funds the channel output (her
 * refund locked until a block height by OP_CHECKLOCKTIMEVERIFY, no pre-signed refund); each
 * increment is one signed payment for one part's ownership secret, which she claims at the DSO;
 * her attempts to lower Bob's amount or repeat an old payment are refused; the channel closes
 * cooperatively with the tenth payment. Then a second channel where Bob disappears, and Alice's
 * refund, refused one block before the refund height and accepted at it. Every claim is checked;
 * {@link Result#passed()} says whether all held.
 */
public final class CaseTwoDemo {
  /** Number of steps in the progress display. */
  public static final int STEPS = 7;
  /** Bob's price per kWh in tokens: 10 increments of 1 kWh make a capacity of 100,000 tokens. */
  public static final long PRICE_PER_KWH = 10_000;
  /** Energy Bob stored and sells per kWh. */
  public static final EnergyAmount STORED = EnergyAmount.ofKilowattHours(10);
  static final Amount FEE = Amount.ofSat(1_000);
  /**
   * The demo's block counts: the refund 24 blocks away (the SDK's default is 24 hours of blocks,
   * {@link ChannelPolicy#forChain}), a safety margin and claim margin of 3.
   */
  static final ChannelPolicy POLICY = new ChannelPolicy(24, 3, 2, 3, 3, 48);
  private static final PowParameters DEMO_POW = new PowParameters(10, 100);
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** One verified claim of the demo. */
  public record Check(String what, boolean passed) {}

  /**
   * What the demo showed.
   *
   * @param checks every claim and whether it held
   * @param paidToBob what the cooperative close paid Bob
   * @param refundedToAlice what the second channel's refund returned to Alice
   */
  public record Result(List<Check> checks, long paidToBob, long refundedToAlice) {
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
  private RegtestWorld w;
  private MessageNode bobNode;
  private MessageNode aliceNode;
  private Wallet wallet;
  private long paidToBob;
  private long refundedToAlice;

  private CaseTwoDemo(PrintWriter out) {
    this.out = Objects.requireNonNull(out, "out");
    this.report = new DemoReport(out, STEPS, narrator);
  }

  /** Runs the whole scenario, printing to {@code out}; never throws for a failed step. */
  public static Result run(PrintWriter out) {
    return new CaseTwoDemo(out).runAll();
  }

  /** A channel being played: Bob's server, Alice's client, her messaging identity and channel key. */
  private record Channel(ChannelServer bob, ChannelClient alice, Identity aliceMsg, EcKey aliceKey, Offer offer) {}

  private Result runAll() {
    out.println("PriWatt demo: Case 2, paying per kWh over a payment channel (paper, Algorithm 2), on a REGTEST chain");
    out.println();
    try {
      report.step("Start a REGTEST chain, the messaging network and the DSO", this::start);
      Channel c = report.step("Bob offers 10 stored kWh; Alice opens a channel, the DSO splits and locks the entry",
          this::open);
      report.step("Alice funds the channel; her refund unlocks at a block height (CLTV)", () -> fund(c));
      report.step("Nine increments: a signed payment for each part's secret, claimed at the DSO",
          () -> increments(c, 1, 9));
      report.step("Alice tries to lower Bob's amount and to repeat a payment: refused; the tenth increment",
          () -> cheats(c));
      report.step("Cooperative close: Bob broadcasts the tenth payment", () -> close(c));
      report.step("Bob disappears from a second channel: Alice's refund at the refund height", this::refund);
    } catch (DemoFailure e) {
      out.println("demo stopped: " + e.getMessage());
    } finally {
      if (w != null) {
        try {
          w.close();
        } catch (Exception e) {
          out.println("cleanup: " + e.getMessage());
        }
      }
    }
    report.summary();
    return new Result(report.checks().stream().map(x -> new Check(x.what(), x.passed())).toList(), paidToBob,
        refundedToAlice);
  }

  private void await(String what, BooleanSupplier done, Channel c) {
    w.await(what, done, () -> {
      c.bob().tick();
      c.alice().tick();
    }, WAIT);
  }

  private Void start() throws Exception {
    w = RegtestWorld.builder().pow(DEMO_POW).fee(FEE).build();
    bobNode = w.node("bob");
    aliceNode = w.node("alice");
    narrator.name(w.dso().publicIdentity().address(), "DSO");
    for (MessageNode node : List.of(w.dsoNode(), bobNode, aliceNode)) {
      node.addListener(narrator);
    }
    wallet = w.wallet();
    w.fund(wallet, Amount.ofSat(500_000));
    report.line("chain    REGTEST at height %d; Alice's wallet holds %s", w.ledger().height(),
        tokens(wallet.balance().confirmed().sat()));
    report.line("policy   refund %d blocks after opening, safety margin %d (Bob closes by then), claim margin %d",
        POLICY.refundDelayBlocks(), POLICY.safetyMarginBlocks(), POLICY.claimMarginBlocks());
    report.check("chain started and Alice funded", wallet.balance().confirmed().sat() == 500_000);
    return null;
  }

  private Channel openChannel(String bobName, String aliceName) throws Exception {
    EcKey ownerKey = EcKey.generate(w.random());
    Identity bobMsg = w.identity();
    narrator.name(bobMsg.address(), bobName);
    IssuedSecrets stored = w.registry().inject(new EnergyInjection(ownerKey.publicKey(), bobMsg.address(), STORED,
        w.now()));
    // Bob's channel key, which the close pays: the demo draws it here; a node gives a fresh key of its wallet.
    ChannelServer bob = w.own(ChannelServer.open(w.context(bobNode), POLICY, bobMsg, ownerKey, stored, 0,
        () -> EcKey.generate(w.random()), SessionStore.inMemory()));
    AuctionBoard board = w.auctionBoard(aliceNode);
    Offer posted = bob.offer(w.boardIdentity(), PRICE_PER_KWH, 3600);
    w.await("the offer", () -> board.match(STORED, PRICE_PER_KWH).stream().anyMatch(o -> o.equals(posted)), () -> {},
        WAIT);
    Identity aliceMsg = w.identity();
    narrator.name(aliceMsg.address(), aliceName);
    EcKey aliceKey = EcKey.generate(w.random());
    ChannelClient alice = w.own(ChannelClient.open(w.context(aliceNode), POLICY, aliceMsg, aliceKey, posted,
        ChannelTerms.defaultIncrements(posted.energy()), w.fundingSource(wallet), SessionStore.inMemory()));
    Channel c = new Channel(bob, alice, aliceMsg, aliceKey, posted);
    alice.start();
    await("the funding", () -> alice.state().compareTo(ChannelClient.State.FUNDING) >= 0, c);
    return c;
  }

  private Channel open() throws Exception {
    Channel c = openChannel("Bob", "Alice");
    ChannelTerms t = c.alice().terms().orElseThrow();
    report.line("offer    entry %s: %s at %s/kWh, certified by the DSO, signed by Bob", c.offer().entry(),
        kwh(c.offer().energy()), tokens(PRICE_PER_KWH));
    report.line("open     channel %s: %d increments of %s, capacity %s, fee %s, refund height %d", t.id(),
        t.increments(), tokens(t.incrementPrice().sat()), tokens(t.capacity().sat()), tokens(t.fee().sat()),
        t.refundHeight());
    List<IssuedSecrets> parts = c.bob().parts();
    report.line("split    the DSO split the entry (eq. 10, b-lambda+1 = SHA256(b-lambda || time || r)) into %d parts"
        + " of %s, each locked to Alice's channel key", parts.size(), kwh(parts.get(0).energy()));
    report.line("testify  the DSO confirmed to Alice: her key, Bob's key, the refund height, the capacity, every part");
    report.check("the entry is split into 10 parts locked to Alice's key", parts.size() == 10 && parts.stream()
        .allMatch(p -> w.registry().entry(p.entryId()).orElseThrow().status() == EntryStatus.CHANNEL_LOCKED)
        && w.registry().entry(c.offer().entry()).orElseThrow().status() == EntryStatus.SPLIT);
    report.check("the increment price is the offer's per kWh", t.incrementPrice().sat() == PRICE_PER_KWH);
    return c;
  }

  private Void fund(Channel c) throws Exception {
    ChannelTerms t = c.alice().terms().orElseThrow();
    ChannelFunding f = c.alice().funding().orElseThrow();
    report.line("script   OP_IF <Bob> OP_CHECKSIGVERIFY OP_ELSE %d OP_CHECKLOCKTIMEVERIFY OP_DROP OP_ENDIF <Alice>"
        + " OP_CHECKSIG", t.refundHeight());
    report.line("funding  tx %s pays %s to P2SH %s", f.outPoint().txId(), tokens(f.value().sat()),
        Hex.encode(t.scriptPubKey().program()));
    w.mine(1);
    await("the channel open", () -> c.alice().state() == ChannelClient.State.OPEN
        && c.bob().state() == ChannelServer.State.OPEN, c);
    ChannelView v = c.alice().view();
    report.line("refund   unlocks at height %d, %d blocks from the tip %d: Alice alone can take her money back then",
        v.refundHeight(), v.blocksUntilRefund(), w.ledger().height());
    report.check("funding confirmed before the first increment", w.ledger().confirmations(f.outPoint().txId()) >= 1);
    Transaction refund = c.alice().refundTransaction();
    report.line("refund   signed by Alice alone now, valid from height %d (nLockTime), verified against the script",
        refund.lockTime());
    report.check("Alice's refund needs no signature of Bob", refund.lockTime() == t.refundHeight());
    return null;
  }

  private Void increments(Channel c, int from, int to) {
    List<IssuedSecrets> parts = c.bob().parts();
    boolean allMatch = true;
    for (int n = from; n <= to; n++) {
      int k = n;
      if (!c.alice().pay()) {
        throw new IllegalStateException("payment " + n + " could not be sent");
      }
      await("secret " + n, () -> c.alice().secrets().size() == k, c);
      ChannelView v = c.alice().view();
      boolean match = c.alice().secrets().get(n - 1).entryId().equals(parts.get(n - 1).entryId());
      allMatch &= match;
      report.line("inc %2d   Alice signs payment %d (Bob %s, Alice %s); Bob releases b-lambda+%d of part %s",
          n, n, tokens(v.serverIfClosedNow().sat()), tokens(v.clientIfClosedNow().sat()), n,
          parts.get(n - 1).entryId().toString().substring(0, 12));
    }
    await("the parts claimed", () -> c.alice().owned().size() == to, c);
    report.line("claims   Alice claimed each part at the DSO with its secret and her key: %d entries of 1 kWh are hers",
        to);
    report.check("Alice holds " + to + " secrets, each the part's", c.alice().secrets().size() == to && allMatch);
    report.check("Alice owns " + to + " parts", c.alice().owned().size() == to);
    report.check("no chain transaction per increment", w.ledger().spender(c.alice().funding().orElseThrow().outPoint())
        .isEmpty());
    return null;
  }

  private Void cheats(Channel c) throws Exception {
    ChannelTerms t = c.alice().terms().orElseThrow();
    ChannelFunding f = c.alice().funding().orElseThrow();
    // Alice's own keys, used outside her session: what a cheating client could send.
    EcKey channelKey = c.aliceKey();
    Transaction lower = ChannelTransactions.payment(t, f, 3);
    ChannelMessage.Pay lowered = new ChannelMessage.Pay(t.id(), 10, f.outPoint(), t.serverAmount(3),
        ChannelTransactions.signature(lower, t, channelKey));
    aliceNode.sendMessage(c.aliceMsg(), c.bob().publicIdentity(), lowered.toContent(), 600);
    await("the lowered payment refused", () -> c.bob().refused(ChannelError.AMOUNT_DECREASED) == 1, c);
    report.line("lower    a payment giving Bob the amount of payment 3: refused, %s", ChannelError.AMOUNT_DECREASED);
    aliceNode.sendMessage(c.aliceMsg(), c.bob().publicIdentity(), Payments.sign(t, f, 4, channelKey).toContent(), 600);
    await("the old payment refused", () -> c.bob().refused(ChannelError.PAYMENT_REPEATED) == 1, c);
    report.line("repeat   payment 4 again: refused, %s; Bob keeps payment 9", ChannelError.PAYMENT_REPEATED);
    report.check("a payment lowering Bob's amount is refused", c.bob().refused(ChannelError.AMOUNT_DECREASED) == 1);
    report.check("an old payment is refused", c.bob().refused(ChannelError.PAYMENT_REPEATED) == 1
        && c.bob().increments() == 9);
    return increments(c, 10, 10);
  }

  private Void close(Channel c) throws Exception {
    ChannelTerms t = c.alice().terms().orElseThrow();
    c.alice().closeChannel();
    await("the close broadcast", () -> c.bob().state() == ChannelServer.State.CLOSING, c);
    w.mine(1);
    await("the close confirmed", () -> c.alice().state() == ChannelClient.State.CLOSED
        && c.bob().state() == ChannelServer.State.CLOSED, c);
    paidToBob = paidTo(t.script().server());
    long toAlice = paidTo(t.script().client());
    report.line("close    tx %s (Alice's and Bob's signatures) confirmed at height %d", c.alice().spentBy().orElseThrow(),
        w.ledger().height());
    report.line("paid     Bob %s (10 x %s less the fee %s), Alice %s (she bought every increment)", tokens(paidToBob),
        tokens(t.incrementPrice().sat()), tokens(t.fee().sat()), tokens(toAlice));
    long transfers = w.registry().events().stream().filter(RegistryEvent.ChannelTransferred.class::isInstance).count();
    report.line("registry 1 channel split and %d claims recorded", transfers);
    report.check("Bob received n x P minus the fee", paidToBob == 10 * PRICE_PER_KWH - FEE.sat());
    report.check("the registry shows the split and the 10 transfers", transfers == 10 && c.bob().parts().stream()
        .allMatch(p -> w.registry().entry(p.entryId()).orElseThrow().status() == EntryStatus.TRANSFERRED));
    return null;
  }

  private Void refund() throws Exception {
    Channel c = openChannel("Bob#2", "Alice#2");
    w.mine(1);
    await("the second channel open", () -> c.alice().state() == ChannelClient.State.OPEN, c);
    ChannelTerms t = c.alice().terms().orElseThrow();
    c.alice().pay();
    await("one increment", () -> c.alice().secrets().size() == 1, c);
    c.bob().close();
    report.line("silence  Bob's server stops after one increment; the chain moves on");
    long d = t.refundHeight();
    while (w.ledger().height() < d - 1) {
      w.mine(1);
    }
    Transaction refund = c.alice().refundTransaction();
    LedgerRejection early = w.ledger().broadcast(refund).orElse(null);
    report.line("early    tip %d = D - 1: the refund (nLockTime %d) is %s", w.ledger().height(), refund.lockTime(),
        early == null ? "accepted" : "refused, " + early + " (non-final)");
    report.check("the refund is refused one block before the refund height", early == LedgerRejection.POLICY);
    w.mine(1);
    w.await("the refund", () -> c.alice().state() == ChannelClient.State.REFUNDING, c.alice()::tick, WAIT);
    report.line("refund   tip %d = D: Alice's refund enters the mempool, signed by her alone", w.ledger().height());
    w.mine(1);
    w.await("the refund confirmed", () -> c.alice().state() == ChannelClient.State.REFUNDED, c.alice()::tick, WAIT);
    refundedToAlice = paidTo(t.script().client());
    report.line("refunded %s to Alice (the capacity less the fee); Bob never closed, so the one increment she paid for is his loss",
        tokens(refundedToAlice));
    report.check("the refund is accepted at the refund height", refundedToAlice == t.capacity().sat() - FEE.sat());
    return null;
  }

  private long paidTo(org.priwatt.crypto.EcPublicKey key) {
    return w.ledger().unspent(ScriptTemplates.p2pkhOf(key), 1).stream().mapToLong(p -> p.output().value()).sum();
  }

  private static String kwh(EnergyAmount e) {
    return String.format(Locale.ROOT, "%.3f kWh", e.milliwattHours() / 1_000_000.0);
  }

  private static String tokens(long sat) {
    return String.format(Locale.ROOT, "%,d tokens", sat);
  }
}
