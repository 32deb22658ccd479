package org.priwatt.channels;

import org.priwatt.crypto.EcKey;

/**
 * Where a {@link ChannelServer} takes its channel key (pubKeyB of the channel script) when it
 * accepts an OPEN: the closing payment pays the P2PKH of that key, so the caller decides where
 * its earnings land. A node gives a fresh key of its wallet, which then sees and spends them; a
 * key the caller does not keep would leave the earnings in the server's journal only.
 *
 * <p>Asked once per accepted OPEN (a server whose lock the DSO refused offers again and may
 * accept another client), never again for a channel already accepted: its key is saved with the
 * server's state and a resumed server uses it.
 */
@FunctionalInterface
public interface ChannelKeySource {
  /**
   * A fresh key for one new channel, used for no other channel or trade (a key reused across
   * channels would link them), which the caller can spend.
   *
   * @throws ChannelException if no key can be had (a node's wallet: {@link ChannelError#CHAIN});
   *     the server then refuses the OPEN and keeps its offer
   */
  EcKey freshKey() throws ChannelException;
}
