"""A Santral Programlama service (advisory_webhook.md) written with the
Python kit: the PBX asks it how to route an inbound call.

    python3 examples/simulate/programlama.py 9100

- a caller the "customer database" knows goes straight to queue 201,
  greeted by name;
- anyone else is asked for a customer number (a prompt: 5-6 keys, sent
  back as ``musteri_no``), then sent to queue 201 when the number is known,
  to queue 200 when not;
- a withheld caller goes to queue 200.

Run it under any ASGI server; here uvicorn, bound to loopback.
"""
from __future__ import annotations

import sys
from typing import Any

import uvicorn

import santral
from santral import advisory, webhooks

# The "customer database": national numbers and customer numbers.
CUSTOMERS = {"05334979714": "Ahmet Yılmaz"}
CUSTOMER_NUMBERS = {"123456": "Ayşe Demir"}


def route(request: santral.AdvisoryRequest, session: dict[str, Any]) -> str:
    caller = request.cli.national if request.cli is not None else ""
    if caller in CUSTOMERS:
        return advisory.transfer(target="queue/201", greet_name=CUSTOMERS[caller])
    if not caller:
        return advisory.transfer(target="queue/200")
    if request.step == 1:
        return advisory.prompt(
            phrase="Lütfen müşteri numaranızı tuşlayınız.",
            min_digits=5,
            max_digits=6,
            retry_count=2,
            param_name="musteri_no",
        )
    name = CUSTOMER_NUMBERS.get(request.digits or "")
    if name is not None:
        return advisory.transfer(target="queue/201", greet_name=name)
    return advisory.transfer(target="queue/200")


app = webhooks.asgi(on_advisory=route, allow=["127.0.0.1/32"], advisory_path="/advisory")

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]) if len(sys.argv) > 1 else 9100,
                log_level="warning", proxy_headers=False)
