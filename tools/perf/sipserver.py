"""A minimal BroadWorks-style registrar + as-feature-event notifier for load measurements.

Runs on loopback only. Answers REGISTER and SUBSCRIBE with 200, sends a full-state NOTIFY
after each initial SUBSCRIBE, and can push DND NOTIFYs at a fixed rate. Every NOTIFY is
retransmitted (T1 = 0.5 s doubling, RFC 3261 17.1.2) until answered, so a measured loss is
the phone's, not the tool's. Written for this project; no third-party code.
"""
import asyncio
import re
import time
import uuid

NS = "http://www.ecma-international.org/standards/ecma-323/csta/ed3"


def header(msg, name, compact=None):
    pattern = r"^(?:%s%s)\s*:\s*(.*)$" % (re.escape(name), "|" + re.escape(compact) if compact else "")
    m = re.search(pattern, msg, re.I | re.M)
    return m.group(1).strip() if m else None


def all_headers(msg, name, compact=None):
    pattern = r"^(?:%s%s)\s*:\s*(.*)$" % (re.escape(name), "|" + re.escape(compact) if compact else "")
    return [m.group(1).strip() for m in re.finditer(pattern, msg, re.I | re.M)]


class Dialog:
    def __init__(self, call_id, tag, local_uri, remote_uri, target, addr):
        self.call_id, self.tag, self.local_uri, self.remote_uri, self.target, self.addr = call_id, tag, local_uri, remote_uri, target, addr
        self.cseq = 0


class Server(asyncio.DatagramProtocol):
    def __init__(self):
        self.transport = None
        self.first_register = None            # time of the first REGISTER seen
        self.registered = {}                  # user -> time of first REGISTER answered
        self.subscribed = {}                  # user -> time the first NOTIFY was answered
        self.dialogs = {}                     # user -> Dialog
        self.pending = {}                     # (call_id, cseq) -> [user, dnd, sent_at, first_sent]
        self.dnd = {}                         # user -> the server's DND value
        self.notify_latency = []              # seconds from first send to 200
        self.full_state_answers = []          # (first send, seconds to its 200) of each subscription's first NOTIFY
        self.notifies_sent = 0
        self.notifies_answered = 0
        self.retransmissions = 0
        self.given_up = 0
        self.codes = {}                       # NOTIFY response code -> count
        self.answered = {}                    # (Call-ID, CSeq) of each SUBSCRIBE -> our response

    def connection_made(self, transport):
        self.transport = transport

    def local(self):
        host, port = self.transport.get_extra_info("sockname")[:2]
        return "%s:%d" % (host, port)

    def datagram_received(self, data, addr):
        msg = data.decode("utf-8", "replace")
        first = msg.split("\r\n", 1)[0]
        if first.startswith("SIP/2.0 "):
            self.on_response(msg)
            return
        method = first.split(" ", 1)[0]
        if method == "REGISTER":
            user = re.search(r"sip:([^@;>]+)@", header(msg, "From", "f")).group(1)
            now = time.monotonic()
            # An un-REGISTER (Expires: 0, from a process stopping) is not a registration.
            removing = (header(msg, "Expires") or "").strip() == "0" or re.search(r"expires=0\b", header(msg, "Contact", "m") or "")
            if not removing:
                if self.first_register is None:
                    self.first_register = now
                self.registered.setdefault(user, now)
            contact = header(msg, "Contact", "m") or ""
            self.respond(msg, addr, tag=uuid.uuid4().hex[:8], extra=["Contact: %s;expires=3600" % contact, "Expires: 3600"])
        elif method == "SUBSCRIBE":
            self.on_subscribe(msg, addr)
        elif method == "NOTIFY":
            self.respond(msg, addr, code="481 Call/Transaction Does Not Exist")
        elif method != "ACK":
            self.respond(msg, addr, code="405 Method Not Allowed")

    def respond(self, msg, addr, code="200 OK", tag=None, extra=()):
        lines = ["SIP/2.0 " + code]
        lines += ["Via: " + v for v in all_headers(msg, "Via", "v")]
        lines.append("From: " + header(msg, "From", "f"))
        to = header(msg, "To", "t")
        if tag and ";tag=" not in to:
            to += ";tag=" + tag
        lines.append("To: " + to)
        lines.append("Call-ID: " + header(msg, "Call-ID", "i"))
        lines.append("CSeq: " + header(msg, "CSeq"))
        lines += list(extra)
        lines.append("Content-Length: 0")
        data = ("\r\n".join(lines) + "\r\n\r\n").encode()
        self.transport.sendto(data, addr)
        return data

    def on_subscribe(self, msg, addr):
        # A retransmitted SUBSCRIBE (our 200 was late or lost) gets the same answer again, as a
        # server transaction would (RFC 3261 17.2.2), never a second dialog with another tag.
        key = (header(msg, "Call-ID", "i"), header(msg, "CSeq"))
        if key in self.answered:
            self.transport.sendto(self.answered[key], addr)
            return
        frm = header(msg, "From", "f")
        user = re.search(r"sip:([^@;>]+)@", frm).group(1)
        to = header(msg, "To", "t")
        call_id = header(msg, "Call-ID", "i")
        contact = header(msg, "Contact", "m") or ""
        m = re.search(r"<([^>]+)>", contact)
        target = m.group(1) if m else contact
        d = self.dialogs.get(user)
        if ";tag=" not in to:
            tag = uuid.uuid4().hex[:8]
            d = Dialog(call_id, tag, to, frm, target, addr)
            self.dialogs[user] = d
            self.answered[key] = self.respond(msg, addr, tag=tag, extra=["Contact: <sip:as@%s>" % self.local(), "Expires: 3600"])
            self.notify(user, full=True)
            return
        if d is None or d.call_id != call_id:
            self.answered[key] = self.respond(msg, addr, code="481 Subscription Does Not Exist")
            return
        self.answered[key] = self.respond(msg, addr, extra=["Contact: <sip:as@%s>" % self.local(), "Expires: 3600"])
        body = msg.split("\r\n\r\n", 1)[1] if "\r\n\r\n" in msg else ""
        m = re.search(r"<doNotDisturbOn>\s*(true|false)", body)
        if "<SetDoNotDisturb" in body and m:
            self.dnd[user] = m.group(1) == "true"
            self.notify(user)
        else:
            self.notify(user, full=True)

    def notify(self, user, dnd=None, full=False):
        d = self.dialogs[user]
        if dnd is not None:
            self.dnd[user] = dnd
        value = self.dnd.setdefault(user, False)
        dnd_doc = ('<?xml version="1.0" encoding="ISO-8859-1"?><DoNotDisturbEvent xmlns="%s"><device>%s</device>'
                   '<doNotDisturbOn>%s</doNotDisturbOn></DoNotDisturbEvent>' % (NS, user, "true" if value else "false"))
        if full:
            parts = [dnd_doc] + [
                ('<?xml version="1.0" encoding="ISO-8859-1"?><ForwardingEvent xmlns="%s"><device>%s</device><forwardingType>%s</forwardingType>'
                 '<forwardStatus>false</forwardStatus><forwardTo></forwardTo><ringCount></ringCount></ForwardingEvent>') % (NS, user, t)
                for t in ("forwardImmediate", "forwardBusy", "forwardNoAns")]
            body = "".join("--b1\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n%s\r\n" % p for p in parts) + "--b1--\r\n"
            ctype = "multipart/mixed;boundary=b1"
        else:
            body, ctype = dnd_doc, "application/x-as-feature-event+xml"
        d.cseq += 1
        text = "\r\n".join([
            "NOTIFY %s SIP/2.0" % d.target,
            "Via: SIP/2.0/UDP %s;branch=z9hG4bK%s" % (self.local(), uuid.uuid4().hex),
            "Max-Forwards: 70",
            "From: %s;tag=%s" % (d.local_uri, d.tag),
            "To: %s" % d.remote_uri,
            "Call-ID: %s" % d.call_id,
            "CSeq: %d NOTIFY" % d.cseq,
            "Contact: <sip:as@%s>" % self.local(),
            "Event: as-feature-event",
            "Subscription-State: active;expires=3600",
            "Content-Type: " + ctype,
            "Content-Length: %d" % len(body.encode()),
            "", body]).encode()
        key = (d.call_id, d.cseq)
        now = time.monotonic()
        self.pending[key] = [user, value, now, now, text, d.addr, 0.5, full]
        self.notifies_sent += 1
        self.transport.sendto(text, d.addr)

    def on_response(self, msg):
        cseq = header(msg, "CSeq") or ""
        if not cseq.endswith("NOTIFY"):
            return
        key = (header(msg, "Call-ID", "i"), int(cseq.split()[0]))
        entry = self.pending.pop(key, None)
        if entry is None:
            return
        now = time.monotonic()
        code = msg.split(" ", 2)[1]
        self.codes[code] = self.codes.get(code, 0) + 1
        self.notifies_answered += 1
        self.notify_latency.append(now - entry[3])
        if entry[7]:
            self.subscribed.setdefault(entry[0], now)
            self.full_state_answers.append((entry[3], now - entry[3]))

    async def retransmit(self):
        """Timer E: resend unanswered NOTIFYs at T1, 2*T1, ... up to T2 = 4 s; give up after 32 s (Timer F)."""
        while True:
            await asyncio.sleep(0.1)
            now = time.monotonic()
            for key, e in list(self.pending.items()):
                if now - e[3] > 32:
                    del self.pending[key]
                    self.given_up += 1
                elif now - e[2] >= e[6]:
                    e[2], e[6] = now, min(e[6] * 2, 4.0)
                    self.retransmissions += 1
                    self.transport.sendto(e[4], e[5])
