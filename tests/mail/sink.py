"""A local SMTP sink for the mail tests (issue #18): aiosmtpd from PyPI, on 127.0.0.1:PORT.

Each accepted message is written to DIR as N.eml (the whole message) and N.json ({"to": [...], "subject": ...,
"attachments": [names]}), each attachment beside it as N-NAME. A recipient listed (one per line) in DIR/refuse is
refused with 550, so a test can make the server refuse a message and later accept it. Runs until killed.

    python3 tests/mail/sink.py PORT DIR
"""
import email
import email.policy
import json
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        # Numbering goes on after a restart of the sink on the same folder.
        self.count = sum(1 for name in os.listdir(folder) if name.endswith(".json"))

    def refused(self):
        try:
            with open(os.path.join(self.folder, "refuse"), encoding="utf-8") as f:
                return {line.strip() for line in f if line.strip()}
        except FileNotFoundError:
            return set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused():
            return "550 5.1.1 mailbox unavailable (refused by the test)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        n = self.count
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        names = []
        for part in message.iter_attachments():
            name = part.get_filename()
            names.append(name)
            with open(os.path.join(self.folder, f"{n}-{name}"), "wb") as f:
                f.write(part.get_payload(decode=True))
        body = message.get_body(preferencelist=("plain",))
        summary = {
            "to": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "body": body.get_content() if body is not None else "",
            "attachments": names,
        }
        with open(os.path.join(self.folder, f"{n}.eml"), "wb") as f:
            f.write(envelope.content)
        # The summary last: a test that sees N.json sees the whole message.
        tmp = os.path.join(self.folder, f"{n}.json.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(summary, f)
        os.rename(tmp, os.path.join(self.folder, f"{n}.json"))
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    with open(os.path.join(folder, "ready"), "w") as f:
        f.write("ready")
    try:
        signal.pause()  # the controller serves on its own thread; SIGTERM or SIGKILL ends the sink
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
