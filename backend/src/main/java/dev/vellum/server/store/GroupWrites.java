package dev.vellum.server.store;

import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.relay.ChainHead;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writes of one group of appends to one note, in its transaction, with as few statements as the group allows:
 * each author's chain head read once and moved once (however many of their items the group holds), and the items
 * inserted in one batch. Per item, an append ran four statements, each prepared anew: the append's SQL other than
 * the commit was a fifth of the server's time. What reads the note's items must call {@link #flushItems} first, so
 * it sees every item the group has stored so far. {@link #finish} writes what is left; the caller then commits.
 * Blocking, on the database worker that runs the transaction; used by one thread.
 */
final class GroupWrites implements AutoCloseable {
    /** SQLSTATE 23505, unique violation, as a racing append on another node causes. */
    static final String UNIQUE_VIOLATION = "23505";

    private final Connection connection;
    private final byte[] noteId;
    /** Each author's head as the transaction found it, and where the group has moved it; in order of first item. */
    private final Map<ByteBuffer, Chain> chains = new LinkedHashMap<>();
    private PreparedStatement readChain;
    private PreparedStatement insertItem;
    private int unflushedItems;

    private static final class Chain {
        final byte[] author;
        final ChainHead read;
        ChainHead current;

        Chain(byte[] author, ChainHead read) {
            this.author = author;
            this.read = read;
            this.current = read;
        }
    }

    GroupWrites(Connection connection, byte[] noteId) {
        this.connection = connection;
        this.noteId = noteId;
    }

    /** The author's chain head in the note as this group leaves it so far, {@link ChainHead#NONE} if none. */
    ChainHead chainHead(byte[] author) throws SQLException {
        Chain chain = chains.get(ByteBuffer.wrap(author));
        if (chain == null) {
            chain = new Chain(author, readChainHead(author));
            chains.put(ByteBuffer.wrap(author), chain);
        }
        return chain.current;
    }

    private ChainHead readChainHead(byte[] author) throws SQLException {
        if (readChain == null) {
            readChain = connection.prepareStatement("SELECT last_sequence, last_hash "
                    + "FROM note_author_chains WHERE note_id = ? AND author_key_id = ?");
        }
        readChain.setBytes(1, noteId);
        readChain.setBytes(2, author);
        try (ResultSet rows = readChain.executeQuery()) {
            if (!rows.next()) {
                return ChainHead.NONE;
            }
            return new ChainHead(rows.getLong(1), UpdateHash.fromBytes(rows.getBytes(2)));
        }
    }

    /**
     * Stores {@code item} as {@code revision} and moves its author's chain on to it; written by {@link #flushItems}
     * or {@link #finish}. The author's head must have been read by {@link #chainHead} in this group.
     */
    void store(long revision, NoteItem item, long now) throws SQLException {
        byte[] author = item.header().authorKeyId().toBytes();
        Chain chain = chains.get(ByteBuffer.wrap(author));
        if (chain == null) {
            throw new IllegalStateException("the author's chain head was not read in this group");
        }
        chain.current = ChainHead.after(item);
        if (insertItem == null) {
            insertItem = connection.prepareStatement("INSERT INTO note_items (note_id, revision, kind, covers, "
                    + "author_key_id, sequence, item, key_epoch, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        insertItem.setBytes(1, noteId);
        insertItem.setLong(2, revision);
        insertItem.setInt(3, item.kind().code());
        insertItem.setLong(4, item.covers());
        insertItem.setBytes(5, author);
        insertItem.setLong(6, item.header().sequence());
        insertItem.setBytes(7, item.encode());
        insertItem.setInt(8, item.header().keyEpoch());
        insertItem.setTimestamp(9, new Timestamp(now));
        insertItem.addBatch();
        unflushedItems++;
    }

    /** Inserts the items stored so far, so that a statement reading the note's items sees them. */
    void flushItems() throws SQLException {
        if (unflushedItems == 0) {
            return;
        }
        unflushedItems = 0;
        insertItem.executeBatch();
    }

    /**
     * Inserts what is left and moves each author's chain once, from the head it read to the group's last item.
     * The update names the sequence it read, so an author racing themselves (two connections, or two nodes) moves
     * the chain once and the other transaction fails as on a taken number, and retries (and then conflicts).
     */
    void finish() throws SQLException {
        flushItems();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO note_author_chains "
                + "(note_id, author_key_id, last_sequence, last_hash) VALUES (?, ?, ?, ?)");
             PreparedStatement update = connection.prepareStatement("UPDATE note_author_chains "
                     + "SET last_sequence = ?, last_hash = ? WHERE note_id = ? AND author_key_id = ? "
                     + "AND last_sequence = ?")) {
            for (Chain chain : chains.values()) {
                if (chain.current.equals(chain.read)) {
                    continue; // every item of this author in the group was refused
                }
                if (chain.read.equals(ChainHead.NONE)) {
                    insert.setBytes(1, noteId);
                    insert.setBytes(2, chain.author);
                    insert.setLong(3, chain.current.lastSequence());
                    insert.setBytes(4, chain.current.lastHash().toBytes());
                    insert.executeUpdate();
                } else {
                    update.setLong(1, chain.current.lastSequence());
                    update.setBytes(2, chain.current.lastHash().toBytes());
                    update.setBytes(3, noteId);
                    update.setBytes(4, chain.author);
                    update.setLong(5, chain.read.lastSequence());
                    if (update.executeUpdate() != 1) {
                        throw new SQLException("the author's chain moved meanwhile", UNIQUE_VIOLATION);
                    }
                }
            }
        }
    }

    /** Whether a failed group should be tried again: a number or chain taken meanwhile, however the driver says so. */
    static boolean isRace(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement a = readChain; PreparedStatement b = insertItem) {
            // closes both, whichever were prepared
        }
    }
}
