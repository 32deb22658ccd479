package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.LockId;
import org.priwatt.energy.ledger.PaymentCommitment;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.msg.Identity;
import org.priwatt.script.ScriptTemplates;

/**
 * Issue 12 from a stranger's seat: someone who reads the board and the chain and may publish
 * anything, but is no party to the trade.
 */
class StrangerTest extends TradeFixture {
  @Test
  void secretsAreUnguessableFromPublicData() throws Exception {
    Seller bob = inject();
    Offer offer = offerAndMatch(bob);
    ConsumerSession alice = buyer(offer, aliceWallet());
    alice.start();
    awaitTicking("paid", () -> alice.state() == ConsumerSession.State.PAID, bob.session(), alice);
    world.mine(1);
    awaitTicking("sold", () -> alice.state() == ConsumerSession.State.OWNER, bob.session(), alice);
    IssuedSecrets owned = alice.owned().orElseThrow();

    // The old attack: eq. 6 over the public key (in the escrow and the offer), E (in the offer)
    // and every second around the injection. With the DSO's randomness in λ, nothing matches.
    long t0 = offer.certificate().issuedAt();
    byte[] bobLambda = bob.issued().ownership().copyBytes();
    byte[] aliceLambda = owned.ownership().copyBytes();
    var aliceKey = alice.terms().orElseThrow().escrow().buyer();
    for (long t = t0 - 600; t <= t0 + 600; t++) {
      assertThat(eq6(offer.sellerKey().compressedEncoding(), offer.energy().milliwattHours(), t)).isNotEqualTo(bobLambda);
      assertThat(eq6(aliceKey.compressedEncoding(), offer.energy().milliwattHours(), t)).isNotEqualTo(aliceLambda);
    }
    // And guessing does not pass the DSO: a transfer proving a guessed λ is refused.
    ScriptedParty mallory = ScriptedParty.on(world, world.node("mallory"));
    EnergySecret guess = EnergySecret.fromBytes(eq6(offer.sellerKey().compressedEncoding(), offer.energy().milliwattHours(), t0));
    RegistryReply r = world.registry().handle(RegistryRequest.Transfer.create(guess, mallory.key,
        LockId.random(world.random()), alice.funding().orElseThrow(), mallory.msg.address(), new byte[72], world.now(),
        world.random()), (e, l, f, p, ev) -> 0);
    assertThat(r).isInstanceOfSatisfying(RegistryReply.Refused.class,
        x -> assertThat(x.error()).isIn(RegistryError.UNKNOWN_ENTRY, RegistryError.BAD_PROOF));
  }

  private static byte[] eq6(byte[] key33, long mwh, long t) {
    return Hashes.sha256(ByteBuffer.allocate(49).put(key33).putLong(mwh).putLong(t).array());
  }

  @Test
  void offersAreAuthenticAndTheBoardCannotBeCensored() throws Exception {
    Seller bob = inject();
    Offer real = offerAndMatch(bob);
    long refusedBefore = aliceBoard.refused();
    ScriptedParty mallory = ScriptedParty.on(world, world.node("mallory"));

    // A forged copy at 1 sat/kWh: Bob's certificate, Mallory's messaging identity, signed by her key.
    EcKey malloryKey = EcKey.generate();
    Offer unsigned = new Offer(real.certificate(), Amount.ofSat(1), mallory.msg.publicIdentity(), real.postedAt() + 1,
        real.expiry(), ByteString.of(new byte[64]));
    post(resigned(unsigned, malloryKey));
    // A certificate Mallory made herself for Bob's entry, with her key as owner.
    EntryCertificate fake = EntryCertificate.issue(malloryKey, real.entry(), malloryKey.publicKey(), real.energy(),
        real.certificate().issuedAt());
    post(Offer.create(fake, malloryKey, Amount.ofSat(1), mallory.msg.publicIdentity(), real.postedAt() + 1,
        real.expiry()));
    awaitState("forgeries refused", () -> aliceBoard.refused() >= refusedBefore + 2);
    assertThat(aliceBoard.match(FIVE_KWH, PRICE_PER_KWH)).containsExactly(real);

    // A commitment to Bob's entry beside a token P2SH payment (or none) does not remove the offer.
    Wallet wallet = aliceWallet();
    PaymentCommitment commitment = new PaymentCommitment(real.entry(), LockId.random(world.random()));
    Transaction token = world.fundingSource(wallet).fund(List.of(
        TxOutput.of(Amount.ofSat(1_000), ScriptTemplates.p2shOf(org.priwatt.script.Script.fromBytes(new byte[] {0x51}))),
        TxOutput.of(Amount.ZERO, commitment.script())));
    assertThat(world.ledger().broadcast(token)).isEmpty();
    Transaction bare = world.fundingSource(wallet).fund(List.of(
        TxOutput.of(Amount.ofSat(60_000), ScriptTemplates.p2pkhOf(EcKey.generate().publicKey())),
        TxOutput.of(Amount.ZERO, new PaymentCommitment(real.entry(), LockId.random(world.random())).script())));
    assertThat(world.ledger().broadcast(bare)).isEmpty();
    world.mine(2);
    assertThat(aliceBoard.match(FIVE_KWH, PRICE_PER_KWH)).containsExactly(real);
  }

  private Offer resigned(Offer o, EcKey key) {
    // Offer.create refuses a key that is not the certificate's owner, so sign by hand as a forger would.
    byte[] body = o.encode();
    byte[] unsignedBody = java.util.Arrays.copyOf(body, body.length - 64);
    byte[] sig = org.priwatt.energy.internal.Signing.sign(key, "PriWatt offer v2", unsignedBody);
    return new Offer(o.certificate(), o.pricePerKwh(), o.seller(), o.postedAt(), o.expiry(), ByteString.of(sig));
  }

  private void post(Offer o) {
    Identity board = world.boardIdentity();
    AuctionBoard.post(world.node("poster-" + Hex.encode(o.signature().toByteArray()).substring(0, 8)), board, o, 3600)
        .join();
  }
}
