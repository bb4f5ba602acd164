package io.hubload.hubapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HubUrlsTest {

  @Test
  void defaultServer() {
    HubUrls urls = new HubUrls(URI.create("https://hub.example.org/jupyter"), false);
    assertEquals("/hub/spawn", urls.spawnPage());
    assertEquals("/hub/api/users/#{user}/server", urls.server());
    assertEquals("/hub/api/users/#{user}/server/progress", urls.spawnProgress());
    assertEquals("/user/#{user}/tree", urls.serverHome());
    assertEquals(
        "/user/#{user}/api/kernels/#{kernelId}/channels?session_id=#{kernelSession}", urls.kernelChannels());
    assertEquals("https://hub.example.org/jupyter/hub/home", urls.hubPage());
    assertEquals("wss://hub.example.org/jupyter", urls.websocketBase());
  }

  @Test
  void namedServer() {
    HubUrls urls = new HubUrls(URI.create("http://127.0.0.1:8000"), true);
    assertEquals("/hub/spawn/#{user}/#{serverName}", urls.spawnPage());
    assertEquals("/hub/api/users/#{user}/servers/#{serverName}", urls.server());
    assertEquals("/hub/api/users/#{user}/servers/#{serverName}/progress", urls.spawnProgress());
    assertEquals("/user/#{user}/#{serverName}/api/kernels/#{kernelId}", urls.kernel());
    assertEquals("ws://127.0.0.1:8000", urls.websocketBase());
  }
}
