package org.priwatt.chain.wallet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.StandardPolicy;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * Builds and signs payments: selects coins with the {@link CoinSelector}, adds change to a fresh
 * change address unless the change would be dust or cost more than it is worth (then it goes to
 * the fee), and signs every P2PKH input with the {@link KeyChain}'s keys through {@link
 * TransactionSigner}. Also adds the wallet's signature to P2SH multisig (escrow) inputs.
 * Thread-safe as its parts.
 */
public final class PaymentBuilder {
  /** Bytes of version, input and output counts and lock time. */
  private static final int FIXED_SIZE = 4 + 1 + 1 + 4;

  private final KeyChain keys;
  private final CoinSelector selector;
  private final FeeRate dustRelayFee;

  /** Creates a builder; {@code dustRelayFee} decides when change is dust. */
  public PaymentBuilder(KeyChain keys, CoinSelector selector, FeeRate dustRelayFee) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.selector = Objects.requireNonNull(selector, "selector");
    this.dustRelayFee = Objects.requireNonNull(dustRelayFee, "dustRelayFee");
  }

  /**
   * Builds a signed transaction paying {@code amount} to {@code to}.
   *
   * @param to an address of the key chain's network
   * @param coins the spendable coins, each paying a wallet key
   * @throws ChainException {@link WalletError#WRONG_NETWORK} if {@code to} is encoded for another
   *     network than the key chain's; {@link WalletError#AMOUNT_IS_DUST}, {@link
   *     WalletError#INSUFFICIENT_FUNDS}, {@link WalletError#SIGNING_FAILED}
   */
  public Transaction pay(Address to, Amount amount, List<Utxo> coins, FeeRate feeRate)
      throws ChainException {
    requireNetwork(to, keys.network());
    return pay(List.of(TxOutput.of(amount, scriptFor(to))), coins, feeRate);
  }

  /**
   * Refuses an address that is not valid on {@code network}: its version byte must be the
   * network's byte for its kind. Comparing bytes rather than network objects accepts what the
   * network itself would (Bitcoin's testnet, regtest and signet share one encoding).
   *
   * @throws ChainException {@link WalletError#WRONG_NETWORK} if it is not
   */
  static void requireNetwork(Address address, NetworkParameters network) throws ChainException {
    Objects.requireNonNull(address, "address");
    int expected = address.kind() == Address.Kind.P2PKH
        ? network.p2pkhVersion() : network.p2shVersion();
    if (address.version() != expected) {
      throw new ChainException(WalletError.WRONG_NETWORK, address + " is a "
          + address.network().id() + " address; this wallet is on " + network.id());
    }
  }

  /**
   * Builds a signed transaction with {@code payments} as its first outputs.
   *
   * @throws ChainException as {@link #pay(Address, Amount, List, FeeRate)}
   */
  public Transaction pay(List<TxOutput> payments, List<Utxo> coins, FeeRate feeRate)
      throws ChainException {
    long paid = 0;
    long outputBytes = 0;
    for (TxOutput p : payments) {
      if (StandardPolicy.isDust(p, dustRelayFee)) {
        throw new ChainException(WalletError.AMOUNT_IS_DUST, p.value() + " sat");
      }
      paid += p.value();
      outputBytes += p.serializedSize();
    }
    TxOutput changeTemplate = TxOutput.of(Amount.ZERO, ScriptTemplates.p2pkh(new byte[20]));
    long changeOutputFee = feeRate.feeFor(changeTemplate.serializedSize());
    long costOfChange = changeOutputFee + feeRate.feeFor(CoinSelector.P2PKH_INPUT_SIZE);
    long target = paid + feeRate.feeFor(FIXED_SIZE + outputBytes);
    Optional<List<Utxo>> chosen = selector.select(coins, target, feeRate, costOfChange);
    if (chosen.isEmpty()) {
      throw new ChainException(WalletError.INSUFFICIENT_FUNDS, "need " + target
          + " sat plus input fees");
    }
    long inValue = 0;
    for (Utxo u : chosen.get()) {
      inValue += u.output().value();
    }
    long feeWithoutChange = feeRate.feeFor(FIXED_SIZE + outputBytes
        + (long) CoinSelector.P2PKH_INPUT_SIZE * chosen.get().size());
    long change = inValue - paid - feeWithoutChange - changeOutputFee;
    TransactionBuilder b = Transaction.builder();
    chosen.get().forEach(u -> b.addInput(u.outPoint()));
    payments.forEach(b::addOutput);
    if (change > costOfChange
        && !StandardPolicy.isDust(TxOutput.ofRawValue(change, changeTemplate.scriptPubKey()),
            dustRelayFee)) {
      b.addOutput(Amount.ofSat(change), scriptFor(keys.freshAddress(KeyChain.Purpose.CHANGE)));
    }
    return sign(b.build(), chosen.get());
  }

  /**
   * Signs each input of {@code tx} with the key of the coin it spends.
   *
   * @param spent the coins spent, in input order, each paying a wallet key
   * @throws ChainException {@link WalletError#NO_KEY} if a coin pays no wallet key, {@link
   *     WalletError#SIGNING_FAILED} if the signer refuses
   */
  public Transaction sign(Transaction tx, List<Utxo> spent) throws ChainException {
    Transaction out = tx;
    for (int i = 0; i < spent.size(); i++) {
      Utxo u = spent.get(i);
      if (u.key() == null) {
        throw new ChainException(WalletError.NO_KEY, "input " + i + " is not a wallet key");
      }
      EcKey key = keys.key(u.key());
      try {
        out = TransactionSigner.signP2pkh(out, i, u.output().scriptPubKey(), key);
      } catch (ChainException e) {
        throw new ChainException(WalletError.SIGNING_FAILED, "input " + i, e);
      } finally {
        key.destroy();
      }
    }
    return out;
  }

  /**
   * Adds the wallet's signature to input {@code inputIndex}, which spends the P2SH output of
   * the multisig {@code redeemScript} (an escrow), keeping signatures already there.
   *
   * @throws ChainException {@link WalletError#NO_KEY} if no wallet key is in the script,
   *     {@link WalletError#SIGNING_FAILED} if the signer refuses
   */
  public Transaction signMultisig(Transaction tx, int inputIndex, Script redeemScript)
      throws ChainException {
    var ms = ScriptTemplates.parseMultisig(redeemScript).orElseThrow(
        () -> new ChainException(WalletError.SIGNING_FAILED, "not a multisig redeem script"));
    for (byte[] pub : ms.keys()) {
      Optional<EcKey> key = keys.keyForPublicKey(pub);
      if (key.isPresent()) {
        try {
          return TransactionSigner.signMultisig(tx, inputIndex, redeemScript, key.get());
        } catch (ChainException e) {
          throw new ChainException(WalletError.SIGNING_FAILED, "input " + inputIndex, e);
        } finally {
          key.get().destroy();
        }
      }
    }
    throw new ChainException(WalletError.NO_KEY, "no wallet key in the redeem script");
  }

  /**
   * The scriptPubKey paying {@code address}. A scriptPubKey carries no network, so none is
   * checked here; the wallet's payment methods check it before calling this.
   */
  public static Script scriptFor(Address address) {
    return address.kind() == Address.Kind.P2PKH
        ? ScriptTemplates.p2pkh(address.hash160())
        : ScriptTemplates.p2sh(address.hash160());
  }

  /** The P2SH address of {@code redeemScript} on the key chain's network. */
  public Address escrowAddress(Script redeemScript) {
    return Address.p2shFromHash(Hashes.hash160(redeemScript.program()), keys.network());
  }
}
