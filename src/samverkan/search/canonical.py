"""Make Pagefind's bundle byte-identical between builds of the same site.

Pagefind 1.5 writes its filter index from hash maps, so the order of filter
values inside each `filter/*.pf_filter` chunk, and the order of the filters in
the `pagefind.<hash>.pf_meta` file, change from run to run (measured: 7 filter
chunks, the meta file and pagefind-entry.json differed between two runs over the
same 205 pages, also with RAYON_NUM_THREADS=1). The word index and fragments
were already stable. Neither Pagefind's options nor the order of its input
change that, so after Pagefind has run we rewrite those files in a canonical
order and name each after a hash of its new content, the way Pagefind itself
names them. The search code only looks files up by the names the meta and entry
files give, so renaming keeps the bundle working (the browser tests search it).

The chunks are Pagefind's format: the 12-byte signature `pagefind_dcd`
followed by CBOR, gzipped. cbor2 reads and writes the CBOR.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path} är ingen Pagefind-fil (signaturen saknas)")
    return cbor2.loads(raw[len(SIGNATURE):])


def _encode(value) -> bytes:
    payload = SIGNATURE + cbor2.dumps(value, canonical=True)
    return gzip.compress(payload, compresslevel=9, mtime=0)


def _name(prefix: str, payload: bytes, digits: int) -> str:
    return f"{prefix}_{hashlib.sha256(payload).hexdigest()[:digits]}"


def canonicalise_bundle(bundle: Path) -> None:
    """Rewrite the order-unstable files of a Pagefind bundle in place."""
    bundle = Path(bundle)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for language, info in sorted(entry.get("languages", {}).items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]
        renamed = []
        for name, chunk_hash in sorted(filters, key=lambda f: f[0]):
            chunk_path = bundle / "filter" / f"{chunk_hash}.pf_filter"
            chunk = _read(chunk_path)
            # [filter name, [[value, [page numbers]], ...]]: values sorted, pages sorted.
            chunk[1] = sorted(([value, sorted(pages)] for value, pages in chunk[1]), key=lambda v: v[0])
            raw = cbor2.dumps(chunk, canonical=True)
            new_hash = _name(language, raw, 7)
            chunk_path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(_encode(chunk))
            renamed.append([name, new_hash])
        meta[3] = renamed
        raw = cbor2.dumps(meta, canonical=True)
        new_meta = _name(language, raw, 10)
        meta_path.unlink()
        (bundle / f"pagefind.{new_meta}.pf_meta").write_bytes(_encode(meta))
        info["hash"] = new_meta
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
