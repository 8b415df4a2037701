import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.util.List;

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

  private Launcher() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: Launcher <host> <port> <store.mv.db | :memory:>");
      System.exit(2);
    }
    System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", "warn");
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    H2Backend backend = args[2].equals(":memory:") ? H2Backend.inMemory() : new H2Backend(args[2]);
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
