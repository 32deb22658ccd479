package org.priwatt.chain.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A persistent {@link ChainStore} on an embedded RocksDB database (the optional dependency
 * {@code org.rocksdb:rocksdbjni}). Column families: {@code blocks} and {@code headers} by block
 * hash, {@code coins} by serialized outpoint, {@code undo} by block hash, and the tip in the
 * default family.
 *
 * <p>Crash safety: each {@link #apply} is one RocksDB {@code WriteBatch} (coins, undo and tip
 * together) written through the write-ahead log, which RocksDB replays atomically on reopen: a
 * process killed at any moment restarts at the old or the new tip with the matching UTXO set.
 * With {@code sync = false} (the default) the log is handed to the operating system but not
 * fsynced, which survives a process crash but may lose the latest updates (never consistency)
 * in a power failure; {@code sync = true} fsyncs every write. Thread-safe.
 *
 * <p>Typical use: {@code ChainState.open(params, CachingChainStore.wrap(
 * RocksDbChainStore.open(dir), 1_000_000))}, so hot coins are answered from memory.
 */
public final class RocksDbChainStore implements ChainStore {
  private static final byte[] TIP_KEY = "tip".getBytes(StandardCharsets.US_ASCII);
  private static final String[] FAMILIES = {"blocks", "headers", "coins", "undo"};

  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final WriteOptions writeOptions;
  private final List<ColumnFamilyHandle> handles;
  private final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle blocks;
  private final ColumnFamilyHandle headers;
  private final ColumnFamilyHandle coins;
  private final ColumnFamilyHandle undo;
  private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksDbChainStore(RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions,
      WriteOptions writeOptions, List<ColumnFamilyHandle> handles) {
    this.db = db;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.writeOptions = writeOptions;
    this.handles = handles;
    this.meta = handles.get(0);
    this.blocks = handles.get(1);
    this.headers = handles.get(2);
    this.coins = handles.get(3);
    this.undo = handles.get(4);
  }

  /** Opens (creating if needed) the store in {@code directory} without fsync per write. */
  public static RocksDbChainStore open(Path directory) throws ChainException {
    return open(directory, false);
  }

  /**
   * Opens (creating if needed) the store in {@code directory}.
   *
   * @param sync whether every write is fsynced (see the class comment)
   * @throws ChainException {@link ChainError#STORE_FAILURE} if the database cannot be opened
   *     (for example, another process holds its lock)
   */
  public static RocksDbChainStore open(Path directory, boolean sync) throws ChainException {
    Objects.requireNonNull(directory, "directory");
    RocksDB.loadLibrary();
    DBOptions dbOptions = new DBOptions().setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true);
    ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
    WriteOptions writeOptions = new WriteOptions().setSync(sync);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    for (String name : FAMILIES) {
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII),
          cfOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      Files.createDirectories(directory);
      RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
      return new RocksDbChainStore(db, dbOptions, cfOptions, writeOptions, handles);
    } catch (RocksDBException | java.io.IOException e) {
      writeOptions.close();
      cfOptions.close();
      dbOptions.close();
      throw new ChainException(ChainError.STORE_FAILURE, "cannot open " + directory, e);
    }
  }

  private interface Op<T> {
    T run() throws RocksDBException, ChainException;
  }

  private <T> T guarded(Op<T> op) throws ChainException {
    closeLock.readLock().lock();
    try {
      if (closed) {
        throw new ChainException(ChainError.STORE_FAILURE, "store is closed");
      }
      return op.run();
    } catch (RocksDBException e) {
      throw new ChainException(ChainError.STORE_FAILURE, e.getMessage(), e);
    } finally {
      closeLock.readLock().unlock();
    }
  }

  private static <T> T decode(Codec<T> codec, byte[] bytes, String what) throws ChainException {
    try {
      return codec.decodeFully(bytes);
    } catch (DecodeException e) {
      throw new ChainException(ChainError.STORE_CORRUPT, what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void putBlock(Block block) throws ChainException {
    byte[] key = block.hash().toBytes();
    byte[] value = block.serialize();
    guarded(() -> {
      try (WriteBatch batch = new WriteBatch()) {
        batch.put(blocks, key, value);
        batch.put(headers, key, block.header().serialize());
        db.write(writeOptions, batch);
      }
      return null;
    });
  }

  @Override
  public Optional<Block> block(BlockHash hash) throws ChainException {
    byte[] bytes = guarded(() -> db.get(blocks, hash.toBytes()));
    return bytes == null ? Optional.empty() : Optional.of(decode(Block.CODEC, bytes, "block"));
  }

  @Override
  public void forEachHeader(Consumer<BlockHeader> action) throws ChainException {
    guarded(() -> {
      try (RocksIterator it = db.newIterator(headers)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          action.accept(decode(BlockHeader.CODEC, it.value(), "header"));
        }
        it.status();
      }
      return null;
    });
  }

  @Override
  public Optional<Coin> coin(OutPoint outPoint) throws ChainException {
    byte[] bytes = guarded(() -> db.get(coins, OutPoint.CODEC.encode(outPoint)));
    return bytes == null ? Optional.empty() : Optional.of(decode(Coin.CODEC, bytes, "coin"));
  }

  @Override
  public void forEachCoin(BiConsumer<OutPoint, Coin> action) throws ChainException {
    guarded(() -> {
      try (RocksIterator it = db.newIterator(coins)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          action.accept(decode(OutPoint.CODEC, it.key(), "outpoint"),
              decode(Coin.CODEC, it.value(), "coin"));
        }
        it.status();
      }
      return null;
    });
  }

  @Override
  public Optional<BlockUndo> undo(BlockHash hash) throws ChainException {
    byte[] bytes = guarded(() -> db.get(undo, hash.toBytes()));
    return bytes == null ? Optional.empty()
        : Optional.of(decode(BlockUndo.CODEC, bytes, "undo"));
  }

  @Override
  public Optional<BlockHash> tip() throws ChainException {
    byte[] bytes = guarded(() -> db.get(meta, TIP_KEY));
    if (bytes == null) {
      return Optional.empty();
    }
    if (bytes.length != 32) {
      throw new ChainException(ChainError.STORE_CORRUPT, "tip of " + bytes.length + " bytes");
    }
    return Optional.of(BlockHash.fromBytes(bytes));
  }

  @Override
  public void apply(ChainStoreUpdate update) throws ChainException {
    guarded(() -> {
      try (WriteBatch batch = new WriteBatch()) {
        for (var e : update.coins().entrySet()) {
          byte[] key = OutPoint.CODEC.encode(e.getKey());
          if (e.getValue().isPresent()) {
            batch.put(coins, key, Coin.CODEC.encode(e.getValue().get()));
          } else {
            batch.delete(coins, key);
          }
        }
        for (var e : update.undo().entrySet()) {
          byte[] key = e.getKey().toBytes();
          if (e.getValue().isPresent()) {
            batch.put(undo, key, BlockUndo.CODEC.encode(e.getValue().get()));
          } else {
            batch.delete(undo, key);
          }
        }
        batch.put(meta, TIP_KEY, update.tip().toBytes());
        db.write(writeOptions, batch);
      }
      return null;
    });
  }

  @Override
  public void close() {
    closeLock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (ColumnFamilyHandle h : handles) {
        h.close();
      }
      db.close();
      writeOptions.close();
      cfOptions.close();
      dbOptions.close();
    } finally {
      closeLock.writeLock().unlock();
    }
  }
}
