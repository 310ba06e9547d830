"""Synthetic records for benchmarks: valid, varied, and obviously not real.

Every title says "Syntetisk" so a generated file can never pass for a real
record. The generator is deterministic for a given seed.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

from samverkan.catalog.places import load_places
from samverkan.read.records import FOLDER_OF_TYPE
from samverkan.vocabulary import KINDS, PRINCIPLE_LABELS

THEMES = ["integration", "social välfärd", "folkbildning", "landsbygd", "arbetsmarknad",
          "demokrati", "kultur", "idrott", "ungdom", "psykisk hälsa"]
PRINCIPLES = list(PRINCIPLE_LABELS)
WORDS = ("samverkan överenskommelse partnerskap förening kommun region dialog trygghet "
         "föreningsliv mötesplats språkcafé läxhjälp boende arbete hälsa fritid").split()


def _yaml_list(values) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def write_synthetic(out_dir: Path, count: int, seed: int = 1, places_dir: Path | None = None) -> int:
    """Write `count` records (about 10 % organisations) under out_dir/<type folder>/."""
    rng = random.Random(seed)
    places_dir = places_dir or Path(__file__).resolve().parents[3] / "data" / "places"
    places = load_places(places_dir)
    munis = sorted(places.municipalities.values(), key=lambda m: m.code)
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    for folder in FOLDER_OF_TYPE.values():
        (out_dir / folder).mkdir(parents=True)

    n_orgs = max(5, count // 10)
    org_ids = [f"syntetisk-organisation-{i:05d}" for i in range(n_orgs)]
    for i, oid in enumerate(org_ids):
        m = rng.choice(munis)
        kind = rng.choice(KINDS["organisation"])
        (out_dir / "organisations" / f"{oid}.yaml").write_text(
            f"type: organisation\nkind: {kind}\ntitle: Syntetisk organisation {i}\n"
            f"municipalities: [\"{m.name}\"]\n"
            f"sources:\n  - title: Syntetisk källa {i}\n    url: https://example.org/org/{i}\n"
            f"added: \"2026-01-01\"\n", "utf-8")

    types = ["agreement"] * 5 + ["consultation"] * 2 + ["report", "document"]
    written = n_orgs
    previous_agreement = None
    for i in range(count - n_orgs):
        rtype = rng.choice(types)
        kind = rng.choice(KINDS[rtype])
        m = rng.choice(munis)
        year = rng.randint(2008, 2026)
        words = " ".join(rng.sample(WORDS, 4))
        rid = f"syntetisk-{rtype}-{i:05d}"
        lines = [f"type: {rtype}", f"kind: {kind}", f"title: Syntetisk {kind} {i} om {words}",
                 f"summary: En syntetisk post om {words} i {m.name}.",
                 f"scope: {'national' if kind == 'national' else 'regional' if kind == 'regional' else 'local'}"]
        if kind == "regional":
            lines.append(f"counties: [\"{places.counties[m.county_code].name}\"]")
        elif kind != "national":
            lines.append(f"municipalities: [\"{m.name}\"]")
        lines.append(f"themes: {_yaml_list(rng.sample(THEMES, 2))}")
        if rtype == "agreement":
            lines.append(f"valid_from: \"{year}-{rng.randint(1, 12):02d}\"")
            if rng.random() < 0.5:
                lines.append(f"valid_to: \"{year + rng.randint(1, 6)}\"")
            lines.append(f"principles: {_yaml_list(rng.sample(PRINCIPLES, rng.randint(0, 6)))}")
            parties = rng.sample(org_ids, 2)
            lines.append("parties:")
            lines += [f"  - organisation: {p}\n    role: part" for p in parties]
            if previous_agreement and rng.random() < 0.1:
                lines.append(f"supersedes: [{previous_agreement}]")
            previous_agreement = rid
        else:
            lines.append(f"date: \"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\"")
            lines.append(f"organisations: {_yaml_list(rng.sample(org_ids, 3))}")
        lines += ["sources:", f"  - title: Syntetisk källa för post {i}", f"    url: https://example.org/post/{i}",
                  f"added: \"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}\""]
        (out_dir / FOLDER_OF_TYPE[rtype] / f"{rid}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
        written += 1
    return written
