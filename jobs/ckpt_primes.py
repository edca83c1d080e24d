#!/usr/bin/env python3
#PBS -N ckpt-primes
#PBS -l nodes=1:ppn=1,mem=512mb,walltime=01:00:00
#PBS -c enabled
#PBS -j oe
"""A self-checkpointing job (DESIGN §5) whose answer is known: the number of primes below N (pi(10**6) = 78498).

usage: ckpt_primes.py [N] [BALLAST_MIB]
It tests numbers by trial division in blocks of 2000. On the checkpoint signal (SIGUSR1) it finishes its block,
writes {"next", "count", "resumes"} to $OMB_CHECKPOINT_DIR/state.json atomically (temporary file + os.replace) and
exits 85; started again it resumes from that state. BALLAST_MIB pads the checkpoint with that many MiB of fixed
bytes (written once, checked on every resume) so tests can make a large checkpoint. At the end it prints the count
and how many times it resumed.
"""
import hashlib
import json
import os
import signal
import sys

CHECKPOINT_EXIT = 85
BLOCK = 2000


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def ballast_block(i):
    return hashlib.sha256(str(i).encode()).digest() * (1 << 15)  # 1 MiB


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    ballast_mib = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    directory = os.environ.get("OMB_CHECKPOINT_DIR")
    if not directory:
        sys.exit("OMB_CHECKPOINT_DIR is not set: run this under omb (qsub jobs/ckpt_primes.py)")
    state_path = os.path.join(directory, "state.json")
    ballast_path = os.path.join(directory, "ballast.bin")

    asked = []
    signal.signal(signal.SIGUSR1, lambda signum, frame: asked.append(signum))

    state = {"next": 0, "count": 0, "resumes": 0}
    if os.path.exists(state_path):
        with open(state_path) as f:
            state = json.load(f)
        state["resumes"] += 1
        if ballast_mib:
            with open(ballast_path, "rb") as f:
                for i in range(ballast_mib):
                    if f.read(1 << 20) != ballast_block(i):
                        sys.exit(f"ballast block {i} is damaged: the checkpoint was not restored intact")
    elif ballast_mib:
        with open(ballast_path + ".tmp", "wb") as f:
            for i in range(ballast_mib):
                f.write(ballast_block(i))
        os.replace(ballast_path + ".tmp", ballast_path)

    n, count = state["next"], state["count"]
    while n < limit:
        end = min(n + BLOCK, limit)
        count += sum(1 for k in range(n, end) if is_prime(k))
        n = end
        if asked:
            state.update(next=n, count=count)
            with open(state_path + ".tmp", "w") as f:
                json.dump(state, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(state_path + ".tmp", state_path)
            sys.exit(CHECKPOINT_EXIT)

    print(f"primes below {limit}: {count} resumes {state['resumes']} restart_count {os.environ.get('OMB_RESTART_COUNT', '0')}")


if __name__ == "__main__":
    main()
