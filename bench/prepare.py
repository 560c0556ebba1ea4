#!/usr/bin/env python3
"""Benchmark preparation against a running service: issues a queue token for every
user of a seed id file (users must end up ACTIVE: run the service with a large
CONCERT_QUEUE_MAX_ACTIVE), signed in with the access tokens the seed wrote when there
are any, and writes queue tokens, user ids, access tokens and the seat ids of the
concert's first date, one per line, for the wrk scripts."""
import json
import os
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, seed_dir, out_prefix = sys.argv[1], sys.argv[2], sys.argv[3]
users = json.load(open(f"{seed_dir}/test-userId-v2.json"))
concert = json.load(open(f"{seed_dir}/test-concertId.json"))["concert"][0]["id"]
ids = [u["id"] for u in users["rich_users"] + users["poor_users"]]
signed = f"{seed_dir}/test-accessTokens.json"
access = json.load(open(signed))["tokens"] if os.path.exists(signed) else {}


def call(method, path, token=None):
    request = urllib.request.Request(base + path, method=method)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def issue(user):
    ticket = call("POST", f"/api/v1/queue/concerts/{concert}/users/{user}", access.get(user))
    if ticket["status"] != "ACTIVE":
        raise SystemExit(f"user {user} is {ticket['status']}: raise CONCERT_QUEUE_MAX_ACTIVE")
    return ticket["tokenId"]


with ThreadPoolExecutor(32) as pool:
    tokens = list(pool.map(issue, ids))
dates = call("GET", f"/api/v1/concerts/{concert}/dates", tokens[0])
date = dates[0]["concertDateId"]
seats = call("GET", f"/api/v1/concerts/{concert}/dates/{date}/seats", tokens[0])
for name, values in (("tokens", tokens), ("users", ids), ("access", [access.get(u, "") for u in ids]),
                     ("seats", [s["seatId"] for s in seats])):
    with open(f"{out_prefix}.{name}", "w") as f:
        f.write("\n".join(str(v) for v in values) + "\n")
with open(f"{out_prefix}.env", "w") as f:
    f.write(f"CONCERT={concert}\nDATE={date}\n")
print(f"{len(tokens)} ACTIVE tokens, {len(seats)} seats of date {date} of concert {concert}")
