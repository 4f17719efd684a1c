#!/usr/bin/env python3
"""A tiny SMTP sink for local and browser tests (Python 3.11, standard library only).

Usage: smtp-sink.py PORT DIRECTORY

Listens on 127.0.0.1:PORT and writes each message received with DATA (dot-unstuffed, CRLF
line endings) into DIRECTORY as <time>-<n>.eml, written to a hidden temporary name first and
then renamed, so a reader never sees half a message. Supports EHLO, HELO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT (and accepts any AUTH PLAIN/LOGIN). Prints nothing.
"""

import asyncio
import itertools
import os
import sys
import time

MAX_LINE = 64 * 1024
MAX_MESSAGE = 16 * 1024 * 1024


class Sink:
    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.counter = itertools.count(1)

    def store(self, data: bytes) -> None:
        name = f"{time.time_ns()}-{next(self.counter)}.eml"
        temporary = os.path.join(self.directory, f".{name}.tmp")
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, os.path.join(self.directory, name))

    async def session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def reply(text: str) -> None:
            writer.write(text.encode() + b"\r\n")
            await writer.drain()

        async def readline() -> bytes | None:
            line = await reader.readline()
            if not line.endswith(b"\n"):
                return None
            return line.rstrip(b"\r\n")

        sender, recipients = None, []
        try:
            await reply("220 smtp-sink ESMTP ready")
            while (line := await readline()) is not None:
                verb = line.split(b" ", 1)[0].split(b":", 1)[0].upper()
                if verb == b"EHLO":
                    await reply("250-smtp-sink\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 HELP")
                elif verb in (b"HELO", b"NOOP"):
                    await reply("250 OK")
                elif verb == b"RSET":
                    sender, recipients = None, []
                    await reply("250 OK")
                elif verb == b"MAIL":
                    sender, recipients = line, []
                    await reply("250 OK")
                elif verb == b"RCPT":
                    if sender is None:
                        await reply("503 5.5.1 MAIL first")
                        continue
                    recipients.append(line)
                    await reply("250 OK")
                elif verb == b"DATA":
                    if not recipients:
                        await reply("503 5.5.1 RCPT first")
                        continue
                    await reply("354 End data with <CR><LF>.<CR><LF>")
                    lines, size = [], 0
                    while (data := await readline()) is not None and data != b".":
                        data = data[1:] if data.startswith(b".") else data
                        size += len(data) + 2
                        if size <= MAX_MESSAGE:
                            lines.append(data)
                    if data is None:
                        return
                    if size > MAX_MESSAGE:
                        await reply("552 5.3.4 message too big")
                    else:
                        self.store(b"".join(item + b"\r\n" for item in lines))
                        await reply("250 2.0.0 OK queued")
                    sender, recipients = None, []
                elif verb == b"AUTH":
                    mechanism = line.split(b" ")[1:2]
                    if mechanism == [b"LOGIN"]:
                        await reply("334 VXNlcm5hbWU6")
                        await readline()
                        await reply("334 UGFzc3dvcmQ6")
                        await readline()
                    await reply("235 2.7.0 accepted")
                elif verb == b"QUIT":
                    await reply("221 bye")
                    return
                else:
                    await reply("500 5.5.2 unknown command")
        except (ConnectionError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            writer.close()


async def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: smtp-sink.py PORT DIRECTORY")
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    sink = Sink(directory)
    server = await asyncio.start_server(sink.session, "127.0.0.1", port, limit=MAX_LINE)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
