package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageCryptoTest {
  static final long EXP = 1_800_000_000L;
  final Identity alice = Identity.deterministic("alice passphrase", 1, 1);
  final Identity bob = Identity.deterministic("bob passphrase", 1, 1);

  @Test
  void msgOpensOnlyForRecipientAndRejectsTampering() {
    MessageObject o = MessageCrypto.buildMsg(bob, alice.publicIdentity(), MessageContent.simple("s", "b"), new byte[0], EXP);
    assertThat(MessageCrypto.openMsg(o, alice)).hasValueSatisfying(m -> {
      assertThat(m.sender()).isEqualTo(bob.publicIdentity());
      assertThat(m.content().subject()).isEqualTo("s");
    });
    assertThat(MessageCrypto.openMsg(o, bob)).isEmpty();
    // Moving the ciphertext to an object with another expiry breaks the signature.
    MessageObject moved = MessageObject.unsolved(EXP + 1, 2, 1, 1, o.payload());
    assertThat(MessageCrypto.openMsg(moved, alice)).isEmpty();
    byte[] enc = o.encoded();
    enc[enc.length - 1] ^= 1;
    MessageObject badMac = MessageObject.unsolved(EXP, 2, 1, 1, java.util.Arrays.copyOfRange(enc, 22, enc.length));
    assertThat(MessageCrypto.openMsg(badMac, alice)).isEmpty();
  }

  @Test
  void broadcastAndPubkeyOpenForAddressKnowers() {
    MessageObject b = MessageCrypto.buildBroadcast(alice, MessageContent.simple("hi", "all"), EXP);
    assertThat(MessageCrypto.openBroadcast(b, alice.address())).isPresent();
    assertThat(MessageCrypto.openBroadcast(b, bob.address())).isEmpty();
    MessageObject p = MessageCrypto.buildPubkey(alice, EXP);
    assertThat(MessageCrypto.openPubkey(p, alice.address())).contains(alice.publicIdentity());
    assertThat(MessageCrypto.openPubkey(p, bob.address())).isEmpty();
    assertThat(MessageCrypto.tagOf(MessageCrypto.buildGetPubkey(alice.address(), EXP))).hasValueSatisfying(t -> assertThat(t).isEqualTo(alice.address().tag()));
  }

  @Test
  void sharedIdentityIsTheSameForBothParties() {
    Identity ab = SharedIdentity.derive(alice, bob.publicIdentity());
    Identity ba = SharedIdentity.derive(bob, alice.publicIdentity());
    assertThat(ab.address()).isEqualTo(ba.address());
    assertThat(ab.address()).isNotEqualTo(alice.address()).isNotEqualTo(bob.address());
    Identity other = SharedIdentity.derive(alice, Identity.deterministic("carol", 1, 1).publicIdentity());
    assertThat(other.address()).isNotEqualTo(ab.address());
  }
}
