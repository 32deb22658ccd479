package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.priwatt.energy.CodecChecks.longBytes;
import static org.priwatt.energy.CodecChecks.replace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergyFailure;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.Ledgers;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.Samples;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ObjectRules;
import org.priwatt.msg.PowParameters;
import org.priwatt.script.EscrowKeys;

/**
 * Session snapshots are bytes from disk, possibly damaged or planted, and {@link
 * ProsumerSession#resume} / {@link ConsumerSession#resume} decode them like any untrusted input
 * (issue 11, item 7: out-of-range prices, short request ids and wrong-length txids used to escape
 * as {@link IllegalArgumentException}): valid snapshots of every phase resume, and a cut at any
 * offset, any single-byte corruption and every out-of-range or inconsistent field either resumes
 * or is refused with an {@link EnergyException}, never an unchecked exception.
 */
class SnapshotDecodingTest {
  private static final EcKey DSO = Samples.key();
  private static final long PRICE = 50_123L;
  private static final long TERMS_PRICE = 50_124L;
  private static final long SEQUENCE = 7;
  private static final long LOCK_EXPIRY = Samples.T0 + 3_000;
  private static final long DEADLINE = Samples.T0 + 7_200;

  private final Identity dsoMsg = Samples.identity();
  private final Identity sellerMsg = Samples.identity();
  private final EcKey sellerKey = Samples.key();
  private final Identity buyerMsg = Samples.identity();
  private final EcKey buyerKey = Samples.key();
  private final Identity board = Samples.identity();
  private final IssuedSecrets sellerSecrets = secrets(sellerKey);
  private final Offer offer = Offer.create(sellerSecrets.certificate(), sellerKey, Amount.ofSat(10_000),
      sellerMsg.publicIdentity(), Samples.T0, Samples.T0 + 3_600);
  private final EscrowTerms terms = new EscrowTerms(offer.entry(), Samples.lockId(),
      EscrowKeys.of(DSO.publicKey(), sellerKey.publicKey(), buyerKey.publicKey()), Amount.ofSat(TERMS_PRICE),
      Amount.ofSat(1_000));
  private final Transaction fundingTx = Transaction.builder().addInput(Samples.outPoint())
      .addOutput(Amount.ofSat(TERMS_PRICE), terms.scriptPubKey()).addOutput(Amount.ZERO, terms.commitment().script()).build();
  private final OutPoint funding = OutPoint.of(fundingTx.txId(), 0);
  private final RequestId pending = RequestId.random(Samples.RANDOM);

  private MessageNode node;
  private TradeContext ctx;

  @BeforeEach
  void context() {
    // Light proof of work: a resumed session repeats its sends (an offer, a request) at once.
    node = MessageNode.builder("snapshots").rules(ObjectRules.withMinimum(new PowParameters(1, 0))).build();
    ctx = new TradeContext(node, Ledgers.nothingPaid(), dsoMsg.publicIdentity(), DSO.publicKey(), 1,
        Amount.ofSat(1_000), 60, () -> Samples.T0, Samples.RANDOM);
  }

  @AfterEach
  void close() {
    node.close();
  }

  private static IssuedSecrets secrets(EcKey owner) {
    EnergySecret lambda = Samples.secret();
    return new IssuedSecrets(lambda, Samples.secret(), EntryCertificate.issue(DSO, lambda.entryId(),
        owner.publicKey(), EnergyAmount.ofWattHours(5_000), Samples.T0 - 60));
  }

  // ------------------------------------------------------------------ crafting snapshots

  /** The seller's state in {@code phase} with every field that phase needs. */
  SellerState seller(ProsumerSession.State phase) {
    boolean failed = phase == ProsumerSession.State.FAILED;
    int at = failed ? ProsumerSession.State.SECRET_DELIVERED.ordinal() : phase.ordinal();
    boolean ready = at >= ProsumerSession.State.READY.ordinal();
    boolean offered = at >= ProsumerSession.State.OFFERED.ordinal();
    boolean locking = at >= ProsumerSession.State.LOCKING.ordinal();
    boolean escrowSent = at >= ProsumerSession.State.ESCROW_SENT.ordinal();
    boolean delivered = at >= ProsumerSession.State.SECRET_DELIVERED.ordinal();
    return new SellerState(phase, when(ready, sellerSecrets), SEQUENCE, when(offered, offer), when(offered, board),
        when(locking, buyerMsg.publicIdentity()), when(locking, buyerKey.publicKey()), when(locking, Amount.ofSat(PRICE)),
        when(phase == ProsumerSession.State.LOCKING, pending), when(escrowSent, terms), escrowSent ? LOCK_EXPIRY : 0,
        when(delivered, funding), delivered ? DEADLINE : 0, when(escrowSent, RegistryError.LOCK_NOT_EXPIRED),
        when(failed, TradeFailure.DISPUTE_REFUSED));
  }

  /** The buyer's state in {@code phase} with every field that phase needs. */
  BuyerState buyer(ConsumerSession.State phase) {
    boolean failed = phase == ConsumerSession.State.FAILED;
    int at = failed ? ConsumerSession.State.PAID.ordinal() : phase.ordinal();
    boolean validating = at >= ConsumerSession.State.VALIDATING.ordinal();
    boolean paid = at >= ConsumerSession.State.PAID.ordinal();
    boolean claiming = phase == ConsumerSession.State.CLAIMING;
    return new BuyerState(phase, when(phase == ConsumerSession.State.VALIDATING || claiming, pending),
        when(validating, terms), validating ? LOCK_EXPIRY : 0, 2, when(paid, ByteString.of(fundingTx.serialize())),
        when(paid, funding), when(claiming, sellerSecrets.ownership()), paid ? DEADLINE : Long.MAX_VALUE,
        when(phase == ConsumerSession.State.OWNER, secrets(buyerKey)), when(failed, TradeFailure.NO_ANSWER));
  }

  private static <T> Optional<T> when(boolean present, T value) {
    return present ? Optional.of(value) : Optional.empty();
  }

  byte[] sellerSnapshot(SellerState s, List<SessionAction<TradeMessage>> outbox) {
    ByteWriter out = Snapshots.header(Snapshots.SELLER);
    Snapshots.identity(out, sellerMsg);
    Snapshots.key(out, sellerKey);
    s.write(out);
    Snapshots.handled(out, List.of(InventoryHash.fromBytes(Samples.bytes(32))));
    TradeSession.ACTIONS.write(out, outbox);
    return out.toByteArray();
  }

  byte[] buyerSnapshot(BuyerState s, List<SessionAction<TradeMessage>> outbox) {
    ByteWriter out = Snapshots.header(Snapshots.BUYER);
    Snapshots.identity(out, buyerMsg);
    Snapshots.key(out, buyerKey);
    Snapshots.offer(out, offer);
    s.write(out);
    Snapshots.handled(out, List.of());
    TradeSession.ACTIONS.write(out, outbox);
    return out.toByteArray();
  }

  /** Snapshots holding every kind of field and action, in phases whose resume derives no shared identity. */
  List<byte[]> cheapSnapshots() {
    return List.of(
        sellerSnapshot(seller(ProsumerSession.State.AWAITING_SECRETS), List.of()),
        sellerSnapshot(seller(ProsumerSession.State.OFFERED), List.of(new SessionAction.PostOffer<>(offer))),
        buyerSnapshot(buyer(ConsumerSession.State.PAID), List.of(new SessionAction.Broadcast<>(
            ByteString.of(fundingTx.serialize())))),
        buyerSnapshot(buyer(ConsumerSession.State.OWNER), List.of()),
        buyerSnapshot(buyer(ConsumerSession.State.VALIDATING), List.of(testify())),
        buyerSnapshot(buyer(ConsumerSession.State.CLAIMING), List.of()));
  }

  private SessionAction<TradeMessage> testify() {
    return new SessionAction.ToDso<>(RegistryRequest.Testify.create(offer.entry(), offer.sellerKey(), offer.energy(),
        Optional.of(terms.escrow()), Samples.T0, Samples.RANDOM), false);
  }

  /** Every action kind, for snapshots that are only ever decoded in part. */
  private List<SessionAction<TradeMessage>> everyAction() {
    return List.of(new SessionAction.ToPeer<>(new TradeMessage.Paid(offer.entry(), terms.lock(), funding)), testify(),
        new SessionAction.Broadcast<>(ByteString.of(fundingTx.serialize())), new SessionAction.PostOffer<>(offer));
  }

  /**
   * One snapshot per role with every optional field present (a failed session keeps them all)
   * and every action kind: each of its cuts ends inside some field of either role.
   */
  List<byte[]> fullSnapshots() {
    SellerState.Edit seller = seller(ProsumerSession.State.FAILED).edit().pending(pending);
    BuyerState.Edit buyer = buyer(ConsumerSession.State.FAILED).edit().pending(pending);
    buyer.lambda = Optional.of(sellerSecrets.ownership());
    buyer.owned = Optional.of(secrets(buyerKey));
    return List.of(sellerSnapshot(seller.done(), everyAction()), buyerSnapshot(buyer.done(), everyAction()));
  }

  // ------------------------------------------------------------------ resuming

  /** Resumes {@code snapshot} as whichever role its header names; null if it resumed, else the typed failure. */
  EnergyFailure resume(byte[] snapshot) {
    SessionStore store = SessionStore.inMemory();
    try {
      store.save(snapshot);
    } catch (EnergyException e) {
      throw new AssertionError(e);
    }
    boolean seller = snapshot.length > 5 && snapshot[5] == Snapshots.SELLER;
    try {
      if (seller) {
        ProsumerSession.resume(ctx, store).close();
      } else {
        ConsumerSession.resume(ctx, store, outputs -> {
          throw new EnergyException(EnergyError.CHAIN, "this test pays nothing");
        }).close();
      }
      return null;
    } catch (EnergyException e) {
      return e.failure();
    }
  }

  EnergyFailure refusal(byte[] snapshot) {
    EnergyFailure f = resume(snapshot);
    assertThat(f).as("a damaged snapshot resumed").isNotNull();
    return f;
  }

  @Test
  void validSnapshotsOfEveryPhaseResumeInThatPhase() throws Exception {
    for (ProsumerSession.State phase : ProsumerSession.State.values()) {
      SessionStore store = SessionStore.inMemory();
      store.save(sellerSnapshot(seller(phase), List.of()));
      ProsumerSession s = ProsumerSession.resume(ctx, store);
      assertThat(s.state()).isEqualTo(phase);
      s.close();
    }
    for (ConsumerSession.State phase : ConsumerSession.State.values()) {
      SessionStore store = SessionStore.inMemory();
      store.save(buyerSnapshot(buyer(phase), List.of()));
      ConsumerSession s = ConsumerSession.resume(ctx, store, outputs -> {
        throw new EnergyException(EnergyError.CHAIN, "nothing to pay");
      });
      assertThat(s.state()).isEqualTo(phase);
      s.close();
    }
    for (byte[] snapshot : cheapSnapshots()) {
      assertThat(resume(snapshot)).isNull();
    }
  }

  @Test
  void everySnapshotDecodingFailureIsTyped() {
    List<String> bad = new ArrayList<>();
    for (byte[] snapshot : fullSnapshots()) {
      for (int cut = 0; cut < snapshot.length; cut++) {
        byte[] part = Arrays.copyOf(snapshot, cut);
        try {
          EnergyFailure f = resume(part);
          if (f != EnergyError.TRUNCATED && f != EnergyError.MALFORMED) {
            bad.add("cut at " + cut + " of " + snapshot.length + ": " + f);
          }
        } catch (RuntimeException e) {
          bad.add("cut at " + cut + " of " + snapshot.length + ": unchecked " + e);
        }
      }
    }
    // One corruption per byte, the low and the high bit in turn: resuming costs signature checks.
    // Snapshots whose resume sends nothing: the outbox of a damaged one must not flood the node.
    List<byte[]> corrupted = List.of(sellerSnapshot(seller(ProsumerSession.State.OFFERED), List.of()),
        buyerSnapshot(buyer(ConsumerSession.State.PAID), List.of(new SessionAction.Broadcast<>(
            ByteString.of(fundingTx.serialize())))),
        buyerSnapshot(buyer(ConsumerSession.State.OWNER), List.of()));
    for (byte[] snapshot : corrupted) {
      for (int at = 0; at < snapshot.length; at++) {
        int mask = at % 2 == 0 ? 0x01 : 0x80;
        byte[] corrupt = snapshot.clone();
        corrupt[at] ^= (byte) mask;
        try {
          EnergyFailure f = resume(corrupt);
          if (f != null && !(f instanceof EnergyError)) {
            bad.add("^" + mask + " at " + at + ": " + f);
          }
        } catch (RuntimeException e) {
          bad.add("^" + mask + " at " + at + " of " + snapshot.length + ": unchecked " + e);
        }
      }
    }
    if (!bad.isEmpty()) {
      fail(bad.size() + " damaged snapshots escaped the typed error, e.g. " + bad.subList(0, Math.min(5, bad.size())));
    }
  }

  @Test
  void outOfRangeAndUnknownValuesAreRefusedByName() {
    byte[] delivered = sellerSnapshot(seller(ProsumerSession.State.SECRET_DELIVERED), List.of());
    for (long price : new long[] {EnergyLimits.MAX_MONEY_SAT + 1, Long.MAX_VALUE, -1}) {
      assertThat(refusal(replace(delivered, longBytes(PRICE), longBytes(price)))).as("price %d", price)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }
    assertThat(refusal(replace(delivered, longBytes(SEQUENCE), longBytes(-1)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(refusal(replace(delivered, longBytes(LOCK_EXPIRY), longBytes(-1)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(refusal(replace(delivered, longBytes(DEADLINE), longBytes(Long.MIN_VALUE))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    byte[] ready = sellerSnapshot(seller(ProsumerSession.State.READY), List.of());
    for (long mwh : new long[] {EnergyLimits.MAX_ENTRY_MWH + 1, Long.MAX_VALUE, 0}) {
      assertThat(refusal(replace(ready, longBytes(5_000_000), longBytes(mwh)))).as("certified energy %d", mwh)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }
    byte[] paid = buyerSnapshot(buyer(ConsumerSession.State.PAID), List.of());
    assertThat(refusal(replace(paid, longBytes(TERMS_PRICE), longBytes(EnergyLimits.MAX_MONEY_SAT + 1))))
        .as("the escrow price").isEqualTo(EnergyError.OUT_OF_RANGE);

    // The header: magic, version, role.
    byte[] magic = delivered.clone();
    magic[0] = 'X';
    assertThat(refusal(magic)).isEqualTo(EnergyError.UNSUPPORTED_VERSION);
    byte[] v1 = delivered.clone();
    v1[4] = 1;
    assertThat(refusal(v1)).isEqualTo(EnergyError.UNSUPPORTED_VERSION);
    SessionStore store = SessionStore.inMemory();
    assertThat(org.priwatt.energy.CodecChecks.failureOf(() -> {
      store.save(delivered);
      ConsumerSession.resume(ctx, store, outputs -> {
        throw new EnergyException(EnergyError.CHAIN, "unused");
      });
    })).as("a seller snapshot resumed as a buyer").isEqualTo(EnergyError.MALFORMED);
    assertThat(org.priwatt.energy.CodecChecks.failureOf(() -> ProsumerSession.resume(ctx, SessionStore.inMemory())))
        .isEqualTo(EnergyError.SNAPSHOT_UNREADABLE);
    assertThat(refusal(Arrays.copyOf(delivered, delivered.length + 1))).isEqualTo(EnergyError.MALFORMED);
  }

  @Test
  void fieldsAPhaseNeedsAndFieldsThatDoNotVerifyAreRefused() {
    SellerState full = seller(ProsumerSession.State.SECRET_DELIVERED);
    SellerState.Edit noFunding = full.edit();
    noFunding.funding = Optional.empty();
    assertThat(refusal(sellerSnapshot(noFunding.done(), List.of()))).isEqualTo(EnergyError.MALFORMED);
    SellerState.Edit noSecrets = full.edit();
    noSecrets.secrets = Optional.empty();
    assertThat(refusal(sellerSnapshot(noSecrets.done(), List.of()))).isEqualTo(EnergyError.MALFORMED);
    SellerState.Edit failedWithoutWhy = full.edit().phase(ProsumerSession.State.FAILED);
    assertThat(refusal(sellerSnapshot(failedWithoutWhy.done(), List.of()))).isEqualTo(EnergyError.MALFORMED);
    // Secrets whose certificate the DSO did not sign, and an offer another key signed.
    SellerState.Edit forged = full.edit();
    EnergySecret lambda = Samples.secret();
    forged.secrets = Optional.of(new IssuedSecrets(lambda, Samples.secret(), EntryCertificate.issue(sellerKey,
        lambda.entryId(), sellerKey.publicKey(), EnergyAmount.ofWattHours(5_000), Samples.T0)));
    assertThat(refusal(sellerSnapshot(forged.done(), List.of()))).isEqualTo(EnergyError.MALFORMED);
    SellerState.Edit copied = full.edit();
    copied.offer = Optional.of(new Offer(offer.certificate(), Amount.ofSat(1), offer.seller(), offer.postedAt(),
        offer.expiry(), offer.signature()));
    assertThat(refusal(sellerSnapshot(copied.done(), List.of()))).isEqualTo(EnergyError.MALFORMED);

    BuyerState.Edit noLambda = buyer(ConsumerSession.State.CLAIMING).edit();
    noLambda.lambda = Optional.empty();
    assertThat(refusal(buyerSnapshot(noLambda.done(), List.of()))).isEqualTo(EnergyError.MALFORMED);
    BuyerState.Edit noConfirmations = buyer(ConsumerSession.State.PAID).edit();
    noConfirmations.confirmations = 0;
    assertThat(refusal(buyerSnapshot(noConfirmations.done(), List.of()))).isEqualTo(EnergyError.MALFORMED);

    // Unknown phase, refusal code, failure and action kind; a private key of zero; too many entries.
    byte[] delivered = sellerSnapshot(full, List.of());
    int phaseAt = 4 + 1 + 1 + 88 + 32;
    byte[] phase = delivered.clone();
    phase[phaseAt] = (byte) ProsumerSession.State.values().length;
    assertThat(refusal(phase)).isEqualTo(EnergyError.UNKNOWN_KIND);
    // From the end: outbox count, one handled hash and its count, failure, refusal code.
    int tail = delivered.length - 1 - 32 - 1 - 1 - 1;
    byte[] refusalCode = delivered.clone();
    refusalCode[tail] = (byte) 99;
    assertThat(refusal(refusalCode)).isEqualTo(EnergyError.UNKNOWN_KIND);
    byte[] failure = delivered.clone();
    failure[tail + 1] = (byte) (TradeFailure.values().length + 1);
    assertThat(refusal(failure)).isEqualTo(EnergyError.UNKNOWN_KIND);
    byte[] handled = delivered.clone();
    handled[tail + 2] = (byte) (Snapshots.MAX_HANDLED + 1);
    assertThat(refusal(handled)).isEqualTo(EnergyError.MALFORMED);
    byte[] outbox = delivered.clone();
    outbox[delivered.length - 1] = (byte) (SessionAction.MAX_ACTIONS + 1);
    assertThat(refusal(outbox)).isEqualTo(EnergyError.MALFORMED);
    byte[] action = sellerSnapshot(full, List.of(new SessionAction.Broadcast<>(ByteString.of(new byte[] {1}))));
    action[action.length - 1 - 2 - 1] = 5;
    assertThat(refusal(action)).isEqualTo(EnergyError.UNKNOWN_KIND);
    byte[] zeroKey = delivered.clone();
    Arrays.fill(zeroKey, 6 + 88, 6 + 88 + 32, (byte) 0);
    assertThat(refusal(zeroKey)).isEqualTo(EnergyError.MALFORMED);
  }

  /**
   * A snapshot whose fields all decode but whose outbox holds an action its state cannot perform
   * (a planted or damaged file) must be refused like any other bad snapshot. Today resume throws:
   * {@code IllegalStateException} from {@code TradeSession.perform} (a message to a counterpart
   * not yet known; {@code board()} of a buyer, or of a seller that posted nothing),
   * {@code NullPointerException} (a request from a shared identity not derived) and {@code
   * IllegalArgumentException} from {@code SharedIdentity.derive} (a seller snapshot naming its
   * own identity as the buyer). The fix belongs in the sessions' resume (trade/*Session*.java,
   * the lead's files): check the outbox and the buyer against the state before rejoining.
   */
  @Test
  void anOutboxTheStateCannotPerformIsRefusedWithATypedError() {
    SellerState ready = seller(ProsumerSession.State.READY);
    RegistryRequest.Unlock unlock = RegistryRequest.Unlock.create(sellerSecrets.lock(), offer.entry(), SEQUENCE,
        Samples.T0, Samples.RANDOM);
    SellerState.Edit self = seller(ProsumerSession.State.LOCKING).edit();
    self.buyer = Optional.of(sellerMsg.publicIdentity());
    List<byte[]> planted = List.of(
        sellerSnapshot(ready, List.of(new SessionAction.ToPeer<>(new TradeMessage.Secret(offer.entry(),
            sellerSecrets.ownership())))),
        sellerSnapshot(ready, List.of(new SessionAction.ToDso<>(unlock, true))),
        sellerSnapshot(ready, List.of(new SessionAction.PostOffer<>(offer))),
        sellerSnapshot(self.done(), List.of()),
        buyerSnapshot(buyer(ConsumerSession.State.NEW), List.of(new SessionAction.PostOffer<>(offer))),
        buyerSnapshot(buyer(ConsumerSession.State.NEW), List.of(new SessionAction.ToDso<>(unlock, true))));
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < planted.size(); i++) {
      try {
        resume(planted.get(i));
      } catch (RuntimeException e) {
        bad.add("snapshot " + i + ": " + e);
      }
    }
    assertThat(bad).isEmpty();
  }
}
