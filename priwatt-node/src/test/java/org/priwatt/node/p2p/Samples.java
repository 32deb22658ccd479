package org.priwatt.node.p2p;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.msg.MessageObject;
import org.priwatt.script.Script;

/** Random but reproducible values of every wire type, for round trips and cut tests. */
public final class Samples {
  private Samples() {}

  static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static Sha256Hash hash(Random r) {
    return Sha256Hash.fromBytes(bytes(r, 32));
  }

  static NetAddress address(Random r) {
    try {
      InetAddress ip = InetAddress.getByAddress(bytes(r, r.nextBoolean() ? 4 : 16));
      return new NetAddress(r.nextLong(), ip, r.nextInt(65536));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static Transaction tx(Random r) {
    var b = Transaction.builder();
    int ins = 1 + r.nextInt(3);
    for (int i = 0; i < ins; i++) {
      b.addInput(TxInput.of(OutPoint.of(TxId.of(hash(r)), r.nextInt(5)), Script.fromBytes(bytes(r, r.nextInt(40))),
          TxInput.SEQUENCE_FINAL));
    }
    int outs = 1 + r.nextInt(3);
    for (int i = 0; i < outs; i++) {
      b.addOutput(Amount.ofSat(r.nextInt(1_000_000)), Script.fromBytes(bytes(r, r.nextInt(30))));
    }
    return b.build();
  }

  static Block block(Random r) {
    List<Transaction> txs = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      txs.add(tx(r));
    }
    return Block.assemble(header(r), txs);
  }

  static BlockHeader header(Random r) {
    return BlockHeader.of(r.nextInt(), BlockHash.of(hash(r)), hash(r), r.nextLong() & 0xffff_ffffL, r.nextInt(),
        r.nextInt());
  }

  static MessageObject object(Random r) {
    return MessageObject.unsolved(r.nextLong() & Long.MAX_VALUE, r.nextLong() & 0xffff_ffffL, r.nextInt(5),
        1 + r.nextInt(3), bytes(r, r.nextInt(200))).withNonce(r.nextLong());
  }

  /** One random message of {@code command}. */
  public static P2pMessage message(Command command, Random r) {
    return switch (command) {
      case VERSION -> new Version(r.nextInt(), r.nextLong(), r.nextLong(), address(r), address(r), r.nextLong(),
          "/Agent:" + r.nextInt(1000) + "/é", r.nextInt(), r.nextBoolean());
      case VERACK -> new Verack();
      case GETADDR -> new GetAddr();
      case PING -> new Ping(r.nextLong());
      case PONG -> new Pong(r.nextLong());
      case ADDR -> {
        List<TimedAddress> list = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
          list.add(new TimedAddress(r.nextLong() & 0xffff_ffffL, address(r)));
        }
        yield new Addr(list);
      }
      case INV, GETDATA, NOTFOUND -> {
        List<InventoryVector> list = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
          list.add(new InventoryVector(r.nextLong() & 0xffff_ffffL, hash(r)));
        }
        yield new InventoryMessage(command, list);
      }
      case GETHEADERS -> {
        List<BlockHash> loc = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
          loc.add(BlockHash.of(hash(r)));
        }
        yield new GetHeaders(r.nextInt(), loc, BlockHash.of(hash(r)));
      }
      case HEADERS -> {
        List<BlockHeader> list = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          list.add(header(r));
        }
        yield new Headers(list);
      }
      case BLOCK -> new BlockMessage(block(r));
      case TX -> new TxMessage(tx(r));
      case OBJECT -> new ObjectMessage(object(r));
    };
  }
}
