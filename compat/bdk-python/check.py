#!/usr/bin/env python3
"""check.py: Symphony's Python BDK, unchanged, against the tutti pod simulator.

It loads the BDK configuration the simulator wrote (`tutti simulator --tls
--write-config DIR/config.yaml`) as it is, starts the BDK's datafeed loops,
drives its services one named check at a time and prints PASS, FAIL,
BDK-DEFECT or SKIPPED for each. It exits 1 when a check failed: an error the
simulator caused. run.sh starts the simulator and runs it; see README.md.

    check.py make-key PRIVATE.pem PUBLIC.pem
    check.py --config DIR/config.yaml --ledger DIR/ledger.jsonl \\
             --tester NAME=PRIVATE.pem --admin https://127.0.0.1:PORT
"""

import argparse
import asyncio
import collections
import logging
import os
import sys
import time
import uuid

from harness import Admin, EventLog, Exchanges, Results, current_check


def make_key(private_path: str, public_path: str):
    """make_key writes a new RSA key pair: the private key (mode 0600) for
    the tester account's BDK, the public one for the simulator's --account."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    with open(public_path, "wb") as f:
        f.write(key.public_key().public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo))


class Context:
    """Context is what the checks share: the BDK instances, the datafeed
    logs, the simulator's administration API and what earlier checks made."""

    def __init__(self, args, config):
        self.args = args
        self.config = config
        self.run_id = uuid.uuid4().hex[:8]
        self.bdk = None  # the bot, with the configuration as written (datafeed v2)
        self.bdk_v1 = None  # the same bot, reading datafeed v1
        self.tester = None  # another account of the pod, the bot's counterpart
        self.bot = None  # the bot's session (UserV2)
        self.tester_user = None
        self.feed = EventLog("v2")
        self.feed_v1 = EventLog("v1")
        self.loops = {}  # name -> (loop, task)
        self.im = None  # the IM of the bot and the tester
        self.admin = None
        self.started = time.monotonic()


async def main(args) -> int:
    from symphony.bdk.core.config.loader import BdkConfigLoader
    from symphony.bdk.core.config.model.bdk_rsa_key_config import BdkRsaKeyConfig
    from symphony.bdk.core.symphony_bdk import SymphonyBdk

    import checks_activities
    import checks_datafeed
    import checks_messages
    import checks_people
    import checks_signals
    import checks_streams

    # The configuration exactly as the simulator wrote it.
    config = BdkConfigLoader.load_from_file(args.config)
    base = f"{config.scheme}://{config.host}:{config.port}"
    exchanges = Exchanges(base)
    exchanges.install()
    results = Results(exchanges, timeout=args.timeout)
    ctx = Context(args, config)
    ctx.exchanges = exchanges
    ctx.admin = Admin(args.admin or base, config.ssl.trust_store_path)
    print(f"bdk-python conformance against {base} (run {ctx.run_id})", flush=True)

    # The same bot reading datafeed v1: the BDK selects it by configuration;
    # this copy is changed in memory only, the file stays as written.
    config_v1 = BdkConfigLoader.load_from_file(args.config)
    config_v1.datafeed.version = "v1"
    # The tester: another service account of the pod (run.sh registers it
    # with --account), the bot's counterpart for slash commands.
    tester_name, tester_key = args.tester.split("=", 1)
    config_tester = BdkConfigLoader.load_from_file(args.config)
    config_tester.bot.username = tester_name
    # A new key configuration: the BDK's path setter leaves the one loaded
    # invalid (it sets the content to None, which is_valid takes as set).
    config_tester.bot.private_key = BdkRsaKeyConfig(path=tester_key)

    async with SymphonyBdk(config) as bdk, SymphonyBdk(config_v1) as bdk_v1, \
            SymphonyBdk(config_tester) as tester:
        ctx.bdk, ctx.bdk_v1, ctx.tester = bdk, bdk_v1, tester
        try:
            # Activities first, as a bot registers them: see checks_activities.late_registration.
            await checks_activities.register(ctx, results)
            await checks_datafeed.start(ctx, results)
            await checks_streams.run(ctx, results)
            await checks_messages.run(ctx, results)
            await checks_activities.run(ctx, results)
            await checks_people.run(ctx, results)
            await checks_signals.run(ctx, results)
            await checks_activities.finish(ctx, results)
            await checks_datafeed.compare(ctx, results)
            await checks_datafeed.faults(ctx, results)
        finally:
            await checks_datafeed.stop(ctx)
    statuses = collections.Counter(c.status for c in exchanges.calls if c.done and c.status >= 429)
    if statuses:
        print("bdk-python: error answers the BDK got over the run (retried by it where it retries): " +
              ", ".join(f"{n} x {code}" for code, n in sorted(statuses.items())), flush=True)
    print(results.summary(), flush=True)
    return 1 if results.failed() else 0


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", required=True, help="the config.yaml the simulator wrote")
    p.add_argument("--ledger", required=True, help="the simulator's --ledger file")
    p.add_argument("--tester", required=True, help="NAME=PRIVATE.pem of the account registered with --account")
    p.add_argument("--admin", help="base URL of the simulator's administration API (default: the pod's)")
    p.add_argument("--timeout", type=float, default=30, help="seconds a check may take")
    p.add_argument("--verbose", action="store_true", help="log the BDK at INFO")
    return p.parse_args(argv)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make-key":
        make_key(sys.argv[2], sys.argv[3])
        sys.exit(0)
    ns = parse(sys.argv[1:])
    logging.basicConfig(level=logging.INFO if ns.verbose else logging.ERROR,
                        format="        bdk: %(levelname)s %(name)s: %(message)s")
    current_check.set("setup")
    sys.exit(asyncio.run(main(ns)))
