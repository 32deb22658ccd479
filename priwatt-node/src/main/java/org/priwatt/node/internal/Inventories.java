package org.priwatt.node.internal;

import java.util.ArrayList;
import java.util.List;
import org.priwatt.chain.TxId;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.msg.InventoryHash;
import org.priwatt.node.NodeError;
import org.priwatt.node.p2p.Command;
import org.priwatt.node.p2p.InventoryMessage;
import org.priwatt.node.p2p.InventoryVector;

/**
 * Splits an inv, getdata or notfound by inventory type and hands each part to its handler;
 * vectors of types the node does not know are ignored, as Core ignores them. Getdata for blocks
 * and transactions is queued on the peer and served as its send queue drains, so one getdata of
 * 50,000 blocks cannot make the node load and buffer them all at once.
 */
final class Inventories {
  /** Most getdata vectors queued per peer: two full messages. */
  static final int MAX_QUEUED_GETDATA = 2 * InventoryMessage.MAX_ENTRIES;

  private Inventories() {}

  static void dispatch(P2pNetwork net, Peer peer, InventoryMessage m, ChainSync sync, TxRelay txs,
      ObjectTransport objects) {
    List<BlockHash> blocks = new ArrayList<>();
    List<TxId> transactions = new ArrayList<>();
    List<InventoryHash> objectHashes = new ArrayList<>();
    for (InventoryVector v : m.vectors()) {
      if (v.type() == InventoryVector.MSG_BLOCK) {
        blocks.add(v.blockHash());
      } else if (v.type() == InventoryVector.MSG_TX) {
        transactions.add(v.txId());
      } else if (v.type() == InventoryVector.MSG_OBJECT) {
        objectHashes.add(v.inventoryHash());
      }
    }
    if (m.command() == Command.INV) {
      for (InventoryVector v : m.vectors()) {
        peer.known.add(v);
      }
      if (!blocks.isEmpty()) {
        sync.onInv(peer, blocks);
      }
      if (!transactions.isEmpty()) {
        txs.onInv(peer, transactions);
      }
      if (!objectHashes.isEmpty()) {
        objects.onInv(peer, objectHashes);
      }
    } else if (m.command() == Command.GETDATA) {
      int wanted = blocks.size() + transactions.size();
      if (peer.getDataQueue.size() + wanted > MAX_QUEUED_GETDATA) {
        net.misbehave(peer, P2pNetwork.BAN_SCORE, NodeError.PROTOCOL_VIOLATION,
            "more than " + MAX_QUEUED_GETDATA + " getdata requests queued");
        return;
      }
      for (InventoryVector v : m.vectors()) {
        if (v.type() == InventoryVector.MSG_BLOCK || v.type() == InventoryVector.MSG_TX) {
          peer.getDataQueue.add(v);
        }
      }
      if (!objectHashes.isEmpty()) {
        objects.onGetData(peer, objectHashes);
      }
    } else {
      if (!blocks.isEmpty()) {
        sync.onNotFound(peer, blocks);
      }
      if (!transactions.isEmpty()) {
        txs.onNotFound(peer, transactions);
      }
    }
  }
}
