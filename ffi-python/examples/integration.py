"""A whole integration: create a campaign, receive its reports, route an
incoming call. Against the simulator:

    santral simulate --speed 0 &
    SANTRAL_URL=http://127.0.0.1:8095 python integration.py
"""
import logging
import os
import sys
import threading
from typing import Any

import uvicorn

import santral
from santral import advisory, webhooks

KEY = os.environ.get("SANTRAL_KEY", "K12345678-1234-5678-4321-123456789012")
PBX = os.environ.get("SANTRAL_URL", santral.BASE_URL)
PORT = int(os.environ.get("PORT", "9000"))
LEADS = ["05321234567", "05331234567", "05441234567"]
done = threading.Event()
called: set[int] = set()
# Reports arrive on the server's thread while the main thread prints:
# logging writes each line whole.
log = logging.getLogger("integration")
log.addHandler(logging.StreamHandler(sys.stdout))
log.setLevel(logging.INFO)
log.propagate = False


def on_report(r: santral.CampaignReport) -> None:  # typed, checked, never twice
    log.info("lead %s: %s, pressed %s", r.ivr_lead_id, r.status, r.key)
    called.add(r.ivr_lead_id or 0)
    if len(called) == len(LEADS):
        done.set()


def on_call(call: santral.AdvisoryRequest, session: dict[str, Any]) -> str:  # an incoming call
    if call.step == 1:
        return advisory.prompt(min_digits=6, max_digits=6, retry_count=2, announcement_id=456, param_name="musteri_no")
    return advisory.transfer(target="queue/201")


app = webhooks.asgi(on_campaign_report=on_report, on_advisory=on_call,
                    allow=[*webhooks.VENDOR_ADDRESSES, "127.0.0.1/32"])

if __name__ == "__main__":
    server = uvicorn.Server(uvicorn.Config(app, port=PORT, log_level="warning", proxy_headers=False))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        done.wait(0.05)
    header = ('{"call_type": "ivr", "name": "Ödeme hatırlatma", "digit_target_1": "announcement/421",'
              f' "webhook_url": "http://127.0.0.1:{PORT}/reports"}}')
    with santral.Client(KEY, base_url=PBX) as pbx:
        log.info("campaign %s", pbx.create_campaign(header, LEADS))
    sys.exit(0 if done.wait(60) else 1)
