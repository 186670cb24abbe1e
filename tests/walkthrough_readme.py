"""Replay the README's first command on a fresh copy of the repository, in a fresh virtual
environment, on a machine where Debian's unrelated Ruby `docdiff` comes first on PATH (a
stand-in script plays it); then the unactivated `.venv/bin/python -m docdiff` form, and the
example workflow's package install run from a folder that holds documents only.

Not a pytest module (it installs docdiff and its dependencies: a minute or more); CI runs it as
    python tests/walkthrough_readme.py
Prints what it did with timings; exit status 0 when every step held, 1 otherwise.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAKE_RUBY_DOCDIFF = "#!/bin/sh\necho 'ruby-docdiff: this is not the docdiff you are looking for' >&2\nexit 3\n"
SKIP = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache"}


def readme_first_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("```sh", 1)[1].split("```", 1)[0].strip()


def copy_tree(dest: Path) -> None:
    """The repository's files as a fresh clone has them (no venvs, caches or build output)."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n in SKIP or n.endswith(".egg-info")}

    shutil.copytree(ROOT, dest, ignore=ignore)


def run(argv: list[str] | str, *, cwd: Path, env: dict[str, str], label: str) -> subprocess.CompletedProcess[str]:
    started = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800,
                          shell=isinstance(argv, str), executable="/bin/bash" if isinstance(argv, str) else None)
    print(f"{label}: exit {proc.returncode} in {time.perf_counter() - started:.1f} s", flush=True)
    return proc


def main() -> int:
    failures: list[str] = []

    def check(ok: bool, what: str, proc: subprocess.CompletedProcess[str] | None = None) -> None:
        print(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            failures.append(what)
            if proc is not None:
                print(proc.stdout[-2000:], proc.stderr[-2000:], sep="\n", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="docdiff-readme-") as tmp:
        base = Path(tmp)
        src, fakebin, docs = base / "docdiff", base / "fakebin", base / "documents"
        copy_tree(src)
        fakebin.mkdir()
        (fakebin / "docdiff").write_text(FAKE_RUBY_DOCDIFF, encoding="utf-8")
        (fakebin / "docdiff").chmod(0o755)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
        env["PATH"] = os.pathsep.join([str(fakebin)] + [p for p in env.get("PATH", "").split(os.pathsep)
                                                        if "venv" not in p])
        env["COLUMNS"] = "100"
        found = shutil.which("docdiff", path=env["PATH"])
        check(found == str(fakebin / "docdiff"), f"the stand-in Ruby docdiff comes first on PATH ({found})")

        command = readme_first_command()
        print(f"README: {command}")
        proc = run(command, cwd=src, env=env, label="README first command")
        check(proc.returncode == 0, "it exits 0", proc)
        check("ruby-docdiff" not in proc.stderr, "it never reached the Ruby docdiff", proc)
        check("Targets" in proc.stdout and "地区生产总值增长" in proc.stdout, "it prints the target table", proc)

        a, b = re.findall(r"samples/\S+\.txt", command)
        venv_python = src / ".venv" / "bin" / "python"
        proc = run([str(venv_python), "-m", "docdiff", "compare", a, b, "--full"], cwd=src, env=env,
                   label="unactivated .venv/bin/python -m docdiff")
        check(proc.returncode == 0 and "Shared passages" in proc.stdout, "python -m docdiff works", proc)

        # The example workflow: docdiff installed as a package from a folder of documents only.
        import yaml  # the test extra; the venv running this script has it

        workflow = yaml.safe_load((ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))
        (steps,) = [job["steps"] for job in workflow["jobs"].values()]
        install = next(s for s in steps if "pip install" in s.get("run", ""))
        requirement = install["env"]["DOCDIFF_PACKAGE"]
        local = re.sub(r"@ .*$", f"@ {src.as_uri()}", requirement)  # this checkout instead of the release
        docs.mkdir()
        for name, sample in (("baseline.txt", a), ("draft.txt", a)):
            shutil.copyfile(src / sample, docs / name)
        wf_env = dict(env, DOCDIFF_PACKAGE=local)
        wf_env["PATH"] = os.pathsep.join([str(venv_python.parent), env["PATH"]])  # setup-python's python first
        argv = [str(venv_python) if w == "python" else w for w in shlex.split(install["run"])]
        argv = [wf_env["DOCDIFF_PACKAGE"] if w == "$DOCDIFF_PACKAGE" else w for w in argv]
        proc = run(argv + ["--force-reinstall", "--no-deps", "-q"], cwd=docs, env=wf_env,
                   label=f"workflow install ({local})")
        check(proc.returncode == 0, "the workflow's install works in a folder of documents", proc)
        gate = next(s["run"] for s in steps if s.get("run", "").startswith("docdiff check"))
        proc = run(gate, cwd=docs, env=wf_env, label=f"workflow gate: {gate}")
        check(proc.returncode == 0 and "ruby-docdiff" not in proc.stderr, "the gate passes an unchanged draft", proc)

    print(f"{'all steps held' if not failures else f'{len(failures)} step(s) failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
