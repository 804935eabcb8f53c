"""The receiver an integrator would write instead of `santral serve`:
FastAPI on uvicorn, the santral wheel to check each call event, the same
SQLite durability as the gateway (WAL, synchronous=FULL, one commit per
event before the 200), duplicates stored once.

    REFERENCE_DB=ref.db uvicorn reference:app --port 8099 [--workers 2]

`REFERENCE_HANDLER=threads` (the default) runs the blocking part in
Starlette's thread pool with a connection per thread, as FastAPI's docs
advise for blocking I/O; `loop` runs it on the event loop itself.
"""

import os
import sqlite3
import threading

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

import santral

DB = os.environ.get("REFERENCE_DB", "reference.db")
_local = threading.local()


def connection() -> sqlite3.Connection:
    c = getattr(_local, "c", None)
    if c is None:
        c = sqlite3.connect(DB, isolation_level=None, timeout=5)
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = FULL")
        c.execute(
            "CREATE TABLE IF NOT EXISTS events ("
            " key TEXT PRIMARY KEY, body BLOB NOT NULL,"
            " received REAL NOT NULL DEFAULT (unixepoch('subsec')))"
        )
        _local.c = c
    return c


def receive(body: bytes) -> Response:
    if santral.CallEvent.is_ping(body):
        return Response(status_code=200)
    try:
        event = santral.CallEvent.parse(body)
    except santral.WebhookError as e:
        return JSONResponse(
            {"diagnostics": [{"code": d.code, "path": d.path} for d in e.diagnostics]},
            status_code=400,
        )
    connection().execute(
        "INSERT OR IGNORE INTO events (key, body) VALUES (?, ?)",
        (event.idempotency_key, body),
    )
    return Response(status_code=200)


app = FastAPI()

ON_LOOP = os.environ.get("REFERENCE_HANDLER", "threads") == "loop"


@app.post("/events")
async def events(request: Request) -> Response:
    body = await request.body()
    if ON_LOOP:
        return receive(body)
    return await run_in_threadpool(receive, body)
