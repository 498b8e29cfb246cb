#!/usr/bin/env python3
"""Writes the evidence fixtures of JudgeCommandTest (deterministic; run from this folder).

Healthy traffic: 300k requests per 30 s tick, 0.1% errors, a fixed latency distribution in ms,
the same for both versions; the canary gets `weight` percent of the requests.
"""
import json
from datetime import datetime, timedelta, timezone

LE = ["5", "10", "25", "50", "100", "250", "500", "1000", "+Inf"]
HEALTHY_CDF = [0.05, 0.2, 0.5, 0.75, 0.9, 0.97, 0.99, 0.997, 1.0]
SLOW_CDF = [0.01, 0.05, 0.15, 0.35, 0.6, 0.85, 0.95, 0.99, 1.0]
START = datetime(2026, 1, 1, 10, 0, 0, tzinfo=timezone.utc)
PER_TICK = 300_000


def version(total, error_rate, cdf):
    return ({"total": total, "errors": round(total * error_rate)},
            {"buckets": {le: round(total * f) for le, f in zip(LE, cdf)}})


def tick(i, weight, canary_errors=0.001, canary_cdf=HEALTHY_CDF, missing=None):
    canary_total = PER_TICK * weight // 100
    stable_total = PER_TICK - canary_total
    s_ratio, s_hist = version(stable_total, 0.001, HEALTHY_CDF)
    c_ratio, c_hist = version(canary_total, canary_errors, canary_cdf)
    t = {"time": (START + timedelta(seconds=30 * (i + 1))).isoformat().replace("+00:00", "Z"),
         "weight": weight,
         "metrics": {"error-rate": {"stable": s_ratio, "canary": c_ratio},
                     "latency": {"stable": s_hist, "canary": c_hist}}}
    if missing:
        t["metrics"] = {}
        t["missing"] = {m: missing for m in ("error-rate", "latency")}
    return t


def write(name, ticks):
    with open(name, "w") as f:
        json.dump({"ticks": ticks}, f, indent=1)
        f.write("\n")


weights = [w for w in (1, 5, 25, 50, 100) for _ in range(8)]
write("promote.json", [tick(i, w) for i, w in enumerate(weights)])
write("rollback-errors.json", [tick(i, 1, canary_errors=0.03) for i in range(8)])
write("rollback-latency.json", [tick(i, 1, canary_cdf=SLOW_CDF) for i in range(8)])
# Inside no proof and outside the band by its figure (0.34% errors against a limit of about
# 0.31%), but not yet significantly worse than the stable (20 errors in 6000 requests against
# 0.1%): no FAIL yet, and the capture step cannot pass on "no regression" either.
write("holding.json", [tick(i, 1, canary_errors=0.0034) for i in range(2)])
write("no-data-deadline.json", [tick(i, 1, missing="no data") for i in range(12)])


# Bad input: a valid first tick, then a second tick broken in one way each.
def small(t, w=1):
    return {"time": t, "weight": w, "metrics": {
        "error-rate": {"stable": {"total": 9900, "errors": 9}, "canary": {"total": 100, "errors": 0}},
        "latency": {"stable": {"buckets": {"5": 1200, "10": 5100, "25": 9000, "50": 9700,
                                           "100": 9850, "250": 9890, "+Inf": 9900}},
                    "canary": {"buckets": {"5": 10, "10": 52, "25": 91, "50": 98, "100": 99,
                                           "250": 100, "+Inf": 100}}}}}


def bad(name, second):
    with open("bad-" + name + ".json", "w") as f:
        json.dump({"ticks": [small("2026-01-01T10:00:30Z"), second]}, f, indent=1)
        f.write("\n")


T1 = "2026-01-01T10:01:00Z"
bad("missing-tick", small("2026-01-01T10:02:00Z"))
t = small(T1); t["metrics"]["error-rate"]["canary"]["total"] = -5; bad("negative-count", t)
t = small(T1); t["metrics"]["latency"]["canary"]["buckets"]["50"] = 90; bad("non-monotone-buckets", t)
t = small(T1); t["metrics"]["error-rate"]["canary"]["errors"] = 101; bad("errors-above-total", t)
t = small(T1); t["metrics"]["saturation"] = t["metrics"]["error-rate"]; bad("unknown-metric", t)
t = small(T1); t["metrics"]["error-rate"]["stable"]["errors"] = "NaN"; bad("nan-string", t)
t = small(T1); del t["metrics"]["latency"]["canary"]["buckets"]["+Inf"]; bad("no-inf-bucket", t)
t = small(T1); t["metrics"]["error-rate"]["stable"]["total"] = 5000000000000000000; bad("count-above-2-50", t)
t = small(T1); t["metrics"]["latency"]["canary"]["buckets"]["1e400"] = 100; bad("infinite-le", t)
t = small(T1); t["missing"] = {"latency": "scrape failed"}; bad("metric-and-missing", t)
with open("bad-malformed.json", "w") as f:
    f.write('{"ticks": [\n  {"time": "2026-01-01T10:00:30Z", "weight": 1, "metrics": {}},\n'
            '  {"time": "2026-01-01T10:01:00Z" "weight": 1}\n]}\n')
with open("bad-no-ticks.json", "w") as f:
    f.write('{"ticks": []}\n')
with open("bad-trailing-garbage.json", "w") as f:
    json.dump({"ticks": [small("2026-01-01T10:00:30Z")]}, f, indent=1)
    f.write("\n]]]\n")
with open("bad-unknown-root-key.json", "w") as f:
    json.dump({"ticks": [small("2026-01-01T10:00:30Z")], "tick": []}, f, indent=1)
    f.write("\n")
