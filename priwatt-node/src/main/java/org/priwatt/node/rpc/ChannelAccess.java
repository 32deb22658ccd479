package org.priwatt.node.rpc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.TxId;
import org.priwatt.channels.ChannelException;
import org.priwatt.channels.ChannelFunding;
import org.priwatt.channels.ChannelTerms;
import org.priwatt.channels.ChannelView;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.market.Offer;

/**
 * What the RPC server uses of the node's payment channels (Case 2 of the paper, {@code
 * priwatt-channels}): {@code listchanneloffers}, {@code openchannel}, {@code paychannel}, {@code
 * closechannel}, {@code listchannels} and {@code getchannel}. A consumer's role opens and pays
 * channels as the client, a prosumer's serves them; the node's energy role implements it.
 * Channels are named by the node ({@link ChannelInfo#name()}), since a channel's id exists only
 * once the server accepted; {@link #channel} finds one by either.
 */
public interface ChannelAccess {
  /** The live channel offers on the channel board, cheapest first. */
  List<Offer> channelOffers();

  /** The node's channels, as client and server, oldest first. */
  List<ChannelInfo> channels();

  /**
   * The channel called {@code nameOrId}: its {@link ChannelInfo#name()} or its channel id in hex.
   *
   * @return empty if the node has no such channel
   */
  default Optional<ChannelInfo> channel(String nameOrId) {
    Objects.requireNonNull(nameOrId, "nameOrId");
    return channels().stream().filter(c -> c.name().equals(nameOrId)
        || c.terms().filter(t -> t.id().toString().equalsIgnoreCase(nameOrId)).isPresent()).findFirst();
  }

  /**
   * Opens a channel as the client on the channel offer of {@code offer}: the offer's entry id in
   * hex or its seller's messaging address ({@code BM-...}); funds it from the node's wallet once
   * the server accepted.
   *
   * @param increments how many increments, 1..{@link ChannelTerms#MAX_INCREMENTS}; 0 for one per kWh
   * @return the new channel (state {@code OPENING})
   * @throws ChannelException {@link org.priwatt.channels.ChannelError#NOT_OFFERED} if no live
   *     channel offer matches, {@link org.priwatt.channels.ChannelError#BAD_INCREMENTS} if the
   *     increments do not fit the offer, {@link org.priwatt.channels.ChannelError#INSUFFICIENT_FUNDS}
   *     if the wallet cannot fund the capacity, {@link org.priwatt.channels.ChannelError#NOT_OPEN}
   *     if this node cannot open channels (not a consumer, or not ready yet), {@link
   *     org.priwatt.channels.ChannelError#STORAGE} if the session cannot be saved
   */
  ChannelInfo openChannel(String offer, int increments) throws ChannelException;

  /**
   * Pays {@code count} more increments of the client channel {@code name}: one now, the next
   * each once the server's secret of the previous one came (a channel has at most one payment
   * unanswered).
   *
   * @param name a name or id {@link #channel} finds
   * @return the channel, {@link ChannelInfo#requested()} raised by {@code count}
   * @throws ChannelException {@link org.priwatt.channels.ChannelError#NOT_OPEN} if the channel is
   *     not open or is the server's, {@link org.priwatt.channels.ChannelError#BEYOND_CAPACITY} if
   *     fewer than {@code count} increments are left unrequested
   * @throws IllegalArgumentException if there is no such channel or {@code count} is not positive
   */
  ChannelInfo pay(String name, int count) throws ChannelException;

  /**
   * Closes the channel {@code name}: a client asks the server to close with the latest payment,
   * a server broadcasts it.
   *
   * @throws ChannelException {@link org.priwatt.channels.ChannelError#NOT_OPEN} if it is not open
   * @throws IllegalArgumentException if there is no such channel
   */
  ChannelInfo close(String name) throws ChannelException;

  /**
   * One channel of the node, as its session reads now.
   *
   * @param name the node's name for it ({@code client-000000}, {@code server-000000})
   * @param role {@code client} or {@code server}
   * @param offer the offer the channel buys or sells
   * @param terms the agreed terms, once the server accepted
   * @param funding the funding output, once known
   * @param view capacity, spent, remaining, increments, refund height and what each side gets now
   * @param requested increments the client asked to pay so far (the server: those paid)
   * @param secrets the parts' secrets the client received (the server: released)
   * @param closedBy the transaction that spent the funding (close or refund), once seen
   * @param failure why the session failed or last refused, if it did
   */
  record ChannelInfo(String name, String role, Offer offer, Optional<ChannelTerms> terms,
      Optional<ChannelFunding> funding, ChannelView view, int requested, int secrets, Optional<TxId> closedBy,
      Optional<String> failure) {
    /** Checks the fields are present. */
    public ChannelInfo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(offer, "offer");
      Objects.requireNonNull(terms, "terms");
      Objects.requireNonNull(funding, "funding");
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(closedBy, "closedBy");
      Objects.requireNonNull(failure, "failure");
    }

    /** The entry the channel trades. */
    public EntryId entry() {
      return offer.entry();
    }
  }
}
