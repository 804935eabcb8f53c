"""A FastAPI app with santral's webhook kit mounted at /pbx: call events,
campaign reports and advisory routing, checked by the core before your
code sees them. Run: ``uvicorn kit_fastapi:app``; point the PBX at
``https://your.host/pbx/events`` (CRM settings), ``/pbx/reports`` (a
campaign's webhook_url) and ``/pbx/advisory`` (Santral Programlama).
"""
from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI

import santral
from santral import advisory, webhooks

EVENTS: list[santral.CallEvent] = []
REPORTS: list[santral.CampaignReport] = []


async def on_call_event(event: santral.CallEvent) -> None:
    EVENTS.append(event)  # a real app writes to its database here


def on_campaign_report(report: santral.CampaignReport) -> None:
    REPORTS.append(report)


def on_advisory(request: santral.AdvisoryRequest, session: dict[str, Any]) -> str:
    if request.step == 1:
        return advisory.prompt(min_digits=6, max_digits=6, retry_count=2, announcement_id=456, param_name="musteri_no")
    session["customer"] = request.digits
    return advisory.transfer(target="queue/201")


# The vendor's addresses, plus any you add (this machine, for trying it out).
ALLOW = [*webhooks.VENDOR_ADDRESSES, *os.environ.get("SANTRAL_ALLOW", "127.0.0.1/32").split()]

app = FastAPI(title="PBX webhooks")
app.mount(
    "/pbx",
    webhooks.asgi(
        on_call_event=on_call_event,
        on_campaign_report=on_campaign_report,
        on_advisory=on_advisory,
        allow=ALLOW,
        fallback=advisory.transfer(target="queue/200"),  # the operators, when anything fails
    ),
)


@app.get("/health")
def health() -> dict[str, int]:
    return {"events": len(EVENTS), "reports": len(REPORTS)}
