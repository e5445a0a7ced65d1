#!/usr/bin/env python3
"""Deterministic generator of Player Info Sync (PIS v2) responses for the benchmarks.

    gen_pis.py doc --offers N [--seed S] [--pretty] > response.json
    gen_pis.py corpus DIR [--count 10000] [--invalid-every 20] [--seed S]

`doc` writes one response with exactly N offers. `corpus` fills DIR with COUNT files named
pis-00000.json ...; offer counts vary from 1 to 40 (about 20 on average, about 10 KB), one
file in three is pretty-printed, and one file in INVALID_EVERY (5% by default) carries one
schema fault drawn from a fixed list, so that error paths run too. Every fault is one that a
plain JSON Schema validator also reports; no file has a syntax error. The same seed always
gives the same bytes (Python's `random.Random` with an integer seed is stable).

Standard library only.
"""

import argparse
import json
import os
import random
import sys

GAME_PRODUCTS = [
    "pearls", "shells", "kelp_energy", "chest_golden", "chest_silver", "lure_glowing",
    "bait_crate", "net_upgrade_kit", "card_fish_epic", "card_fish_legendary", "wildcard_crew",
    "frame_captain_gilded", "vip_pass_days", "anchor_tokens", "compass_shards", "rope_bundle",
    "sail_patch_rare", "harbour_permit", "tide_charm", "coral_dust",
]
OFFER_PREFIXES = ["bundle", "special", "refresh", "rolling", "popup", "event", "starter"]
OFFER_WORDS = [
    "pearl-hoard", "lure-deal", "golden-net", "abyss-ladder", "tide-pass", "reef-crate",
    "storm-chest", "captain-kit", "harbour-sale", "winter-haul", "regatta-pack", "kelp-boost",
]
BADGES = ["emblem_most_popular", "emblem_best_value", "ribbon_sale", "ribbon_vip", "ribbon_new"]
LOCALES = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "pt-BR", "ja-JP", "ko-KR"]
AUTH = ["userToken", "apple", "google", "facebook", "otp"]
SEGMENTS = ["payers", "whales", "vip", "lapsed", "new", "dolphins", "event_racers", "collectors"]
SECTIONS = ["featured", "pearls", "deals", "rolling", "events", "chests", "vip"]
# 2026-12-01T00:00:00Z plus a few days, in epoch milliseconds.
ENDS_IN_BASE = 1_796_083_200_000


def product(rng, main):
    item = {
        "publisherProductId": rng.choice(GAME_PRODUCTS),
        "quantity": rng.choice([1, 2, 3, 5, 10, 25, 50, 120, 250, 600, 1200, 6000, 48000]),
        "priority": "Main" if main else "Sub",
    }
    roll = rng.random()
    if roll < 0.08:
        item["traits"] = [{"assetId": "trait-icon-" + rng.choice(["x2", "x3", "frame", "new"]),
                           "text": rng.choice(["Doubled this week", "Shown on your profile",
                                               "Limited edition", "New this season"])}]
    elif roll < 0.12:
        if rng.random() < 0.5:
            item["rarityProductInfo"] = {
                "stars": rng.randint(1, 5),
                "tooltip": {"tooltipText": "Guaranteed rare catch or better",
                            "rarityText": rng.choice(["Rare", "Epic", "Legendary"])},
            }
        else:
            item["rarityProductInfo"] = {
                "stars": rng.randint(1, 5),
                "tooltip": [
                    {"sectionName": "Guaranteed", "products": [
                        {"publisherProductId": "card_fish_epic", "text": "1 Epic Fish Card"}]},
                    {"sectionName": "Possible drops", "products": [
                        {"publisherProductId": "card_fish_legendary",
                         "text": "Legendary Fish Card (4% chance)"},
                        {"publisherProductId": "pearls", "text": "50 to 200 Pearls"}]},
                ],
            }
    return item


def sequence(rng, index):
    seq = {"index": index}
    if rng.random() < 0.3:
        seq["progressBarPoints"] = [{"publisherBarId": "progress-tide-pass",
                                     "points": rng.choice([50, 100, 150, 300])}]
    if index > 1 and rng.random() < 0.4:
        seq["priceDiscount"] = {"priceBeforeDiscount": rng.randint(99, 9999),
                                "discount": rng.choice([10, 20, 25, 40, 50]),
                                "type": "percentage"}
    seq["products"] = [product(rng, i == 0) for i in range(rng.choice([1, 1, 2, 2, 3]))]
    return seq


def offer(rng, n):
    prefix = rng.choice(OFFER_PREFIXES)
    item = {"publisherOfferId": f"{prefix}-{rng.choice(OFFER_WORDS)}-{n}"}
    if rng.random() < 0.35:
        item["offerDescriptionOverride"] = rng.choice([
            "Admiral price: 20% off, pearls doubled.",
            "Weekend haul: more shells for the same price.",
            "Back in the harbour? Here is a welcome gift.",
        ])
    if rng.random() < 0.25:
        item["offerDesignOverride"] = {
            "offerDesignSubtitleTextOverride": rng.choice(["For admirals only", "Today only"]),
            "offerBackgroundImageOverride":
                f"https://example.invalid/coralhold/offers/{prefix}-{n}-bg.png",
        }
    if rng.random() < 0.3:
        item["productSale"] = {"amountBeforeSale": rng.randint(100, 5000),
                               "sale": rng.choice([2, 3, 25, 50]),
                               "type": rng.choice(["multiplier", "percentage"])}
    if rng.random() < 0.3:
        item["priceDiscount"] = {"priceBeforeDiscount": rng.randint(99, 9999),
                                 "discount": rng.choice([10, 20, 25, 40]),
                                 "type": "percentage"}
    if rng.random() < 0.4:
        item["badges"] = [{"publisherBadgeId": rng.choice(BADGES),
                           "position": rng.choice(["right", "left", "center"])}]
        if rng.random() < 0.3:
            item["badges"][0]["ribbonTextOverride"] = rng.choice(["-20%", "VIP", "NEW"])
    if rng.random() < 0.3:
        item["endsIn"] = ENDS_IN_BASE + rng.randint(0, 14) * 86_400_000
    steps = 1 if prefix != "rolling" else rng.randint(2, 3)
    item["productsSequence"] = [sequence(rng, i + 1) for i in range(steps)]
    return item


def response(rng, offers):
    doc = {
        "version": 2,
        "status": "valid",
        "sessionMetadata": {"authMethod": rng.choice(AUTH), "locale": rng.choice(LOCALES),
                            "clientVersion": f"3.{rng.randint(0, 20)}.{rng.randint(0, 9)}"},
    }
    if rng.random() < 0.7:
        tier = rng.randint(1, 5)
        doc["logo"] = f"logo-coralhold-t{tier}"
        doc["playerLevelName"] = rng.choice(["Deckhand", "Bosun", "Captain", "Admiral"])
        doc["playerLevel"] = {"assetId": f"lvl-{tier}", "text": f"Tier {tier}",
                              "endsIn": ENDS_IN_BASE + tier * 86_400_000}
        doc["playerLevelBanners"] = [{
            "assetId": f"banner-tier-{tier}", "designId": "level-banner-wide",
            "text": [{"id": "title", "content": "Your perks"},
                     {"id": "subtitle", "content": "More pearls until Sunday"}],
            "endsIn": ENDS_IN_BASE + tier * 86_400_000,
        }]
        doc["storeTheme"] = {"bgImageMobile": f"bg-harbor-{tier}-mobile",
                             "bgImageDesktop": f"bg-harbor-{tier}-desktop",
                             "logo": f"logo-coralhold-t{tier}"}
    doc["offersOrder"] = rng.choice(["publisherOrder", "priceHighToLow", "priceLowToHigh"])
    doc["sectionsOrder"] = rng.sample(SECTIONS, rng.randint(2, 5))
    doc["segments"] = rng.sample(SEGMENTS, rng.randint(1, 3))
    doc["attributes"] = {"persona": rng.choice(["whale", "minnow", "racer"]),
                         "ltvTier": rng.randint(0, 5)}
    doc["balances"] = [{"publisherProductId": p, "quantity": rng.randint(0, 90000)}
                       for p in rng.sample(GAME_PRODUCTS, rng.randint(2, 6))]
    if rng.random() < 0.1:
        # A quantity beyond u64, as the spec allows (up to 24 digits).
        doc["balances"][0]["quantity"] = 48230119000000000000000
    doc["offers"] = [offer(rng, i) for i in range(offers)]
    return doc


def first_product(doc):
    return doc["offers"][0]["productsSequence"][0]["products"][0]


FAULTS = [
    ("quantity-as-string", lambda d: first_product(d).update(quantity="500")),
    ("status-capitalised", lambda d: d.update(status="Valid")),
    ("discount-type", lambda d: d["offers"][0].update(
        priceDiscount={"priceBeforeDiscount": 2499, "discount": 20, "type": "fixed_amount"})),
    ("unknown-property", lambda d: d["offers"][0].update(offerId="legacy-id")),
    ("missing-sequence", lambda d: d["offers"][0].pop("productsSequence")),
    ("negative-quantity", lambda d: first_product(d).update(quantity=-5)),
    ("index-zero", lambda d: d["offers"][0]["productsSequence"][0].update(index=0)),
    ("priority-lowercase", lambda d: first_product(d).update(priority="main")),
    ("version-one", lambda d: d.update(version=1)),
    ("two-progress-bars", lambda d: d["offers"][0]["productsSequence"][0].update(
        progressBarPoints=[{"publisherBarId": "a", "points": 1},
                           {"publisherBarId": "b", "points": 2}])),
]


def dump(doc, pretty):
    if pretty:
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("doc")
    one.add_argument("--offers", type=int, required=True)
    one.add_argument("--seed", type=int, default=1)
    one.add_argument("--pretty", action="store_true")
    many = sub.add_parser("corpus")
    many.add_argument("dir")
    many.add_argument("--count", type=int, default=10_000)
    many.add_argument("--invalid-every", type=int, default=20)
    many.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    if args.command == "doc":
        sys.stdout.write(dump(response(random.Random(args.seed), args.offers), args.pretty))
        return

    os.makedirs(args.dir, exist_ok=True)
    rng = random.Random(args.seed)
    invalid = {}
    total = 0
    for i in range(args.count):
        doc = response(rng, rng.randint(1, 40))
        if args.invalid_every and i % args.invalid_every == args.invalid_every // 2:
            name, fault = FAULTS[(i // args.invalid_every) % len(FAULTS)]
            fault(doc)
            invalid[f"pis-{i:05}.json"] = name
        text = dump(doc, rng.random() < 1 / 3)
        total += len(text.encode())
        with open(os.path.join(args.dir, f"pis-{i:05}.json"), "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(args.dir, "..", "corpus-invalid.json"), "w", encoding="utf-8") as f:
        json.dump(invalid, f, indent=1, sort_keys=True)
    print(f"{args.count} files, {len(invalid)} invalid, {total} bytes in {args.dir}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
