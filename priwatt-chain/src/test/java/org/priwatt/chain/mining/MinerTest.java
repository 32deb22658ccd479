package org.priwatt.chain.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.chain.mempool.Fixtures.ALICE;
import static org.priwatt.chain.mempool.Fixtures.BOB;
import static org.priwatt.chain.mempool.Fixtures.p2pkh;
import static org.priwatt.chain.mempool.Fixtures.spend;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.Fixtures;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainState;
import org.priwatt.script.ScriptBuilder;

/** Mining on REGTEST: blocks pass full validation and carry the pool's transactions in order. */
class MinerTest {
  static final ChainParameters PARAMS = ChainParameters.REGTEST.toBuilder()
      .coinbaseMaturity(2).build();

  final ChainState chain = Fixtures.openChain(PARAMS);
  final Mempool pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
  final Miner miner = Miner.create(chain, pool, p2pkh(ALICE), 2,
      () -> System.currentTimeMillis() / 1000);

  @AfterEach
  void close() {
    miner.close();
    chain.close();
  }

  @Test
  void minedBlocksPassValidationAndCarryBip34Heights() throws Exception {
    List<Block> blocks = miner.mine(3);
    assertThat(blocks).hasSize(3);
    assertThat(chain.height()).isEqualTo(3);
    assertThat(chain.tip().hash()).isEqualTo(blocks.get(2).hash());
    for (int h = 1; h <= 3; h++) {
      Block b = blocks.get(h - 1);
      assertThat(chain.isOnBestChain(b.hash())).isTrue();
      assertThat(b.header().meetsOwnTarget()).isTrue();
      Transaction cb = b.coinbase();
      assertThat(cb.input(0).scriptSig().program())
          .startsWith(ScriptBuilder.create().number(h).build().program());
      assertThat(cb.output(0).amount()).isEqualTo(PARAMS.subsidyAt(h));
    }
  }

  @Test
  void templateTakesPoolTransactionsParentsFirstAndCollectsTheirFees() throws Exception {
    List<Block> early = miner.mine(3); // coinbase of block 1 matures for block 4 (maturity 2)
    Transaction reward = early.get(0).coinbase();
    long subsidy = reward.output(0).value();
    Transaction parent = spend(reward, 0, ALICE, p2pkh(BOB), subsidy - 1_000);
    Transaction child = spend(parent, 0, BOB, p2pkh(ALICE), subsidy - 21_000);
    assertThat(pool.accept(parent).isAccepted()).isTrue();
    assertThat(pool.accept(child).isAccepted()).isTrue();
    // the pool filled the chain's script cache, so connecting the block skips the scripts
    assertThat(chain.scriptCache().contains(parent.txId(), PARAMS.scriptFlagsAt(4))).isTrue();

    Block block = miner.mineBlock().orElseThrow();
    assertThat(block.transactions()).extracting(Transaction::txId)
        .containsExactly(block.coinbase().txId(), parent.txId(), child.txId());
    assertThat(block.coinbase().output(0).amount())
        .isEqualTo(PARAMS.subsidyAt(4).plus(Amount.ofSat(21_000)));
    assertThat(chain.tip().hash()).isEqualTo(block.hash());
    assertThat(pool.size()).isZero();
  }

  @Test
  void stoppedMinerProducesNothing() throws Exception {
    miner.stop();
    assertThat(miner.mineBlock()).isEmpty();
    assertThat(miner.mine(5)).isEmpty();
    assertThat(chain.height()).isZero();
  }
}
