"""A minimal SignalR client for measure.py: one connection to the status hub over Server-Sent
Events (the standard library has no WebSocket), JSON protocol, counting the line pushes it gets.
It stands for a Status page left open during a NOTIFY storm, so the live push is measured too."""
import http.client
import json
import threading
import urllib.parse
import urllib.request

RECORD_SEPARATOR = "\x1e"


class HubClient:
    def __init__(self, base, auth, path="/hubs/status"):
        self.base, self.auth, self.path = base, auth, path
        self.pushes = 0  # line objects received
        self.messages = 0  # LineStatesChanged messages (each holds a round's changed lines)
        self.lines = set()
        self.error = None
        self._stop = False
        self._conn = None

    def _post(self, url, body, content_type):
        req = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Authorization": self.auth, "Content-Type": content_type})
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.read()

    def start(self):
        negotiated = json.loads(self._post(self.base + self.path + "/negotiate?negotiateVersion=1", b"", "text/plain"))
        token = negotiated["connectionToken"]
        self._url = self.path + "?id=" + urllib.parse.quote(token)
        host = urllib.parse.urlparse(self.base)
        self._conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        self._conn.request("GET", self._url, headers={"Authorization": self.auth, "Accept": "text/event-stream"})
        self._response = self._conn.getresponse()
        threading.Thread(target=self._read, daemon=True).start()
        # The handshake goes up by POST; the server's answer and every push come down the stream.
        self._post(self.base + self._url, (json.dumps({"protocol": "json", "version": 1}) + RECORD_SEPARATOR).encode(), "text/plain")

    def _read(self):
        buffer = ""
        try:
            while not self._stop:
                line = self._response.readline()
                if not line:
                    return
                text = line.decode("utf-8").rstrip("\r\n")
                if not text.startswith("data:"):
                    continue
                buffer += text[5:].lstrip(" ")
                while RECORD_SEPARATOR in buffer:
                    record, buffer = buffer.split(RECORD_SEPARATOR, 1)
                    if not record:
                        continue
                    message = json.loads(record)
                    if message.get("type") == 1 and message.get("target") == "LineStatesChanged":
                        self.messages += 1
                        for argument in message.get("arguments", [])[:1]:
                            for line in argument if isinstance(argument, list) else []:
                                if isinstance(line, dict) and "line" in line:
                                    self.pushes += 1
                                    self.lines.add(line["line"])
        except Exception as ex:  # reported, never raised into the run
            if not self._stop:
                self.error = repr(ex)

    def stop(self):
        self._stop = True
        try:
            self._conn.close()
        except Exception:
            pass
