"""A mitmproxy addon (Debian's mitmproxy, run as mitmdump in reverse mode in front of a hub) that
garbles some of the hub's answers on purpose, for hubload's GarbledAnswersIT.

Option `garble`: which test user gets which garbling, by the number that ends the user's name,
e.g. "1=html-for-json,2=progress-cut". The garblings:

  html-for-json       the user's first GET of its model (/hub/api/users/NAME) gets an HTML error
                      page with status 200, as a misconfigured load balancer sends
  progress-cut        the user's spawn progress stream ends after its first event: no ready event
  progress-malformed  the stream carries a malformed event, and no ready event
  ws-cut              the user's kernel websocket is cut as the first execute_reply comes through

Each is done once per user, so that the user's stop still works.
"""
import re

from mitmproxy import ctx, http

USER_MODEL = re.compile(r"^/hub/api/users/([^/?]+)$")
PROGRESS = re.compile(r"^/hub/api/users/([^/?]+)/server/progress")
KERNEL_CHANNELS = re.compile(r"^/user/([^/]+)/api/kernels/[^/]+/channels")


class Garble:
    def __init__(self):
        self.garbled = set()

    def load(self, loader):
        loader.add_option("garble", str, "", "which user gets which garbling: N=MODE,...")

    def _mode(self, user):
        number = user.rsplit("-", 1)[-1]
        for pair in ctx.options.garble.split(","):
            key, _, mode = pair.partition("=")
            if key.strip() == number:
                return mode.strip()
        return ""

    def _once(self, mode, user):
        """Whether this user gets this garbling now: it does, once."""
        if self._mode(user) != mode or (mode, user) in self.garbled:
            return False
        self.garbled.add((mode, user))
        return True

    def response(self, flow: http.HTTPFlow):
        path = flow.request.path.split("?")[0]
        m = USER_MODEL.match(path)
        if m and flow.request.method == "GET" and self._once("html-for-json", m.group(1)):
            flow.response = http.Response.make(
                200,
                b"<html><head><title>502 Bad Gateway</title></head>"
                b"<body><h1>502 Bad Gateway</h1><p>upstream sent no valid answer</p></body></html>",
                {"Content-Type": "text/html"},
            )
            return
        m = PROGRESS.match(path)
        if m and flow.response.status_code == 200:
            user = m.group(1)
            for mode in ("progress-cut", "progress-malformed"):
                if self._once(mode, user):
                    # The events before the final one (ready or failed); the hub sends only that
                    # one when the server was ready before the stream was asked for.
                    events = [
                        line
                        for line in flow.response.text.split("\n")
                        if line.startswith("data:") and '"ready": true' not in line and '"failed": true' not in line
                    ]
                    first = events[0] if events else 'data: {"progress": 0, "message": "Server requested"}'
                    if mode == "progress-cut":
                        flow.response.text = first + "\n\n"
                    else:
                        flow.response.text = first + '\n\ndata: {"progress": 50, "message": \n\n'

    def websocket_message(self, flow: http.HTTPFlow):
        m = KERNEL_CHANNELS.match(flow.request.path)
        message = flow.websocket.messages[-1]
        if m and not message.from_client and b"execute_reply" in message.content and self._once("ws-cut", m.group(1)):
            ctx.log.info("hubload: cutting the kernel websocket of " + m.group(1))
            message.drop()
            cut_client_connection(flow)


def cut_client_connection(flow):
    """Closes the user's TCP connection, as a proxy or load balancer that gives up does.

    mitmproxy 8.1 (Debian 12) ignores flow.kill() once a websocket is open, so this closes the
    connection's transport itself, through the proxy server's table of connections: an internal
    of that version, for this test only.
    """
    server = ctx.master.addons.get("proxyserver")
    for handler in list(server._connections.values()):
        if handler.client.id == flow.client_conn.id:
            transport = handler.transports.get(handler.client)
            if transport is not None and transport.writer is not None:
                transport.writer.transport.abort()


addons = [Garble()]
