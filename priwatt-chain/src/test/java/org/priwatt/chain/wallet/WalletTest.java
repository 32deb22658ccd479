package org.priwatt.chain.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.mempool.FakeChain;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.CryptoError;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EncryptedKeyFile;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.ScryptLimits;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/** Two wallets over an in-memory chain and a real mempool: pay, confirm, reorg, escrow, save. */
class WalletTest {
  static final NetworkParameters NET = NetworkParameters.PRIWATT;
  static final ScryptParameters CHEAP = ScryptParameters.of(4, 8, 1);

  final FakeChain chain = new FakeChain(3);
  final Mempool pool = Mempool.create(chain, MempoolPolicy.DEFAULT);
  final Wallet alice = wallet(1);
  final Wallet bob = wallet(2);
  final List<String> bobEvents = new ArrayList<>();

  {
    bob.addListener(new WalletListener() {
      @Override
      public void incoming(WalletTransaction wtx) {
        bobEvents.add("incoming " + wtx.status());
      }

      @Override
      public void confirmed(WalletTransaction wtx) {
        bobEvents.add("confirmed " + wtx.height());
      }

      @Override
      public void reorganized(WalletTransaction wtx) {
        bobEvents.add("reorganized");
      }

      @Override
      public void dead(WalletTransaction wtx) {
        bobEvents.add("dead");
      }
    });
  }

  static SecretBytes seed(int n) {
    byte[] s = new byte[32];
    s[0] = (byte) n;
    return SecretBytes.copyOf(s);
  }

  Wallet wallet(int n) {
    try {
      return Wallet.create(KeyChain.fromSeed(seed(n), NET), TxStore.inMemory(),
          new ScriptWatchList(), CoinSelector.standard(),
          FeeEstimator.fixed(FeeRate.ofSatPerKb(2000)), chain, pool);
    } catch (ChainException e) {
      throw new AssertionError(e);
    }
  }

  void mine(List<Transaction> txs) {
    chain.connect(txs);
    pool.blockConnected(txs);
    alice.blockConnected(txs, chain.height());
    bob.blockConnected(txs, chain.height());
  }

  void unmine() {
    int h = chain.height();
    List<Transaction> txs = chain.disconnect();
    pool.blockDisconnected(txs);
    alice.blockDisconnected(txs, h);
    bob.blockDisconnected(txs, h);
  }

  Transaction fund(Wallet w, long... amounts) throws ChainException {
    Transaction tx = chain.fund(PaymentBuilder.scriptFor(w.freshReceiveAddress()), amounts);
    w.blockConnected(List.of(tx), chain.height());
    return tx;
  }

  @Test
  void paymentBetweenTwoWalletsConfirmsAndReorgs() throws Exception {
    fund(alice, 50_000, 30_000);
    assertThat(alice.balance().confirmed()).isEqualTo(Amount.ofSat(80_000));
    Address bobAddress = bob.freshReceiveAddress();
    Transaction pay = alice.send(bobAddress, Amount.ofSat(60_000));

    assertThat(pool.contains(pay.txId())).isTrue();
    assertThat(bob.balance().unconfirmed()).isEqualTo(Amount.ofSat(60_000));
    assertThat(bobEvents).containsExactly("incoming PENDING");
    Balance a = alice.balance();
    assertThat(a.confirmed()).isEqualTo(Amount.ZERO);
    long fee = 80_000 - 60_000 - a.unconfirmed().sat();
    assertThat(fee).isEqualTo(pay.size() * 2L); // 2 sat/B, change kept
    assertThat(alice.keys().issued(KeyChain.Purpose.CHANGE)).isEqualTo(1);

    mine(List.of(pay));
    assertThat(bob.balance().confirmed()).isEqualTo(Amount.ofSat(60_000));
    assertThat(alice.balance().confirmed().sat()).isEqualTo(20_000 - fee);
    assertThat(bobEvents).containsExactly("incoming PENDING", "confirmed " + chain.height());

    unmine();
    assertThat(pool.contains(pay.txId())).isTrue();
    assertThat(bob.balance().unconfirmed()).isEqualTo(Amount.ofSat(60_000));
    assertThat(bobEvents).endsWith("reorganized");
  }

  /** Issue 11.9: a wallet refuses to pay an address of another network; nothing reaches the pool. */
  @Test
  void paymentToAnAddressOfAnotherNetworkIsRefused() throws Exception {
    fund(alice, 100_000);
    byte[] hash = bob.freshReceiveAddress().hash160();
    for (Address foreign : List.of(
        Address.p2pkhFromHash(hash, NetworkParameters.BITCOIN_MAINNET),
        Address.p2shFromHash(hash, NetworkParameters.BITCOIN_TESTNET),
        Address.p2pkhFromHash(hash, NetworkParameters.BITCOIN_TESTNET))) {
      assertThatThrownBy(() -> alice.send(foreign, Amount.ofSat(10_000)))
          .as(foreign.toString())
          .isInstanceOfSatisfying(ChainException.class,
              e -> assertThat(e.failure()).isEqualTo(WalletError.WRONG_NETWORK));
      assertThatThrownBy(() -> alice.createPayment(foreign, Amount.ofSat(10_000)))
          .isInstanceOfSatisfying(ChainException.class,
              e -> assertThat(e.failure()).isEqualTo(WalletError.WRONG_NETWORK));
      PaymentBuilder builder = new PaymentBuilder(alice.keys(), CoinSelector.standard(),
          FeeRate.ofSatPerKb(1000));
      assertThatThrownBy(() -> builder.pay(foreign, Amount.ofSat(10_000),
          alice.spendableCoins(), FeeRate.ofSatPerKb(1000)))
          .isInstanceOfSatisfying(ChainException.class,
              e -> assertThat(e.failure()).isEqualTo(WalletError.WRONG_NETWORK));
    }
    assertThat(pool.size()).isZero();
    assertThat(alice.keys().issued(KeyChain.Purpose.CHANGE)).isZero();
    // The same hash on the wallet's own network is paid.
    assertThat(alice.send(Address.p2pkhFromHash(hash, NET), Amount.ofSat(10_000))).isNotNull();
    assertThat(pool.size()).isEqualTo(1);
  }

  /** Bitcoin's testnet, regtest and signet share one encoding: a REGTEST wallet pays it. */
  @Test
  void networksSharingVersionBytesAreOneEncoding() throws Exception {
    NetworkParameters regtestLike = NetworkParameters.of("regtest-copy", "Regtest copy",
        NetworkParameters.BITCOIN_TESTNET.p2pkhVersion(),
        NetworkParameters.BITCOIN_TESTNET.p2shVersion(),
        NetworkParameters.BITCOIN_TESTNET.wifPrefix(),
        NetworkParameters.BITCOIN_TESTNET.bip32PrivateVersion(),
        NetworkParameters.BITCOIN_TESTNET.bip32PublicVersion());
    Wallet carol = Wallet.create(KeyChain.fromSeed(seed(3), regtestLike), TxStore.inMemory(),
        new ScriptWatchList(), CoinSelector.standard(),
        FeeEstimator.fixed(FeeRate.ofSatPerKb(2000)), chain, pool);
    fund(carol, 100_000);
    Address testnet = Address.p2pkhFromHash(new byte[20], NetworkParameters.BITCOIN_TESTNET);
    assertThat(carol.send(testnet, Amount.ofSat(10_000))).isNotNull();
    assertThatThrownBy(() -> carol.send(
        Address.p2pkhFromHash(new byte[20], NetworkParameters.BITCOIN_MAINNET),
        Amount.ofSat(10_000))).isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(WalletError.WRONG_NETWORK));
  }

  @Test
  void everyPaymentUsesFreshAddresses() throws Exception {
    fund(alice, 100_000);
    Transaction first = alice.send(bob.freshReceiveAddress(), Amount.ofSat(10_000));
    Transaction second = alice.send(bob.freshReceiveAddress(), Amount.ofSat(10_000));
    // second spends the first's change (own pending change is spendable)
    assertThat(second.input(0).outPoint().txId()).isEqualTo(first.txId());
    List<Script> scripts = new ArrayList<>();
    for (Transaction t : List.of(first, second)) {
      t.outputs().forEach(o -> scripts.add(o.scriptPubKey()));
    }
    assertThat(scripts).doesNotHaveDuplicates().hasSize(4);
    assertThat(bob.balance().unconfirmed()).isEqualTo(Amount.ofSat(20_000));
  }

  @Test
  void doubleSpentPendingPaymentBecomesDead() throws Exception {
    Transaction funding = fund(alice, 50_000);
    Transaction pay = alice.send(bob.freshReceiveAddress(), Amount.ofSat(20_000));
    // a conflicting spend of the same coin gets mined elsewhere
    Transaction conflict = conflictingSpend(alice, funding);
    mine(List.of(conflict));
    assertThat(pool.contains(pay.txId())).isFalse();
    assertThat(bob.store().get(pay.txId()).orElseThrow().status())
        .isEqualTo(WalletTransaction.Status.DEAD);
    assertThat(bob.balance().total()).isEqualTo(Amount.ZERO);
    assertThat(bobEvents).endsWith("dead");
  }

  @Test
  void escrowIsWatchedAndCoSigned() throws Exception {
    byte[] dso = org.priwatt.chain.mempool.Fixtures.CAROL.publicKey().encoded();
    byte[] aliceKey = keyOf(alice);
    byte[] bobKey = keyOf(bob);
    Script redeem = ScriptTemplates.multisig(2, List.of(dso, bobKey, aliceKey));
    Address escrow = alice.watchEscrow(redeem);
    bob.watchEscrow(redeem);
    fund(alice, 100_000);
    Transaction lock = alice.send(escrow, Amount.ofSat(70_000));
    mine(List.of(lock));
    assertThat(bob.balance().watched()).isEqualTo(Amount.ofSat(70_000));

    int vout = lock.output(0).value() == 70_000 ? 0 : 1;
    Transaction release = Transaction.builder().addInput(OutPoint.of(lock.txId(), vout))
        .addOutput(Amount.ofSat(69_000), PaymentBuilder.scriptFor(bob.freshReceiveAddress()))
        .build();
    Transaction half = alice.signEscrowInput(release, 0, redeem);
    Transaction done = bob.signEscrowInput(half, 0, redeem);
    assertThat(pool.accept(done).isAccepted()).isTrue();
    assertThat(bob.balance().watched()).isEqualTo(Amount.ZERO);
    assertThat(bob.balance().unconfirmed()).isEqualTo(Amount.ofSat(69_000));
  }

  @Test
  void insufficientFundsAndDustAreRefused() throws Exception {
    fund(alice, 10_000);
    assertThatThrownBy(() -> alice.createPayment(bob.freshReceiveAddress(), Amount.ofSat(10_000)))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(WalletError.INSUFFICIENT_FUNDS));
    assertThatThrownBy(() -> alice.createPayment(bob.freshReceiveAddress(), Amount.ofSat(100)))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(WalletError.AMOUNT_IS_DUST));
  }

  @Test
  void savedWalletReloadsAndRejectsWrongPassphraseOrTampering(@TempDir Path dir)
      throws Exception {
    fund(alice, 40_000);
    alice.send(bob.freshReceiveAddress(), Amount.ofSat(10_000));
    Script redeem = ScriptTemplates.multisig(1, List.of(keyOf(alice)));
    alice.watchEscrow(redeem);
    Path file = dir.resolve("alice.wallet");
    SecretBytes pass = SecretBytes.fromPassphrase("correct horse".toCharArray());
    WalletFile.save(file, alice.keys(), alice.store(), alice.watchList(), pass, CHEAP);

    WalletFile.Contents c = WalletFile.load(file, pass, NET);
    Wallet copy = Wallet.create(c.keys(), c.store(), c.watched(), CoinSelector.standard(),
        FeeEstimator.fixed(FeeRate.ofSatPerKb(1000)), chain, pool);
    assertThat(copy.balance()).isEqualTo(alice.balance());
    assertThat(copy.keys().issued(KeyChain.Purpose.RECEIVE))
        .isEqualTo(alice.keys().issued(KeyChain.Purpose.RECEIVE));
    assertThat(copy.freshReceiveAddress()).isEqualTo(alice.freshReceiveAddress());
    assertThat(c.watched().redeemScripts()).containsExactly(redeem);
    assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("correct");

    SecretBytes wrong = SecretBytes.fromPassphrase("wrong".toCharArray());
    assertThatThrownBy(() -> WalletFile.load(file, wrong, NET))
        .isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.failure()).isEqualTo(WalletError.CORRUPT_FILE));
    byte[] bytes = Files.readAllBytes(file);
    for (int offset : new int[] {0, 10, bytes.length / 2, bytes.length - 1}) {
      byte[] bad = bytes.clone();
      bad[offset] ^= 1;
      Path badFile = dir.resolve("bad" + offset);
      Files.write(badFile, bad);
      assertThatThrownBy(() -> WalletFile.load(badFile, pass, NET))
          .isInstanceOfSatisfying(ChainException.class,
              e -> assertThat(e.failure()).isEqualTo(WalletError.CORRUPT_FILE));
    }
    for (int cut = 0; cut < bytes.length; cut += 37) {
      Path cutFile = dir.resolve("cut");
      Files.write(cutFile, java.util.Arrays.copyOf(bytes, cut));
      assertThatThrownBy(() -> WalletFile.load(cutFile, pass, NET))
          .isInstanceOf(ChainException.class);
    }
  }

  /** Issue 11.12: a temporary left by a save killed before its rename goes on the next load. */
  @Test
  void temporaryLeftByAKilledSaveIsRemovedOnTheNextLoad(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("alice.wallet");
    SecretBytes pass = SecretBytes.fromPassphrase("pw".toCharArray());
    WalletFile.save(file, alice.keys(), alice.store(), alice.watchList(), pass, CHEAP);
    Path leftover = dir.resolve(".alice.wallet.00c0ffee00c0ffee.tmp");
    Files.copy(file, leftover);
    assertThat(WalletFile.load(file, pass, NET).keys().network()).isEqualTo(NET);
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  /** Issue 11.3: a wallet file asking a hostile scrypt cost is refused before any KDF work. */
  @Test
  void costlyScryptInKeySectionIsRefusedBeforeDerivation(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("forged.wallet");
    SecretBytes pass = SecretBytes.fromPassphrase("pw".toCharArray());
    WalletFile.save(file, alice.keys(), alice.store(), alice.watchList(), pass, CHEAP);
    byte[] bytes = Files.readAllBytes(file);
    bytes[7 + 6] = 20; // the key section's scrypt log2(N), r and p: 4 GiB of work
    bytes[7 + 7] = 2;
    bytes[7 + 8] = 16;
    Files.write(file, bytes);
    assertThatThrownBy(() -> WalletFile.load(file, pass, NET))
        .isInstanceOfSatisfying(ChainException.class, e -> {
          assertThat(e.failure()).isEqualTo(WalletError.CORRUPT_FILE);
          assertThat(e.getCause()).isInstanceOfSatisfying(CryptoException.class,
              c -> assertThat(c.error()).isEqualTo(CryptoError.SCRYPT_COST_TOO_HIGH));
        });
    // A caller that accepts even less refuses the cheap original too, before deriving.
    bytes[7 + 6] = 4;
    bytes[7 + 7] = 8;
    bytes[7 + 8] = 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> WalletFile.load(file, pass, NET, ScryptLimits.of(1024, 1024)))
        .hasCauseInstanceOf(CryptoException.class);
    assertThat(WalletFile.load(file, pass, NET, ScryptLimits.DEFAULT).keys()).isNotNull();
  }

  @Test
  void malformedKeySectionIsReportedAsSuchNotAsAMalformedDataSection(@TempDir Path dir)
      throws Exception {
    SecretBytes pass = SecretBytes.fromPassphrase("pw".toCharArray());
    byte[] keySection;
    try (SecretBytes tooShort = SecretBytes.copyOf(new byte[5])) {
      keySection = EncryptedKeyFile.seal(tooShort, pass, CHEAP, new SecureRandom());
    }
    // A key section that authenticates but holds 5 bytes, then a zero nonce and a zero tag.
    byte[] bytes = ByteBuffer.allocate(7 + keySection.length + 12 + 16)
        .put("PWWL".getBytes(StandardCharsets.US_ASCII)).put((byte) 1)
        .putShort((short) keySection.length).put(keySection).array();
    Path file = dir.resolve("short-key-section");
    Files.write(file, bytes);
    assertThatThrownBy(() -> WalletFile.load(file, pass, NET))
        .isInstanceOfSatisfying(ChainException.class, e -> {
          assertThat(e.failure()).isEqualTo(WalletError.CORRUPT_FILE);
          assertThat(e.getMessage()).isEqualTo("CORRUPT_FILE: key section has the wrong length");
        });
  }

  /** Alice's coin spent to Carol, signed directly with the key chain's key. */
  static Transaction conflictingSpend(Wallet w, Transaction funding) throws Exception {
    Script spk = funding.output(0).scriptPubKey();
    var key = w.keys().key(w.keys().find(ScriptTemplates.p2pkhHash(spk).orElseThrow())
        .orElseThrow());
    Transaction tx = Transaction.builder().addInput(OutPoint.of(funding.txId(), 0))
        .addOutput(Amount.ofSat(45_000),
            org.priwatt.chain.mempool.Fixtures.p2pkh(org.priwatt.chain.mempool.Fixtures.CAROL))
        .build();
    return org.priwatt.chain.TransactionSigner.signP2pkh(tx, 0, spk, key);
  }

  static byte[] keyOf(Wallet w) throws ChainException {
    Address a = w.freshReceiveAddress();
    return w.keys().key(w.keys().find(a.hash160()).orElseThrow()).publicKey().encoded();
  }
}
