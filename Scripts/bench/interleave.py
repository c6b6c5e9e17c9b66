#!/usr/bin/env python3
"""Times commands side by side, interleaved: each round runs every command once, in an order
rotated from round to round, so that a machine whose speed drifts (a shared VM) slows all of
them alike instead of whichever happened to run during a slow minute.

    interleave.py [--runs N] [--warmup N] -- CMD1 ... -- CMD2 ... [-- CMD3 ...]

Prints one line per command: the mean and the median wall time in seconds. Each command's
standard output and error go to /dev/null. The wall time is measured around posix_spawn and
wait4, the same way for every command (about 1 ms for /bin/true).
"""
import os
import statistics
import sys
import time


def parse(argv):
    runs, warmup, commands, i = 10, 1, [], 0
    while i < len(argv) and argv[i] != "--":
        if argv[i] == "--runs":
            runs = int(argv[i + 1])
        elif argv[i] == "--warmup":
            warmup = int(argv[i + 1])
        else:
            sys.exit(__doc__)
        i += 2
    for arg in argv[i:]:
        if arg == "--":
            commands.append([])
        else:
            commands[-1].append(arg)
    if not commands or not all(commands):
        sys.exit(__doc__)
    return runs, warmup, commands


def run_once(command, devnull):
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"interleave.py: {' '.join(command)} failed ({os.waitstatus_to_exitcode(status)})")
    return elapsed


def main():
    runs, warmup, commands = parse(sys.argv[1:])
    devnull = os.open(os.devnull, os.O_WRONLY)
    times = [[] for _ in commands]
    for round_number in range(warmup + runs):
        for k in range(len(commands)):
            index = (round_number + k) % len(commands)
            elapsed = run_once(commands[index], devnull)
            if round_number >= warmup:
                times[index].append(elapsed)
    for command_times in times:
        print(f"{statistics.mean(command_times):.4f} {statistics.median(command_times):.4f}")


if __name__ == "__main__":
    main()
