package io.hubload.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Reads a local hub's database, for what its REST API does not show once a server has stopped. */
public final class HubDatabase {

  private HubDatabase() {}

  /** "user server options" for every named server in the hub's database. */
  public static Set<String> namedServers(Path stateDir) throws IOException, InterruptedException {
    Process query =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                "import sqlite3, sys\n"
                    + "c = sqlite3.connect(sys.argv[1])\n"
                    + "for u, s, o in c.execute(\"select u.name, s.name, s.user_options from spawners s join users u on u.id = s.user_id where s.name != ''\"):\n"
                    + "    print(u, s, o)\n",
                stateDir.resolve("jupyterhub.sqlite").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    query.waitFor();
    return new HashSet<>(out.lines().filter(l -> !l.isBlank()).toList());
  }
}
