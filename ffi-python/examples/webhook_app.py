"""A FastAPI webhook receiver for the PBX, with santral doing the checking:

- POST /events          call events (CRM integration notification URL)
- POST /campaign-report campaign reports (a campaign's webhook_url)
- GET  /route           advisory routing (Santral Programlama service URL)

Verification pings (empty body or ``{}``) get 200. Invalid payloads get
400 with santral's diagnostics. Run: ``uvicorn webhook_app:app``.
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

import santral
from santral import advisory

app = FastAPI(title="santral webhook receiver")

# What the receiver has seen (a real app would write to its database).
EVENTS: list[santral.CallEvent] = []
REPORTS: list[santral.CampaignReport] = []

CUSTOMER_PARAM = "musteri_no"


def _bad(err: santral.SantralError) -> JSONResponse:
    return JSONResponse(
        status_code=400,
        content={
            "code": err.code,
            "path": err.path,
            "diagnostics": [{"code": d.code, "path": d.path, "line": d.line, "column": d.column} for d in err.diagnostics],
        },
    )


@app.post("/events", response_model=None)
async def events(request: Request) -> Any:
    body = await request.body()
    if santral.CallEvent.is_ping(body):
        return Response(status_code=200)
    try:
        event = santral.CallEvent.parse(body)
    except santral.WebhookError as err:
        return _bad(err)
    EVENTS.append(event)
    missed = event.event_type is santral.EventType.HANGUP and event.answered is False
    return {"event_type": event.event_type.value, "missed": missed}


@app.post("/campaign-report", response_model=None)
async def campaign_report(request: Request) -> Any:
    body = await request.body()
    if santral.CampaignReport.is_ping(body):
        return Response(status_code=200)
    try:
        report = santral.CampaignReport.parse(body)
    except santral.WebhookError as err:
        return _bad(err)
    REPORTS.append(report)
    return {"answered": report.answered, "digit": report.digit, "key": report.key}


@app.get("/route", response_model=None)
async def route(request: Request) -> Any:
    """First ask the caller for their customer number, then route them."""
    try:
        req = santral.AdvisoryRequest.parse(request.url.query, param_name=CUSTOMER_PARAM)
    except santral.WebhookError as err:
        return _bad(err)
    if not req.digits:
        body = advisory.prompt(
            announcement_id=123, min_digits=5, max_digits=6, retry_count=3, param_name=CUSTOMER_PARAM
        )
    else:
        body = advisory.transfer(target="queue/201", greet_name="Değerli müşterimiz")
    return Response(content=body, media_type="application/json")
