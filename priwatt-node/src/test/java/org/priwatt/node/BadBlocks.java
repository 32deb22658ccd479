package org.priwatt.node;

import java.util.List;
import java.util.OptionalLong;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderHasher;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/** Blocks with valid proof of work that break a consensus rule, for ban tests. */
public final class BadBlocks {
  private BadBlocks() {}

  /**
   * A block on {@code parent} (at {@code height}) whose coinbase pays one satoshi more than the
   * subsidy: it passes the header and context-free checks and fails when connected.
   */
  public static Block overpayingCoinbase(BlockHeader parent, int height) {
    ChainParameters params = ChainParameters.REGTEST;
    Script sig = ScriptBuilder.create().number(height).number(424242).build();
    Transaction coinbase = Transaction.builder()
        .addInput(TxInput.of(OutPoint.NULL, sig, TxInput.SEQUENCE_FINAL))
        .addOutput(TxOutput.ofRawValue(params.subsidyAt(height).sat() + 1, TestNodes.ANYONE))
        .build();
    BlockHeader template = BlockHeader.of(4, parent.hash(), Sha256Hash.ZERO, parent.time() + 1,
        params.difficulty().powLimitBits().bits(), 0);
    Block block = Block.assemble(template, List.of(coinbase));
    OptionalLong nonce = HeaderHasher.forTemplate(block.header()).scan(0, 1L << 32, () -> false);
    return block.withHeader(block.header().withNonce((int) nonce.orElseThrow()));
  }
}
