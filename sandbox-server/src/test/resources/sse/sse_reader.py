"""Reads a job's Server-Sent Events with nothing but Python's standard library, as a script would.

Prints one line per event, "<event> <id or ->", then "END" when the server ended the stream.
  --stop-after N     drop the connection after the N-th line and reconnect with Last-Event-ID
  --rcvbuf BYTES     a small receive buffer, so the server's side fills up while this client does not read
  --pause-until URL  read one event, then read nothing until the job at URL has ended
  --token TOKEN      sent as Authorization: Bearer
"""
import argparse
import http.client
import json
import socket
import sys
import time
import urllib.parse
import urllib.request


def open_stream(url, token, last_id, rcvbuf):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    if rcvbuf:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        sock.settimeout(120)
        sock.connect((parts.hostname, parts.port))
        connection.sock = sock
    headers = {"Accept": "text/event-stream"}
    if token:
        headers["Authorization"] = "Bearer " + token
    if last_id is not None:
        headers["Last-Event-ID"] = str(last_id)
    connection.request("GET", parts.path + ("?" + parts.query if parts.query else ""), headers=headers)
    response = connection.getresponse()
    if response.status != 200:
        sys.exit("HTTP %d: %s" % (response.status, response.read().decode()))
    return connection, response


def events(response):
    """Yields (event, id, data) per the SSE format: fields until a blank line."""
    name, event_id, data = None, None, []
    for raw in response:
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data or name:
                yield name or "message", event_id, "\n".join(data)
            name, event_id, data = None, None, []
        elif line.startswith(":"):
            continue
        else:
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                name = value
            elif field == "id":
                event_id = value
            elif field == "data":
                data.append(value)


def wait_ended(url, token):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token} if token else {})
    while True:
        with urllib.request.urlopen(request) as answer:
            if json.load(answer)["job"]["status"] not in ("queued", "running"):
                return
        time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--stop-after", type=int)
    parser.add_argument("--rcvbuf", type=int)
    parser.add_argument("--pause-until")
    parser.add_argument("--token")
    args = parser.parse_args()
    last_id, lines, dropped = None, 0, False
    while True:
        connection, response = open_stream(args.url, args.token, last_id, args.rcvbuf)
        reconnect = False
        for name, event_id, data in events(response):
            json.loads(data)  # every data is one JSON value
            print(name, event_id or "-")
            if event_id:
                last_id = event_id
                lines += 1
            if args.pause_until:
                wait_ended(args.pause_until, args.token)
                args.pause_until = None
            if args.stop_after and not dropped and lines == args.stop_after:
                dropped = reconnect = True
                print("RECONNECT", flush=True)
                break
        connection.close()
        if not reconnect:
            print("END")
            return


if __name__ == "__main__":
    main()
