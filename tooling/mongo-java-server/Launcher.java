import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * Runs mongo-java-server with its H2 backend: the local MongoDB stand-in of the Tabletap service
 * stack (tooling/stack).
 *
 * <pre>java -cp &lt;classes&gt;:&lt;classpath&gt; Launcher 127.0.0.1 27017 .data/dev/mongodb/mongodb.mv.db</pre>
 *
 * The third argument is the H2 MVStore file, or {@code :memory:} for a store that lives in memory
 * only. The server reports MongoDB 6.0 (wire version 17): its built-in versions stop at wire
 * version 8, below what the Node driver accepts. SIGTERM or SIGINT closes the listener, the client
 * connections and then the store, which writes its last changes to the file (MVStore otherwise
 * saves about once a second). Logs go to stderr (slf4j-simple), without a line per connection.
 */
public final class Launcher {
  /** The server version reported to clients by hello / isMaster / buildInfo. */
  enum ReportedVersion implements MongoVersion {
    MONGO_6_0(List.of(6, 0, 0), 17);

    private final List<Integer> versionArray;
    private final int wireVersion;

    ReportedVersion(List<Integer> versionArray, int wireVersion) {
      this.versionArray = versionArray;
      this.wireVersion = wireVersion;
    }

    @Override
    public List<Integer> getVersionArray() {
      return versionArray;
    }

    @Override
    public int getWireVersion() {
      return wireVersion;
    }
  }

  /**
   * H2's collections hand out the stored document objects themselves, and an update changes its
   * document in place while holding the collection's lock; the answer is written to the client
   * after the lock is released. Without copies, a findAndModify answer (e.g. an order-number
   * counter's {@code $inc} with {@code returnDocument: "after"}) or a query answer can show
   * another request's later change: two orders got the same number under concurrency. These
   * collections answer with deep copies taken under the lock, so every answer is the state its
   * own operation produced, as on MongoDB.
   */
  static final class SnapshotCollection extends H2Collection {
    SnapshotCollection(
        MongoDatabase database,
        String name,
        CollectionOptions options,
        org.h2.mvstore.MVMap<Object, Document> dataMap,
        org.h2.mvstore.MVMap<String, Object> metaMap,
        CursorRegistry cursorRegistry) {
      super(database, name, options, dataMap, metaMap, cursorRegistry);
    }

    /**
     * Uses a unique index whose keys the filter names exactly (equality or {@code $in}) also
     * when the filter has more fields, such as {@code {_id, status}} for a conditional update:
     * the index finds the candidates and the whole filter is applied to them, as MongoDB does.
     * mongo-java-server itself only uses an index when the filter has no other field, and scans
     * the collection otherwise.
     */
    @Override
    protected QueryResult queryDocuments(
        Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
      for (Index<Object> index : getIndexes()) {
        Document indexQuery = new Document();
        for (IndexKey key : index.getKeys()) {
          if (!query.containsKey(key.getKey())) {
            indexQuery = null;
            break;
          }
          indexQuery.put(key.getKey(), query.get(key.getKey()));
        }
        if (indexQuery != null && indexQuery.size() < query.size() && index.canHandle(indexQuery)) {
          Iterable<Object> positions = index.getPositions(indexQuery);
          return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
      }
      return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    public synchronized Document findAndModify(Document query) {
      Document result = super.findAndModify(query);
      if (result.get("value") instanceof Document value) result.put("value", value.cloneDeeply());
      return result;
    }

    @Override
    public synchronized QueryResult handleQuery(QueryParameters parameters) {
      QueryResult result = super.handleQuery(parameters);
      List<Document> copies = new ArrayList<>();
      for (Document document : result) copies.add(document.cloneDeeply());
      return new QueryResult(copies, result.getCursorId());
    }
  }

  /** H2's backend, whose databases hand out {@link SnapshotCollection}s. */
  static final class SnapshotBackend extends H2Backend {
    SnapshotBackend(MVStore store) {
      super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
      return new SnapshotDatabase(name);
    }

    /**
     * H2's database with {@link SnapshotCollection}s over the same maps (hence the same files) as
     * H2Database's own. An inner class: H2Database's constructor already opens collections, before
     * a field of this class could be set, but the enclosing backend (and its store) is there.
     */
    final class SnapshotDatabase extends H2Database {
      SnapshotDatabase(String name) {
        super(name, getMvStore(), getCursorRegistry());
      }

      /**
       * Creates collections under the database's lock, like an insert's implicit creation: the
       * server's own `create` command does not take it, and mongoose creating every collection at
       * start-up while a first insert creates one of them made both record it ("already existed").
       */
      @Override
      public synchronized MongoCollection<Object> createCollectionOrThrowIfExists(
          String name, CollectionOptions options) {
        return super.createCollectionOrThrowIfExists(name, options);
      }

      @Override
      protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
        String fullName = getDatabaseName() + "." + name;
        MVStore store = getMvStore();
        return new SnapshotCollection(
            this, name, options, store.openMap("databases." + fullName), store.openMap("meta." + fullName), cursorRegistry);
      }
    }
  }

  private Launcher() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: Launcher <host> <port> <store.mv.db | :memory:>");
      System.exit(2);
    }
    System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", "warn");
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    H2Backend backend = new SnapshotBackend(args[2].equals(":memory:") ? MVStore.open(null) : MVStore.open(args[2]));
    backend.version(ReportedVersion.MONGO_6_0);
    MongoServer server = new MongoServer(backend);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdownNow(); // also closes the backend, hence the store
                  System.err.println("mongo-java-server stopped, store closed");
                },
                "shutdown"));
    server.bind(host, port);
    System.err.println("mongo-java-server listening on " + host + ":" + port + " (" + backend + ")");
  }
}
