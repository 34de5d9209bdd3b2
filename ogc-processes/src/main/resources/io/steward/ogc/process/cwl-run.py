# Runs one CWL job for Steward, in the operation's work directory: cwltool on the tool named by argv[1] with
# job.json, in containers when a Docker engine answers (images must be local: nothing is pulled). On SIGTERM (a
# dismiss) the job's containers, named by their cidfiles, are removed: they are the engine's children, not ours.
# On success the outputs are printed on stdout as JSON, File and Directory contents inlined as base64 (a Directory
# as a tar archive), because the work directory is deleted when the operation ends.
import base64
import io
import json
import os
import signal
import subprocess
import sys
import tarfile

CIDS = os.path.abspath("cids")
OUT = os.path.abspath("out")
os.makedirs(CIDS, exist_ok=True)


def engine_answers():
    try:
        return subprocess.run(["docker", "version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=15).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def remove_containers():
    for name in os.listdir(CIDS):
        try:
            with open(os.path.join(CIDS, name)) as f:
                cid = f.read().strip()
        except OSError:
            continue
        if cid:
            subprocess.run(["docker", "rm", "-f", cid], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


argv = ["cwltool", "--quiet", "--disable-pull", "--outdir", OUT, "--cidfile-dir", CIDS]
if not engine_answers():
    argv.append("--no-container")
job = subprocess.Popen(argv + [sys.argv[1], "job.json"], stdout=subprocess.PIPE)


def stop(signum, frame):
    remove_containers()
    job.terminate()
    try:
        job.wait(timeout=5)
    except subprocess.TimeoutExpired:
        job.kill()
    # A container the CLI was still creating when the first pass ran has its cidfile now.
    remove_containers()
    sys.exit(128 + signum)


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
stdout, _ = job.communicate()
if job.returncode != 0:
    sys.exit(job.returncode)


def packed(value):
    if isinstance(value, dict) and value.get("class") == "File":
        with open(value["path"], "rb") as f:
            content = f.read()
        return {"class": "File", "basename": value.get("basename"), "format": value.get("format"),
                "contents": base64.b64encode(content).decode("ascii")}
    if isinstance(value, dict) and value.get("class") == "Directory":
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w") as tar:
            tar.add(value["path"], arcname=value.get("basename") or "directory")
        return {"class": "Directory", "basename": value.get("basename"),
                "contents": base64.b64encode(archive.getvalue()).decode("ascii")}
    if isinstance(value, list):
        return [packed(item) for item in value]
    return value


outputs = json.loads(stdout.decode("utf-8"))
json.dump({name: packed(value) for name, value in outputs.items()}, sys.stdout)
