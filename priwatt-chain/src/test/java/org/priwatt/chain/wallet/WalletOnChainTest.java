package org.priwatt.chain.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Fixtures;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.mining.Miner;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.BlockAcceptance;
import org.priwatt.chain.state.ChainState;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.SecretBytes;

/**
 * Two wallets on a real {@link ChainState} (REGTEST difficulty, coinbase maturity 2) with a
 * real mempool and miner: mining rewards mature, a payment travels from Alice to Bob, confirms,
 * is undone by a reorganisation (back in the pool, pending in both wallets) and confirms again.
 */
class WalletOnChainTest {
  static final ChainParameters PARAMS = ChainParameters.REGTEST.toBuilder()
      .coinbaseMaturity(2).build();
  static final NetworkParameters NET = PARAMS.network();

  final ChainState chain = Fixtures.openChain(PARAMS);
  final Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
  final Wallet alice = wallet(7);
  final Wallet bob = wallet(8);
  final List<String> bobEvents = new ArrayList<>();

  Wallet wallet(int n) {
    byte[] seed = new byte[32];
    seed[31] = (byte) n;
    try {
      Wallet w = Wallet.create(KeyChain.fromSeed(SecretBytes.copyOf(seed), NET),
          ChainStateBridge.tipOf(chain), pool, PARAMS.maxBlockSize());
      chain.addListener(w);
      return w;
    } catch (ChainException e) {
      throw new AssertionError(e);
    }
  }

  @AfterEach
  void close() {
    chain.close();
  }

  @Test
  void paymentBetweenWalletsSurvivesAReorganisation() throws Exception {
    bob.addListener(new WalletListener() {
      @Override
      public void incoming(WalletTransaction wtx) {
        bobEvents.add("incoming");
      }

      @Override
      public void confirmed(WalletTransaction wtx) {
        bobEvents.add("confirmed@" + wtx.height());
      }

      @Override
      public void reorganized(WalletTransaction wtx) {
        bobEvents.add("reorganized");
      }
    });
    Address rewards = alice.freshReceiveAddress();
    try (Miner miner = Miner.create(chain, pool, PaymentBuilder.scriptFor(rewards), 2,
        () -> System.currentTimeMillis() / 1000)) {
      miner.mine(3);
      Amount subsidy = PARAMS.subsidyAt(1);
      // blocks 1 and 2 are mature for block 4; block 3's reward is not
      assertThat(alice.balance().confirmed()).isEqualTo(subsidy.times(2));
      assertThat(alice.balance().immature()).isEqualTo(subsidy);

      Address bobAddress = bob.freshReceiveAddress();
      Transaction pay = alice.send(bobAddress, Amount.ofSat(30 * Amount.COIN));
      assertThat(pool.contains(pay.txId())).isTrue();
      assertThat(bob.balance().unconfirmed()).isEqualTo(Amount.ofSat(30 * Amount.COIN));

      Block block4 = miner.mineBlock().orElseThrow();
      assertThat(block4.transactions()).contains(pay);
      assertThat(chain.tip().hash()).isEqualTo(block4.hash());
      assertThat(bob.balance().confirmed()).isEqualTo(Amount.ofSat(30 * Amount.COIN));
      assertThat(pool.size()).isZero();
      assertThat(bobEvents).containsExactly("incoming", "confirmed@4");

      // a heavier branch from block 3 without the payment
      Block block3 = chain.block(block4.header().prevBlock()).orElseThrow();
      Block side4 = solve(block3, 4);
      Block side5 = solve(side4, 5);
      assertThat(chain.submitBlock(side4)).isEqualTo(BlockAcceptance.SIDE_BRANCH);
      assertThat(chain.submitBlock(side5)).isEqualTo(BlockAcceptance.CONNECTED);
      assertThat(chain.tip().hash()).isEqualTo(side5.hash());

      assertThat(pool.contains(pay.txId())).isTrue();
      assertThat(bob.store().get(pay.txId()).orElseThrow().status())
          .isEqualTo(WalletTransaction.Status.PENDING);
      assertThat(bob.balance().unconfirmed()).isEqualTo(Amount.ofSat(30 * Amount.COIN));
      assertThat(bobEvents).endsWith("reorganized");

      Block block6 = miner.mineBlock().orElseThrow();
      assertThat(block6.transactions()).contains(pay);
      assertThat(bob.balance().confirmed()).isEqualTo(Amount.ofSat(30 * Amount.COIN));
      assertThat(bobEvents).endsWith("confirmed@6");
    }
  }

  /** A coinbase-only block on {@code parent} paying a key nobody holds. */
  static Block solve(Block parent, int height) {
    return Fixtures.solveOn(parent, height, PARAMS, 99,
        PaymentBuilder.scriptFor(Address.p2pkhFromHash(new byte[20], NET)));
  }
}
