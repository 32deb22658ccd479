package org.priwatt.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.EntryStatus;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.script.ChannelScript;
import org.priwatt.script.EscrowKeys;
import org.priwatt.script.ScriptTemplates;

/**
 * The honest client against a server built on the public API that deviates at each step: she
 * funds only a lock the DSO testified exactly as agreed, a server who withholds a secret gains at
 * most the increment in flight, he can take no more than the latest payment she signed, and he
 * can neither freeze her money (her refund needs nobody) nor take the parts for himself.
 */
class CheatingServerTest extends ChannelFixture {
  /** A scripted seller with a certified entry and his offer on the board. */
  record Seller(ScriptedParty bob, IssuedSecrets issued, Offer offer) {}

  private Seller scriptedSeller() throws Exception {
    ScriptedParty bob = ScriptedParty.on(world, bobNode);
    IssuedSecrets issued = world.registry().inject(new EnergyInjection(bob.key.publicKey(), bob.msg.address(),
        TEN_KWH, world.now()));
    Offer offer = Offer.create(issued.certificate(), bob.key, Amount.ofSat(PRICE_PER_KWH), bob.msg.publicIdentity(),
        world.now(), world.now() + 3600);
    AuctionBoard board = world.auctionBoard(aliceNode);
    AuctionBoard.post(bobNode, world.boardIdentity(), offer, 3600);
    world.await("offer", () -> board.match(TEN_KWH, PRICE_PER_KWH).stream().anyMatch(o -> o.entry()
        .equals(offer.entry())), () -> {}, WAIT);
    return new Seller(bob, issued, offer);
  }

  /** The lock the scripted seller takes at the DSO for {@code o}, with his channel key {@code b}. */
  private List<IssuedSecrets> lock(Seller s, ChannelMessage.Open o, EcKey b, long expiry) throws Exception {
    RegistryReply r = s.bob().ask(RegistryRequest.ChannelLock.create(s.issued().lock(), o.entry(), 0, world.now(),
        o.channel(), ChannelScript.of(b.publicKey(), o.clientKey(), o.refundHeight()), o.capacity(), o.increments(),
        expiry, world.random()));
    return ((RegistryReply.Issued) r).secrets();
  }

  private static List<ChannelMessage.Part> view(List<IssuedSecrets> parts) {
    return parts.stream().map(p -> new ChannelMessage.Part(p.entryId(), p.energy())).toList();
  }

  private long expiryFor(ChannelMessage.Open o) {
    return o.refundHeight() + POLICY.claimMarginBlocks();
  }

  /** An honest client that opened with {@code s}; returns her OPEN as the seller received it. */
  private ChannelMessage.Open opening(Seller s, ChannelClient alice) {
    alice.start();
    return s.bob().await(ChannelMessage.Open.class);
  }

  private ChannelClient alice(Seller s, Wallet wallet) throws Exception {
    return client(s.offer(), wallet, SessionStore.inMemory(), 10);
  }

  private long balance(Wallet w) {
    return w.balance().confirmed().sat() + w.balance().unconfirmed().sat();
  }

  @Test
  void aClientFundsOnlyALockTheDsoTestifiedAsAgreed() throws Exception {
    Wallet wallet = aliceWallet();
    long funds = balance(wallet);
    // 1. Parts the DSO never locked.
    Seller s1 = scriptedSeller();
    ChannelClient a1 = alice(s1, wallet);
    ChannelMessage.Open o1 = opening(s1, a1);
    List<ChannelMessage.Part> fake = java.util.stream.IntStream.range(0, 10).mapToObj(i -> new ChannelMessage.Part(
        EntryId.fromBytes(world.random().generateSeed(32)), EnergyAmount.ofKilowattHours(1))).toList();
    s1.bob().send(a1.publicIdentity(), new ChannelMessage.Accept(o1.channel(), EcKey.generate().publicKey(),
        expiryFor(o1), fake));
    pump("refused", () -> a1.state() == ChannelClient.State.FAILED, null, a1);
    assertThat(a1.failure()).contains(ChannelError.LOCK_NOT_CONFIRMED);
    // 2. Locked at the DSO to one server key, another in the ACCEPT (he would refuse her payments).
    Seller s2 = scriptedSeller();
    ChannelClient a2 = alice(s2, wallet);
    ChannelMessage.Open o2 = opening(s2, a2);
    List<IssuedSecrets> parts2 = lock(s2, o2, EcKey.generate(), expiryFor(o2));
    s2.bob().send(a2.publicIdentity(), new ChannelMessage.Accept(o2.channel(), EcKey.generate().publicKey(),
        expiryFor(o2), view(parts2)));
    pump("refused", () -> a2.state() == ChannelClient.State.FAILED, null, a2);
    assertThat(a2.failure()).contains(ChannelError.LOCK_NOT_CONFIRMED);
    // 3. Parts that are not the entry split into her increments.
    Seller s3 = scriptedSeller();
    ChannelClient a3 = alice(s3, wallet);
    ChannelMessage.Open o3 = opening(s3, a3);
    List<ChannelMessage.Part> uneven = new java.util.ArrayList<>(fake);
    uneven.set(0, new ChannelMessage.Part(fake.get(0).entry(), EnergyAmount.ofWattHours(999)));
    s3.bob().send(a3.publicIdentity(), new ChannelMessage.Accept(o3.channel(), EcKey.generate().publicKey(),
        expiryFor(o3), uneven));
    pump("refused", () -> a3.state() == ChannelClient.State.FAILED, null, a3);
    assertThat(a3.failure()).contains(ChannelError.BAD_ACCEPT);
    // 4. A lock that ends before she could claim her last parts.
    Seller s4 = scriptedSeller();
    ChannelClient a4 = alice(s4, wallet);
    ChannelMessage.Open o4 = opening(s4, a4);
    EcKey b4 = EcKey.generate();
    List<IssuedSecrets> parts4 = lock(s4, o4, b4, o4.refundHeight() + 1);
    s4.bob().send(a4.publicIdentity(), new ChannelMessage.Accept(o4.channel(), b4.publicKey(), o4.refundHeight() + 1,
        view(parts4)));
    pump("refused", () -> a4.state() == ChannelClient.State.FAILED, null, a4);
    assertThat(a4.failure()).contains(ChannelError.BAD_ACCEPT);

    for (ChannelClient a : List.of(a1, a2, a3, a4)) {
      assertThat(a.funding()).isEmpty();
    }
    assertThat(balance(wallet)).as("nothing paid").isEqualTo(funds);
  }

  /** A scripted seller who locked honestly and sent ACCEPT; the honest client funded and opened. */
  private record Opened(Seller seller, ChannelClient alice, EcKey serverKey, List<IssuedSecrets> parts,
      ChannelMessage.Open open) {
    ChannelTerms terms() {
      return alice.terms().orElseThrow();
    }
  }

  private Opened opened() throws Exception {
    Seller s = scriptedSeller();
    ChannelClient alice = alice(s, aliceWallet());
    ChannelMessage.Open o = opening(s, alice);
    EcKey b = EcKey.generate();
    List<IssuedSecrets> parts = lock(s, o, b, expiryFor(o));
    s.bob().send(alice.publicIdentity(), new ChannelMessage.Accept(o.channel(), b.publicKey(), expiryFor(o),
        view(parts)));
    pump("funding", () -> alice.state() == ChannelClient.State.FUNDING, null, alice);
    world.mine(1);
    pump("open", () -> alice.state() == ChannelClient.State.OPEN, null, alice);
    return new Opened(s, alice, b, parts, o);
  }

  private ChannelMessage.Pay awaitPay(Opened c, int n) {
    world.await("payment " + n, () -> c.seller().bob().all(ChannelMessage.Pay.class).stream()
        .anyMatch(p -> p.increment() == n), () -> c.alice().tick(), WAIT);
    return c.seller().bob().all(ChannelMessage.Pay.class).stream().filter(p -> p.increment() == n).findFirst()
        .orElseThrow();
  }

  private void release(Opened c, int n, EnergySecret lambda) throws Exception {
    c.seller().bob().send(c.alice().publicIdentity(), new ChannelMessage.Secret(c.terms().id(), n, lambda));
  }

  /** The seller's close with payment {@code pay}, completed with his key. */
  private Transaction closeWith(Opened c, ChannelMessage.Pay pay) throws ChannelException {
    Transaction p = ChannelTransactions.payment(c.terms(), c.alice().funding().orElseThrow(), pay.increment());
    return ChannelTransactions.completePayment(p, c.terms(), pay.signature(), ChannelTransactions.signature(p,
        c.terms(), c.serverKey()));
  }

  @Test
  void aServerWhoWithholdsASecretGainsAtMostTheIncrementInFlight() throws Exception {
    Opened c = opened();
    assertThat(c.alice().pay()).isTrue();
    awaitPay(c, 1);
    release(c, 1, c.parts().get(0).ownership());
    pump("secret 1 claimed", () -> c.alice().owned().size() == 1, null, c.alice());
    assertThat(c.alice().pay()).isTrue();
    ChannelMessage.Pay p2 = awaitPay(c, 2);
    // A forged secret for part 2: it does not hash to the part, and she pays nothing more.
    release(c, 2, EnergySecret.fromBytes(world.random().generateSeed(32)));
    pump("forgery noticed", () -> c.alice().lastRefusal().isPresent(), null, c.alice());
    assertThat(c.alice().lastRefusal()).contains(ChannelError.BAD_SECRET);
    assertThat(c.alice().pay()).as("no payment while one is unanswered").isFalse();
    assertThat(c.alice().secrets()).hasSize(1);
    // He closes with payment 2: one increment unpaid-for in energy, and no more.
    assertThat(world.ledger().broadcast(closeWith(c, p2))).isEmpty();
    world.mine(1);
    pump("closed", () -> c.alice().state() == ChannelClient.State.CLOSED, null, c.alice());
    ChannelTerms t = c.terms();
    assertThat(paidTo(t.script().server())).isEqualTo(2 * INCREMENT.sat() - FEE.sat());
    assertThat(paidTo(t.script().client())).isEqualTo(t.capacity().sat() - 2 * INCREMENT.sat());
    assertThat(c.alice().owned()).hasSize(1);
  }

  @Test
  void aServerCannotTakeMoreThanTheLatestPaymentTheClientSigned() throws Exception {
    Opened c = opened();
    ChannelMessage.Pay last = null;
    for (int n = 1; n <= 3; n++) {
      assertThat(c.alice().pay()).isTrue();
      last = awaitPay(c, n);
      release(c, n, c.parts().get(n - 1).ownership());
      int k = n;
      pump("secret " + n, () -> c.alice().secrets().size() == k, null, c.alice());
    }
    ChannelTerms t = c.terms();
    ChannelFunding f = c.alice().funding().orElseThrow();
    // Payment 4 with her signature of payment 3 does not verify.
    Transaction p4 = ChannelTransactions.payment(t, f, 4);
    ChannelMessage.Pay p3 = last;
    assertThatThrownBy(() -> ChannelTransactions.completePayment(p4, t, p3.signature(),
        ChannelTransactions.signature(p4, t, c.serverKey()))).isInstanceOf(ChannelException.class);
    // The whole channel to himself, with his signature in both places: the script refuses it.
    Transaction all = Transaction.builder().addInput(f.outPoint()).addOutput(Amount.ofSat(99_000),
        ScriptTemplates.p2pkhOf(c.serverKey().publicKey())).build();
    byte[] his = ChannelTransactions.signature(all, t, c.serverKey());
    Transaction stolen = all.toBuilder().setScriptSig(0, t.script().paymentScriptSig(his, his)).build();
    assertThat(world.ledger().broadcast(stolen)).contains(LedgerRejection.SCRIPT_FAILED);
    // What he can broadcast pays him exactly three increments less the fee.
    assertThat(world.ledger().broadcast(closeWith(c, p3))).isEmpty();
    world.mine(1);
    assertThat(paidTo(t.script().server())).isEqualTo(3 * INCREMENT.sat() - FEE.sat());
    assertThat(paidTo(t.script().client())).isEqualTo(t.capacity().sat() - 3 * INCREMENT.sat());
  }

  @Test
  void aServerCannotFreezeTheClientsMoneyNorTakeThePartsForHimself() throws Exception {
    Opened c = opened();
    ChannelTerms t = c.terms();
    ScriptedParty bob = c.seller().bob();
    // He holds every part's secrets, but only the client's key claims a part ...
    IssuedSecrets part = c.parts().get(0);
    RegistryReply claim = bob.ask(RegistryRequest.ChannelTransfer.create(part.ownership(), bob.key, t.id(),
        bob.msg.address(), world.now(), world.random()));
    assertThat(((RegistryReply.Refused) claim).error()).isEqualTo(RegistryError.BAD_SIGNATURE);
    // ... and he cannot sell a part to someone else while the lock holds.
    RegistryReply sale = bob.ask(RegistryRequest.Lock.create(part.lock(), part.entryId(), 0, world.now(),
        EscrowKeys.of(world.dsoKey().publicKey(), bob.key.publicKey(), EcKey.generate().publicKey()),
        Amount.ofSat(20_000), FEE, world.random()));
    assertThat(((RegistryReply.Refused) sale).error()).isEqualTo(RegistryError.LOCKED);
    assertThat(world.registry().entry(part.entryId()).orElseThrow().status()).isEqualTo(EntryStatus.CHANNEL_LOCKED);
    // He disappears: at the refund height she takes everything back, less the fee, without him.
    mineTo(t.refundHeight());
    pump("refund", () -> c.alice().state() == ChannelClient.State.REFUNDING, null, c.alice());
    world.mine(1);
    pump("refunded", () -> c.alice().state() == ChannelClient.State.REFUNDED, null, c.alice());
    assertThat(paidTo(t.script().client())).isEqualTo(t.capacity().sat() - FEE.sat());
  }
}
