package org.priwatt.chain.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.DifficultyParameters;
import org.priwatt.chain.consensus.internal.HeaderValidator;
import org.priwatt.crypto.Hex;
import org.priwatt.script.VerifyFlag;

class ChainParametersTest {
  @Test
  void bitcoinMainnetGenesisIsBitExact() throws Exception {
    Block genesis = ChainParameters.BITCOIN_MAINNET.genesis();
    assertThat(genesis.hash().toString())
        .isEqualTo("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
    assertThat(genesis.header().merkleRoot().toReversedHex())
        .isEqualTo("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
    assertThat(genesis.merkleRootMatches()).isTrue();
    assertThat(genesis.size()).isEqualTo(285);
    org.bitcoinj.core.Block theirs = org.bitcoinj.params.MainNetParams.get().getGenesisBlock();
    assertThat(Hex.encode(theirs.serialize())).isEqualTo(genesis.toHex());
    assertThat(Block.parse(genesis.serialize())).isEqualTo(genesis);
    assertThat(ByteBuffer.wrap(ChainParameters.BITCOIN_MAINNET.magicBytes()).getInt())
        .isEqualTo(0xf9beb4d9);
  }

  @Test
  void regtestGenesisIsBitcoinRegtest() {
    assertThat(ChainParameters.REGTEST.genesisHash().toString())
        .isEqualTo("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");
  }

  @Test
  void priwattGenesisMeetsItsPowLimitAndIsUnique() throws Exception {
    Block genesis = ChainParameters.PRIWATT.genesis();
    HeaderValidator.of(DifficultyParameters.PRIWATT).checkProofOfWork(genesis.header());
    assertThat(genesis.merkleRootMatches()).isTrue();
    assertThat(genesis.coinbase().input(0).scriptSig().toString())
        .contains(Hex.encode(ChainPresets.PRIWATT_GENESIS_MESSAGE.getBytes(
            java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(genesis.hash()).isNotEqualTo(ChainParameters.BITCOIN_MAINNET.genesisHash());
  }

  @Test
  void genesisBuilderMinesUniqueBlocksAtThePowLimit() throws Exception {
    Block a = GenesisBuilder.create(DifficultyParameters.REGTEST).message("net").build();
    Block b = GenesisBuilder.create(DifficultyParameters.REGTEST).message("net").time(
        a.header().time()).build();
    HeaderValidator.of(DifficultyParameters.REGTEST).checkProofOfWork(a.header());
    assertThat(a.header().merkleRoot()).isNotEqualTo(b.header().merkleRoot());
    assertThat(a.header().bits()).isEqualTo(DifficultyParameters.REGTEST.powLimitBits().bits());
    assertThat(ConsensusApi.checkTransaction(a.coinbase())).isEmpty();
    assertThatThrownBy(() -> GenesisBuilder.create(DifficultyParameters.REGTEST)
        .message("x".repeat(81))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void subsidyHalvesAndEndsAfter64Halvings() {
    ChainParameters p = ChainParameters.BITCOIN_MAINNET;
    assertThat(p.subsidyAt(0).sat()).isEqualTo(50 * Amount.COIN);
    assertThat(p.subsidyAt(209_999).sat()).isEqualTo(50 * Amount.COIN);
    assertThat(p.subsidyAt(210_000).sat()).isEqualTo(25 * Amount.COIN);
    assertThat(p.subsidyAt(630_000).sat()).isEqualTo(625_000_000L);
    assertThat(p.subsidyAt(210_000 * 33).sat()).isZero();
    assertThat(p.subsidyAt(Integer.MAX_VALUE).sat()).isZero();
    long total = 0;
    for (int h = 0; h < 64 * 4_200_000L; h += 4_200_000) {
      total += ChainParameters.PRIWATT.subsidyAt(h).sat() * 4_200_000L;
    }
    assertThat(total).isLessThanOrEqualTo(Amount.MAX_MONEY);
  }

  @Test
  void scriptFlagsFollowActivationHeights() {
    ChainParameters p = ChainParameters.BITCOIN_MAINNET;
    assertThat(p.scriptFlagsAt(100)).containsExactly(VerifyFlag.P2SH);
    assertThat(p.scriptFlagsAt(363_725)).containsExactlyInAnyOrder(VerifyFlag.P2SH,
        VerifyFlag.DERSIG);
    assertThat(p.scriptFlagsAt(419_328)).contains(VerifyFlag.CHECKLOCKTIMEVERIFY,
        VerifyFlag.CHECKSEQUENCEVERIFY);
    assertThat(p.minimumBlockVersion(227_930)).isEqualTo(Integer.MIN_VALUE);
    assertThat(p.minimumBlockVersion(227_931)).isEqualTo(2);
    assertThat(p.minimumBlockVersion(388_381)).isEqualTo(4);
    assertThat(p.requiresCoinbaseHeight(227_931)).isTrue();
    assertThat(p.toBuilder().coinbaseHeightRequired(false).build()
        .requiresCoinbaseHeight(300_000)).isFalse();
  }

  @Test
  void builderRequiresIdentityFields() {
    assertThatThrownBy(() -> ChainParameters.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(ChainParameters.REGTEST.toBuilder().build()).isEqualTo(ChainParameters.REGTEST);
  }
}
