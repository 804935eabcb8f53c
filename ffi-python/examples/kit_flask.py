"""A Flask app with santral's webhook kit mounted at /pbx (WSGI). Run:
``flask --app kit_flask run``; the PBX's paths are ``/pbx/events``,
``/pbx/reports`` and ``/pbx/advisory``.
"""
from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

import santral
from santral import advisory, webhooks

EVENTS: list[santral.CallEvent] = []
REPORTS: list[santral.CampaignReport] = []


def on_advisory(request: santral.AdvisoryRequest, session: dict[str, Any]) -> str:
    if request.step == 1:
        return advisory.prompt(min_digits=6, max_digits=6, retry_count=2, announcement_id=456, param_name="musteri_no")
    return advisory.transfer(target="queue/201")


ALLOW = [*webhooks.VENDOR_ADDRESSES, *os.environ.get("SANTRAL_ALLOW", "127.0.0.1/32").split()]

app = Flask(__name__)


def health() -> dict[str, int]:
    return {"events": len(EVENTS), "reports": len(REPORTS)}


app.add_url_rule("/health", view_func=health)


app.wsgi_app = DispatcherMiddleware(  # type: ignore[method-assign]
    app.wsgi_app,
    {"/pbx": webhooks.wsgi(on_call_event=EVENTS.append, on_campaign_report=REPORTS.append,
                           on_advisory=on_advisory, allow=ALLOW, fallback=advisory.transfer(target="queue/200"))},
)
