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

The same pass gives the fragments (one per page, fetched for the results shown) short names. Pagefind
names each after 7 hex digits of its content hash, and the meta file, which every search fetches
first, lists all of them: with 10,000 pages those random digits were 49 KB of its 76 KB gzipped. A
fragment is now named by the build (6 hex digits of a hash of every fragment's bytes, in page order,
so any changed fragment gives every name a new build part and no cached fragment is mistaken for
another, while a second pass over the same bundle changes nothing) and its page number in base 36,
least significant digit first (sv_1a2b3c_q3, which compresses to under 2 bytes a page). The page numbers are Pagefind's own, and its code only looks a
fragment up by the name the meta gives.

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


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36_reversed(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, d = divmod(n, 36)
        out.append(_DIGITS[d])
    return "".join(out)


def fragment_names(language: str, digests: list[str]) -> list[str]:
    """Short names for the fragments of one language, from their content digests in page order."""
    build = hashlib.sha256("\n".join(digests).encode("utf-8")).hexdigest()[:6]
    width = 1
    while 36 ** width < len(digests):
        width += 1
    return [f"{language}_{build}_{_base36_reversed(i, width)}" for i in range(len(digests))]


def _rename_fragments(bundle: Path, language: str, pages: list) -> None:
    """pages: the meta's [[fragment name, word count], ...]; renamed in place, files too. The names
    come from the fragments' bytes, not their old names, so a second pass changes nothing."""
    folder = bundle / "fragment"
    digests = [hashlib.sha256((folder / f"{name}.pf_fragment").read_bytes()).hexdigest() for name, _ in pages]
    for page, name in zip(pages, fragment_names(language, digests)):  # distinct: one page number each
        if page[0] != name:
            (folder / f"{page[0]}.pf_fragment").rename(folder / f"{name}.pf_fragment")
            page[0] = name


def canonicalise_bundle(bundle: Path) -> None:
    """Rewrite the order-unstable files of a Pagefind bundle in place."""
    bundle = Path(bundle)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for language, info in sorted(entry.get("languages", {}).items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        _rename_fragments(bundle, language, meta[1])
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
