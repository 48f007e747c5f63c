"""Builds the sandboxopt wheel with the standard library only (no pip, setuptools or build needed).

    python3 build_wheel.py --source src/main/python --version 0.1.0-SNAPSHOT --out target/classes/client/python

writes ``sandboxopt-<pep440 version>-py3-none-any.whl`` and ``wheel.properties`` (its file name, version
and SHA-256, read by the server) into ``--out``. The wheel is reproducible: the same sources give the
same bytes, so its ``#sha256=`` on the server's page only changes when the client does.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
import zipfile
from pathlib import Path

PACKAGE = "sandboxopt"
SUMMARY = "Client for the Sandbox Optimization System: upload models, run jobs, follow their logs"
# 1980-01-01, the earliest time a zip file can hold: fixed so that the wheel's bytes depend on its contents only
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def pep440(maven_version: str) -> str:
    """``0.1.0-SNAPSHOT`` -> ``0.1.0.dev0``, ``1.2.0-rc1`` -> ``1.2.0rc1``, ``1.2.0`` stays; anything else local."""
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(?:[-.]?(.*))?", maven_version.strip())
    if not match:
        raise SystemExit(f"cannot turn the version {maven_version!r} into a Python one (expected digits first)")
    release, qualifier = match.group(1), (match.group(2) or "").lower()
    if not qualifier:
        return release
    if qualifier == "snapshot":
        return release + ".dev0"
    pre = re.fullmatch(r"(alpha|a|beta|b|rc|cr)[-.]?(\d*)", qualifier)
    if pre:
        letter = {"alpha": "a", "a": "a", "beta": "b", "b": "b", "rc": "rc", "cr": "rc"}[pre.group(1)]
        return release + letter + (pre.group(2) or "0")
    return release + "+" + re.sub(r"[^a-z0-9]+", ".", qualifier).strip(".")


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return "sha256=" + digest


def package_files(source: Path, version: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted((source / PACKAGE).rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
            continue
        files[path.relative_to(source).as_posix()] = path.read_bytes()
    # the version the server is built as, in place of the source tree's placeholder
    files[f"{PACKAGE}/_version.py"] = (f'"""The version of this client: the server\'s it was built with."""\n'
                                       f'__version__ = "{version}"\n').encode("utf-8")
    return files


def metadata(version: str) -> str:
    return (f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: {version}\nSummary: {SUMMARY}\n"
            "Requires-Python: >=3.9\nClassifier: Programming Language :: Python :: 3\n"
            "Classifier: Typing :: Typed\nDescription-Content-Type: text/markdown\n\n"
            "Standard library only. `from sandboxopt import Client`; the command line is `sandboxopt --help`.\n")


def build(source: Path, maven_version: str, out: Path) -> Path:
    version = pep440(maven_version)
    dist_info = f"{PACKAGE}-{version}.dist-info"
    files = package_files(source, version)
    files[f"{dist_info}/METADATA"] = metadata(version).encode("utf-8")
    files[f"{dist_info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: sandboxopt build_wheel.py\n"
                                   b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    files[f"{dist_info}/entry_points.txt"] = f"[console_scripts]\n{PACKAGE} = {PACKAGE}.cli:main\n".encode("utf-8")
    files[f"{dist_info}/top_level.txt"] = f"{PACKAGE}\n".encode("utf-8")
    record_name = f"{dist_info}/RECORD"
    lines = [f"{name},{record_hash(data)},{len(data)}" for name, data in files.items()]
    files[record_name] = ("\n".join(lines + [f"{record_name},,"]) + "\n").encode("utf-8")

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{PACKAGE}-*.whl"):
        old.unlink()
    wheel = out / f"{PACKAGE}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():  # RECORD last, as the wheel format recommends
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    sha256 = hashlib.sha256(wheel.read_bytes()).hexdigest()
    (out / "wheel.properties").write_text(
        f"# written by build_wheel.py\nversion={version}\nwheel={wheel.name}\nsha256={sha256}\n", encoding="utf-8")
    return wheel


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="the folder holding the sandboxopt package")
    parser.add_argument("--version", required=True, help="the Maven version (0.1.0-SNAPSHOT)")
    parser.add_argument("--out", type=Path, required=True, help="where the wheel and wheel.properties go")
    args = parser.parse_args(argv)
    if sys.version_info < (3, 9):
        raise SystemExit("build_wheel.py needs Python 3.9 or later")
    wheel = build(args.source, args.version, args.out)
    print(f"Built {wheel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
