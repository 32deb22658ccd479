package org.priwatt.node.rpc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.market.Offer;

/**
 * What the RPC server uses of the node's energy market ({@code listoffers}, {@code createoffer},
 * {@code listtrades}): the auction board's live offers, offering an entry the node owns, and the
 * node's trade sessions. The node's energy role implements it.
 */
public interface MarketAccess {
  /** The live offers on the auction board, cheapest first. */
  List<Offer> offers();

  /**
   * Offers the energy of an entry this node owns on the board.
   *
   * @param entry the entry
   * @param pricePerKwh the price per kWh
   * @param ttlSeconds how long the offer stands
   * @return the posted offer
   * @throws EnergyException if the node owns no such entry ready for sale, or posting fails
   */
  Offer createOffer(EntryId entry, Amount pricePerKwh, long ttlSeconds) throws EnergyException;

  /** The node's trades, as sellers and buyers. */
  List<Trade> trades();

  /**
   * One trade session of the node.
   *
   * @param entry the entry traded
   * @param role {@code seller} or {@code buyer}
   * @param state the session state's name
   * @param energy the energy traded
   * @param price the total price, if agreed
   * @param failure why it failed, if it did
   */
  record Trade(EntryId entry, String role, String state, EnergyAmount energy, Optional<Amount> price,
      Optional<String> failure) {
    /** Checks the fields are present. */
    public Trade {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(energy, "energy");
      Objects.requireNonNull(price, "price");
      Objects.requireNonNull(failure, "failure");
    }
  }
}
