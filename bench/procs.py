"""What the bench scripts share about the servers they start."""

import subprocess


def stop(process, timeout):
    """Ends a server process: SIGTERM, then SIGKILL if it has not ended
    within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
