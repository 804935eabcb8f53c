"""The examples, run for real: the FastAPI receiver through FastAPI's own
test client, and the polars CSV cleaner on a generated file."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

import santral

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
sys.path.insert(0, str(EXAMPLES))


def test_fastapi_webhook_receiver() -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    import webhook_app

    client = TestClient(webhook_app.app)
    assert client.post("/events", content=b"").status_code == 200
    assert client.post("/events", content=b"{}").status_code == 200
    ok = client.post(
        "/events",
        content=b"event_type=hangup&direction=inbound&caller_id_number=05321234567&call_uuid=a1&answered=false",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert ok.status_code == 200 and ok.json() == {"event_type": "hangup", "missed": True}
    assert webhook_app.EVENTS[-1].caller_id_number is not None
    bad = client.post("/events", content=b"event_type=ringin&direction=inbound&call_uuid=1")
    assert bad.status_code == 400 and bad.json()["code"] == "event.event_type"
    report = client.post(
        "/campaign-report",
        content="notification_id=5&phone=905321234567&digit=!4&status=Hata".encode(),
    )
    assert report.json() == {"answered": True, "digit": "invalid_key", "key": "4"}
    assert client.post("/campaign-report", content=b"").status_code == 200
    first = client.get("/route?uuid=u1&cli=05301234567&cld=08505321234&step=1")
    assert first.headers["content-type"] == "application/json"
    assert santral.check("advisory-response", first.content).valid
    assert json.loads(first.content)["prompt"]["param_name"] == "musteri_no"
    second = client.get("/route?uuid=u1&cli=05301234567&cld=08505321234&step=2&musteri_no=123456")
    assert json.loads(second.content)["transfer"]["target"] == "queue/201"
    assert client.get("/route?uuid=u1&cli=x&cld=08505321234&step=1").status_code == 400


def test_polars_csv_cleaner(tmp_path: Path) -> None:
    import polars as pl

    import clean_customers

    source = tmp_path / "customers.csv"
    with source.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "phone"])
        for i in range(20_000):
            w.writerow([f"customer {i}", f"0532 {i:03d} {i % 100:02d} {i % 97:02d}"[:16] if i % 10 else "yok"])
    for name in ("cleaned.csv", "cleaned.parquet"):
        assert clean_customers.clean(str(source), str(tmp_path / name)) == 20_000
        out = pl.read_parquet(tmp_path / name) if name.endswith(".parquet") else pl.read_csv(tmp_path / name)
        assert out.columns == ["name", "phone", "e164", "kind", "valid", "error"]
        bad = out.filter(pl.col("phone") == "yok")
        assert bad.height == 2_000 and bad["e164"].null_count() == 2_000
        assert set(bad["error"].to_list()) == {"phone.invalid_character"}
        good = out.filter(pl.col("phone") != "yok")
        expected = santral.normalize_phones(good["phone"].to_list())
        assert good["e164"].to_list() == expected.e164 and good["valid"].to_list() == expected.valid
