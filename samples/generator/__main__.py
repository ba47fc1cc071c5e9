"""python -m samples.generator --out samples/archive --cases 60 --seed 2026"""
from __future__ import annotations

import argparse
import shutil
import sys
from collections import Counter
from pathlib import Path

from .archive import ALL_FORMATS, generate_archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.generator",
                                     description="Genererer et syntetisk arkiv af børne- og familiesager med facitliste.")
    parser.add_argument("--out", required=True, type=Path, help="arkivmappe (skal være tom, eller brug --replace)")
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--gold", type=Path, help="facitliste (standard: gold.csv ved siden af arkivmappen)")
    parser.add_argument("--pii", type=Path, help="register over indplantede personoplysninger (standard: pii.json)")
    parser.add_argument("--no-scans", action="store_true", help="ingen skannede sider (intet OCR-behov)")
    parser.add_argument("--formats", default=",".join(ALL_FORMATS), help="kommasepareret liste af formater")
    parser.add_argument("--no-extras", action="store_true", help="ingen zip-sag, løs fil eller fejlbehæftede filer")
    parser.add_argument("--replace", action="store_true", help="slet arkivmappen først")
    args = parser.parse_args(argv)
    if args.replace and args.out.exists():
        shutil.rmtree(args.out)
    gold = generate_archive(args.out, n_cases=args.cases, seed=args.seed, scanned=not args.no_scans,
                            formats=tuple(args.formats.split(",")), extras=not args.no_extras,
                            gold_path=args.gold or args.out.parent / "gold.csv",
                            pii_path=args.pii or args.out.parent / "pii.json")
    settings = Counter(row["setting"] for row in gold)
    print(f"{len(gold)} sager skrevet til {args.out}: " + ", ".join(f"{k} {v}" for k, v in sorted(settings.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
