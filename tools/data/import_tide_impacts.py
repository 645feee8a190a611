#!/usr/bin/env python3
"""Writes data/impacts/tide-boavizta.json from two CSV files of the Boavizta API repository.

    tools/data/import_tide_impacts.py IOT_FACTORS_TIDE.csv ELECTRICAL_MIX.csv FACTORS.yml COMMIT > data/impacts/tide-boavizta.json

IOT_FACTORS_TIDE.csv is boaviztapi/data/crowdsourcing/iot_factors_tide.csv (per functional block
and hardware specification level: fabrication and end-of-life values of 18 indicators, adapted by
TIDE from Pirson & Bol 2021); ELECTRICAL_MIX.csv is boaviztapi/data/crowdsourcing/electrical_mix.csv
(per-country impacts of 1 kWh of electricity, ADEME Base IMPACTS); FACTORS.yml is
boaviztapi/data/factors.yml, whose "cpu" entry gives the impact of 1 mm2 of CPU die (die_impact:
adp and pe; the UBA's Green Cloud Computing 2021, as the API documents it). COMMIT is the repository commit
read. Numbers are copied as published, unchanged; the file records which row and column each
comes from.
"""
import csv
import json
import sys

import yaml

# Indicator ids of the TIDE table -> TinyFoot category id, name, unit symbol (EF 3.1 naming).
CATEGORIES = [
    ("adpe", "adpe", "Resource use, minerals and metals (ADPe)", "kg_sb_eq"),
    ("adpf", "adpf", "Resource use, fossils (ADPf)", "MJ"),
    ("pe", "pe", "Primary energy, total", "MJ"),
    ("wu", "wu", "Water use (deprivation-weighted)", "m3_world_eq"),
    ("fw", "fw", "Net use of fresh water", "m3"),
    ("ap", "ap", "Acidification", "mol_h_plus_eq"),
    ("pm", "pm", "Particulate matter", "disease_incidence"),
    ("ir", "ir", "Ionising radiation, human health", "kbq_u235_eq"),
    ("lu", "lu", "Land use", "pt"),
    ("odp", "odp", "Ozone depletion", "kg_cfc11_eq"),
    ("pocp", "pocp", "Photochemical ozone formation, human health", "kg_nmvoc_eq"),
    ("ctue", "ctue", "Ecotoxicity, freshwater", "ctue"),
    ("ctuh_c", "ctuh_c", "Human toxicity, cancer", "ctuh"),
    ("ctuh_nc", "ctuh_nc", "Human toxicity, non-cancer", "ctuh"),
    ("epf", "epf", "Eutrophication, freshwater", "kg_p_eq"),
    ("epm", "epm", "Eutrophication, marine", "kg_n_eq"),
    ("ept", "ept", "Eutrophication, terrestrial", "mol_n_eq"),
]

# TinyFoot grid factor ids -> the electrical_mix column (ISO 3166 alpha-3, WOR world, EEE Europe).
GRIDS = {
    "grid.au": "AUS", "grid.br": "BRA", "grid.ca": "CAN", "grid.ch": "CHE", "grid.cn": "CHN",
    "grid.de": "DEU", "grid.es": "ESP", "grid.europe": "EEE", "grid.fr": "FRA", "grid.gb": "GBR",
    "grid.id": "IDN", "grid.in": "IND", "grid.is": "ISL", "grid.it": "ITA", "grid.jp": "JPN",
    "grid.kr": "KOR", "grid.kz": "KAZ", "grid.mx": "MEX", "grid.my": "MYS", "grid.nl": "NLD",
    "grid.no": "NOR", "grid.ph": "PHL", "grid.pl": "POL", "grid.ru": "RUS", "grid.sa": "SAU",
    "grid.se": "SWE", "grid.sg": "SGP", "grid.th": "THA", "grid.tr": "TUR", "grid.tw": "TWN",
    "grid.us": "USA", "grid.us_egrid2022_consumed": "USA", "grid.vn": "VNM", "grid.world": "WOR",
    "grid.za": "ZAF",
}

BLOCKS = {"actuators", "casing", "connectivity", "memory", "others", "pcb", "power_supply",
          "processing", "security", "sensing", "user_interface"}


def number(text):
    return float(text.strip())


# factors.yml "cpu" criteria -> TinyFoot category (gwp is CO2e, which TinyFoot computes itself).
DIE_CRITERIA = {"adp": "adpe", "pe": "pe"}


def main(tide_path, mix_path, factors_path, commit):
    with open(tide_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    api = rows[1]  # fab-pm, fab-epm, ..., eol-fw
    blocks = []
    for row in rows[3:]:
        if not row or not row[0].strip():
            continue
        block, level = (part.strip() for part in row[0].split(" - HSL-"))
        if block not in BLOCKS:
            raise SystemExit(f"unknown block {block!r} in {tide_path}")
        values = dict(zip(api[1:], row[1:]))
        entry = {"block": block, "level": int(level), "fabrication": {}, "end_of_life": {}}
        for tide_id, ours, _, _ in CATEGORIES:
            entry["fabrication"][ours] = number(values["fab-" + tide_id])
            entry["end_of_life"][ours] = number(values["eol-" + tide_id])
        blocks.append(entry)

    with open(mix_path, newline="", encoding="utf-8") as f:
        mix = list(csv.reader(f))
    header = mix[0]
    per_kwh = {}  # category -> {country: value}
    for row in mix[2:]:
        d = dict(zip(header, row))
        # ADEME's rows, and primary energy, which the source derives from ADEME's ADPf.
        if d["source"] != "ADEME Base IMPACTS ®" and d["name"] != "pe":
            continue
        per_kwh[d["name"]] = d
    categories = {c[1] for c in CATEGORIES}
    electricity = []
    for grid, country in sorted(GRIDS.items()):
        values = {}
        for cat in sorted(categories):
            if cat in per_kwh and per_kwh[cat][country].strip():
                values[cat] = number(per_kwh[cat][country])
        electricity.append({"grid": grid, "country": country, "per_kwh": values})

    with open(factors_path, encoding="utf-8") as f:
        cpu = yaml.safe_load(f)["cpu"]
    die = {ours: float(cpu[theirs]["die_impact"]) for theirs, ours in sorted(DIE_CRITERIA.items())}

    url = f"https://github.com/Boavizta/boaviztapi/blob/{commit}/boaviztapi/data/crowdsourcing/"
    doc = {
        "format": "tinyfoot.impact_set",
        "version": 1,
        "id": "tide-boavizta",
        "name": "Impact categories per functional block (TIDE, Boavizta API) and per kWh (ADEME Base IMPACTS)",
        "description": (
            "Fabrication and end-of-life impacts of one functional block at one hardware specification "
            "level, in 17 categories besides climate change, as TIDE adapted them from Pirson & Bol (2021) "
            "for the Boavizta API; and the impacts of 1 kWh of electricity per country from ADEME's Base "
            "IMPACTS (2011) as the Boavizta API ships them. Copied unchanged by "
            "tools/data/import_tide_impacts.py from the repository commit " + commit + ". One value per block "
            "and level: the table does not distinguish the lower, typical and upper bounds of a level. "
            "Water use and net fresh water have no per-kWh value in the source; primary energy per kWh "
            "is the source's ADPf / (1 - renewable share, IRENA 2016)."),
        "sources": [
            {"citation": "TIDE, adapted from Pirson, T. and Bol, D. (2021), Assessing the embodied carbon footprint "
                         "of IoT edge devices with a bottom-up life-cycle approach, Journal of Cleaner Production "
                         "322, 128966; as published in the Boavizta API, iot_factors_tide.csv (AGPL-3.0 repository)",
             "url": url + "iot_factors_tide.csv"},
            {"citation": "ADEME Base IMPACTS (reference year 2011), per-country electricity impacts as published in "
                         "the Boavizta API, electrical_mix.csv (AGPL-3.0 repository)",
             "url": url + "electrical_mix.csv"},
            {"citation": "Boavizta API documentation: IoT device and functional block methodology (embedded impact "
                         "of a device = sum over its functional blocks of fabrication + end of life)",
             "url": f"https://github.com/Boavizta/boaviztapi/blob/{commit}/docs/docs/Explanations/components/functional_blocks.md"},
        ],
        "categories": [{"id": ours, "name": name, "unit": unit} for _, ours, name, unit in CATEGORIES],
        "hsl_blocks": blocks,
        "electricity": electricity,
        "ic_die": {
            "per": {"value": 1, "unit": "mm2"},
            "values": die,
            "basis": "Boavizta API CPU die factor",
            "note": ("The embedded impact of 1 mm2 of CPU die (factors.yml, cpu die_impact), as the Boavizta API "
                     "documents it after the UBA's Green Cloud Computing study (2021); resource use (adp, kg Sb eq.) "
                     "and primary energy only. The API adds a per-CPU base impact for the package of a server CPU, "
                     "which does not fit a microcontroller's package: packages and memory have no figure."),
            "sources": [
                {"citation": "Boavizta API, factors.yml (cpu: die_impact per mm2 of die, adp and pe; AGPL-3.0 repository)",
                 "url": f"https://github.com/Boavizta/boaviztapi/blob/{commit}/boaviztapi/data/factors.yml"},
                {"citation": "Umweltbundesamt (2021), Green Cloud Computing: "
                             "Lebenszyklusbasierte Datenerhebung zu Umweltwirkungen des Cloud Computing, "
                             "Umweltbundesamt Texte 94/2021 (the source the API cites for the CPU factors)",
                 "url": "https://www.umweltbundesamt.de/sites/default/files/medien/5750/publikationen/2021-06-17_texte_94-2021_green-cloud-computing.pdf"},
            ],
        },
    }
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
