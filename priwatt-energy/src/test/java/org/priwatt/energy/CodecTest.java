package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.internal.EventCodec;
import org.priwatt.msg.Identity;
import org.priwatt.msg.PowParameters;
import org.priwatt.script.Script;

/** Round trips and truncation at every offset for requests, replies, offers and events. */
class CodecTest {
  static final SecureRandom RANDOM = new SecureRandom();
  final EcKey dso = EcKey.generate();
  final EcKey bob = EcKey.generate();
  final EcKey alice = EcKey.generate();
  final Identity bobMsg = Identity.newIdentity().withPow(new PowParameters(1, 0));
  final EnergySecret z = EnergySecret.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
      21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
  final Script redeem = EscrowScripts.redeemScript(dso.publicKey(), bob.publicKey(), alice.publicKey());
  final EntryId entry = z.entryId();

  List<RegistryRequest> requests() {
    long t = 1_700_000_000L;
    return List.of(
        RegistryRequest.testify(entry, bob.publicKey(), EnergyAmount.ofWattHours(7), redeem, t, RANDOM),
        RegistryRequest.lock(z, entry, 3, t, new EscrowLock(redeem, Amount.ofSat(10)), RANDOM),
        RegistryRequest.unlock(z, entry, 4, t, RANDOM),
        RegistryRequest.renew(z, entry, 5, t, RANDOM),
        RegistryRequest.split(z, entry, 6, t, 4, RANDOM),
        RegistryRequest.transfer(z, alice, bobMsg.address(), t, RANDOM),
        RegistryRequest.dispute(alice, entry, redeem, "no secret after 1 h", t, RANDOM));
  }

  @Test
  void requestsRoundTripAndKeepTheirProofs() throws Exception {
    for (RegistryRequest r : requests()) {
      RegistryRequest back = RegistryRequest.decode(r.encode());
      assertThat(back).isEqualTo(r);
      assertThat(back.kind()).isEqualTo(r.kind());
      if (r.kind() == RegistryRequest.Kind.LOCK) {
        assertThat(back.verifyMac(z)).isTrue();
        assertThat(back.verifyMac(EnergySecret.of(new byte[32]))).isFalse();
      }
      if (r.kind() == RegistryRequest.Kind.TRANSFER || r.kind() == RegistryRequest.Kind.DISPUTE) {
        assertThat(back.verifySignature()).isTrue();
      }
      truncations(r.encode(), RegistryRequest::decode);
    }
  }

  @Test
  void tamperedRequestsFailAuthentication() throws Exception {
    RegistryRequest lock = requests().get(1);
    byte[] enc = lock.encode();
    for (int i = 0; i < enc.length; i++) {
      byte[] bad = enc.clone();
      bad[i] ^= 1;
      try {
        RegistryRequest r = RegistryRequest.decode(bad);
        assertThat(r.verifyMac(z)).as("flip at %d", i).isFalse();
      } catch (RegistryException expected) {
        assertThat(expected.error()).isIn(RegistryError.MALFORMED, RegistryError.TRUNCATED, RegistryError.UNKNOWN_KIND);
      }
    }
  }

  @Test
  void repliesOffersAndEventsRoundTrip() throws Exception {
    RequestId id = RequestId.random(RANDOM);
    RegistryReply reply = RegistryReply.ok(id, List.of(new IssuedSecrets(z, z, EnergyAmount.ofWattHours(3))));
    assertThat(RegistryReply.decode(reply.encode())).isEqualTo(reply);
    assertThat(reply.toString()).doesNotContain("0102030405");
    truncations(reply.encode(), RegistryReply::decode);
    RegistryReply refused = RegistryReply.refused(id, RegistryError.LOCKED, "locked");
    assertThat(RegistryReply.decode(refused.encode()).error()).contains(RegistryError.LOCKED);

    Offer offer = new Offer(entry, EnergyAmount.ofWattHours(5_000), Amount.ofSat(10_000), bob.publicKey().hash160(),
        bobMsg.publicIdentity(), 1_800_000_000L);
    assertThat(Offer.decode(offer.encode())).isEqualTo(offer);
    assertThat(offer.isSellerKey(bob.publicKey())).isTrue();
    assertThat(offer.totalPrice()).isEqualTo(Amount.ofSat(50_000));
    truncations(offer.encode(), Offer::decode);

    EnergyInjection inj = new EnergyInjection(bob.publicKey(), bobMsg.address(), EnergyAmount.ofMilliwattHours(1), 5);
    RequestId rid = RequestId.random(RANDOM);
    List<RegistryEvent> events = List.of(new RegistryEvent.Injected(1, inj, z),
        new RegistryEvent.Locked(2, rid, entry, new EscrowLock(redeem, Amount.ofSat(9))),
        new RegistryEvent.Unlocked(3, rid, entry), new RegistryEvent.Renewed(4, rid, entry, z),
        new RegistryEvent.Transferred(5, rid, entry, inj, z),
        new RegistryEvent.Split(6, rid, entry, List.of(z, z), List.of(z, z), List.of(EnergyAmount.ofMilliwattHours(1), EnergyAmount.ofMilliwattHours(2))),
        new RegistryEvent.DisputeResolved(7, rid, entry, 2_500));
    for (RegistryEvent e : events) {
      byte[] enc = EventCodec.encode(e);
      assertThat(EventCodec.encode(EventCodec.decode(enc))).isEqualTo(enc);
      assertThat(e.toString()).doesNotContain("0102030405");
      truncations(enc, EventCodec::decode);
    }
  }

  @Test
  void secretDerivationsMatchTheirDocumentedEncodings() {
    EnergySecret l = SecretDerivation.ownership(bob.publicKey(), EnergyAmount.ofMilliwattHours(0x0102), 0x0304);
    byte[] input = new byte[49];
    System.arraycopy(bob.publicKey().compressedEncoding(), 0, input, 0, 33);
    input[33 + 6] = 1;
    input[33 + 7] = 2;
    input[33 + 14] = 3;
    input[33 + 15] = 4;
    assertThat(l.copyBytes()).isEqualTo(org.priwatt.crypto.Hashes.sha256(input));
    byte[] r = new byte[32];
    Arrays.fill(r, (byte) 7);
    assertThat(SecretDerivation.lock(l, r).copyBytes()).isEqualTo(org.priwatt.crypto.Hashes.sha256(l.copyBytes(), r));
    assertThat(l.toString()).isEqualTo("EnergySecret[redacted]");
    l.destroy();
    assertThatThrownBy(l::copyBytes).isInstanceOf(IllegalStateException.class);
    assertThat(SecretDerivation.shares(EnergyAmount.ofMilliwattHours(10), 3))
        .extracting(EnergyAmount::milliwattHours).containsExactly(4L, 3L, 3L);
  }

  interface Decoder {
    Object decode(byte[] b) throws RegistryException;
  }

  static void truncations(byte[] enc, Decoder d) {
    for (int cut = 0; cut < enc.length; cut++) {
      byte[] part = Arrays.copyOf(enc, cut);
      assertThatThrownBy(() -> d.decode(part)).as("cut at %d", cut).isInstanceOf(RegistryException.class);
    }
  }
}
