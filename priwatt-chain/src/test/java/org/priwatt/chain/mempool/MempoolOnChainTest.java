package org.priwatt.chain.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.chain.mempool.Fixtures.ALICE;
import static org.priwatt.chain.mempool.Fixtures.BOB;
import static org.priwatt.chain.mempool.Fixtures.p2pkh;
import static org.priwatt.chain.mempool.Fixtures.spend;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mining.Miner;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.BlockAcceptance;
import org.priwatt.chain.state.ChainState;

/**
 * The pool on a real {@link ChainState}, which reports a reorganisation after completing it,
 * disconnected blocks tip first: a child confirmed one block after its parent must still return
 * to the pool with it.
 */
class MempoolOnChainTest {
  static final ChainParameters PARAMS = ChainParameters.REGTEST.toBuilder()
      .coinbaseMaturity(1).build();

  final ChainState chain = Fixtures.openChain(PARAMS);
  final Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
  final List<String> removed = new ArrayList<>();

  @AfterEach
  void close() {
    chain.close();
  }

  @Test
  void twoBlockReorgReturnsParentAndChildToThePool() throws Exception {
    pool.addListener(new MempoolListener() {
      @Override
      public void transactionRemoved(Transaction tx, RemovalReason reason) {
        removed.add(reason.name());
      }
    });
    try (Miner miner = Miner.create(chain, pool, p2pkh(ALICE), 2,
        () -> System.currentTimeMillis() / 1000)) {
      Block reward = miner.mine(2).get(0);
      Block fork = chain.block(chain.tip().hash()).orElseThrow(); // height 2: the fork point
      Transaction cb = reward.coinbase();
      Transaction parent = spend(cb, 0, ALICE, p2pkh(BOB), cb.output(0).value() - 10_000);
      Transaction child = spend(parent, 0, BOB, p2pkh(ALICE), cb.output(0).value() - 20_000);
      assertThat(pool.accept(parent).isAccepted()).isTrue();
      miner.mineBlock().orElseThrow(); // height 3: parent
      assertThat(pool.accept(child).isAccepted()).isTrue();
      miner.mineBlock().orElseThrow(); // height 4: child
      assertThat(pool.size()).isZero();
      assertThat(removed).containsExactly("BLOCK", "BLOCK");

      Block a = solve(fork, 3);
      Block b = solve(a, 4);
      Block c = solve(b, 5);
      chain.submitBlock(a);
      chain.submitBlock(b);
      assertThat(chain.submitBlock(c)).isEqualTo(BlockAcceptance.CONNECTED);
      assertThat(chain.height()).isEqualTo(5);

      assertThat(pool.entries()).extracting(MempoolEntry::txId)
          .containsExactly(parent.txId(), child.txId());
      // a conflicting spend of the coinbase is refused: the re-added parent was first
      Transaction rival = spend(cb, 0, ALICE, p2pkh(ALICE), cb.output(0).value() - 50_000);
      assertThat(pool.accept(rival).reason()).contains(MempoolRejectReason.MEMPOOL_CONFLICT);
    }
  }

  /** A coinbase-only block on {@code parent} paying Bob. */
  static Block solve(Block parent, int height) {
    return Fixtures.solveOn(parent, height, PARAMS, 7, p2pkh(BOB));
  }
}
