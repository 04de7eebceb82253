#!/usr/bin/python3
"""Checks a `kg export --format csv` directory against the rules by which
`neo4j-admin database import full` (Neo4j 5) reads header and data files,
since no Neo4j is packaged for Debian to run the import itself.

usage: check_neo4j.py DIR
prints: {"nodes": {label: count}, "relationships": {type: count}, "errors": [...]}
exits 1 when any rule is broken.

Rules checked:
- import.sh holds one `neo4j-admin database import full` command whose
  --nodes=LABELS=HEADER,DATA and --relationships=TYPE=HEADER,DATA name every
  .csv file of the directory once, and each file exists;
- a header is one CSV line of fields `name[:type]`, `:ID(space)`/`name:ID(space)`,
  `:START_ID(space)`, `:END_ID(space)`, `:LABEL`, `:TYPE` or `:IGNORE`; types
  are neo4j-admin's (int, long, float, double, boolean, byte, short, char,
  string, point, date, localtime, time, localdatetime, datetime, duration,
  each optionally an array with []); property names are unique;
- a node header has exactly one ID field; a relationship header exactly one
  START_ID and one END_ID, and no ID;
- the data file has no header line, every row has as many fields as its
  header, no field holds a line break (the command has no --multiline-fields),
  numbers parse as their type (an empty field is no property);
- node ids are unique in their ID space; every START_ID and END_ID is a node
  id of the space its header names.
"""
import csv
import json
import os
import re
import shlex
import sys

TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
         "date", "localtime", "time", "localdatetime", "datetime", "duration"}
FIELD = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+)(?:\((?P<space>[^)]*)\))?(?P<array>\[\])?)?$")


def parse_header(path, errors):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, strict=True))
    if len(rows) != 1:
        errors.append(f"{path}: a header file holds exactly one line, found {len(rows)}")
        return []
    fields = []
    names = set()
    for text in rows[0]:
        m = FIELD.match(text)
        if not m:
            errors.append(f"{path}: field '{text}' is not name[:type]")
            continue
        name, kind, space, array = m.group("name"), m.group("type"), m.group("space"), m.group("array")
        special = kind in ("ID", "START_ID", "END_ID", "LABEL", "TYPE", "IGNORE")
        if kind and not special and kind not in TYPES:
            errors.append(f"{path}: field '{text}' has unknown type '{kind}'")
        if space is not None and kind not in ("ID", "START_ID", "END_ID"):
            errors.append(f"{path}: field '{text}': only ID fields take an ID space")
        if name:
            if name in names:
                errors.append(f"{path}: property '{name}' twice")
            names.add(name)
        elif not special:
            errors.append(f"{path}: field '{text}' has no name")
        fields.append({"name": name, "kind": kind or "string", "space": space or "", "array": bool(array)})
    return fields


def check_value(path, line, field, value, errors):
    if value == "" or field["kind"] in ("ID", "START_ID", "END_ID", "LABEL", "TYPE", "IGNORE"):
        return
    items = value.split(";") if field["array"] else [value]
    for item in items:
        try:
            if field["kind"] in ("int", "long", "short", "byte"):
                int(item)
            elif field["kind"] in ("float", "double"):
                float(item)
            elif field["kind"] == "boolean" and item not in ("true", "false"):
                raise ValueError(item)
        except ValueError:
            errors.append(f"{path}:{line}: '{item}' is not a {field['kind']} ({field['name']})")


def main():
    directory = sys.argv[1]
    errors = []
    script = open(os.path.join(directory, "import.sh"), encoding="utf-8").read()
    command = shlex.split(script.split("exec ", 1)[1].replace("\\\n", " "), comments=True)
    if command[:4] != ["neo4j-admin", "database", "import", "full"]:
        errors.append(f"import.sh: not a neo4j-admin database import full command: {command[:4]}")
    groups = []
    for arg in command[4:]:
        for option, kind in (("--nodes=", "node"), ("--relationships=", "relationship")):
            if arg.startswith(option):
                labels, files = arg[len(option):].split("=", 1)
                groups.append((kind, labels, files.split(",")))
    named = [f for _, _, files in groups for f in files]
    present = sorted(f for f in os.listdir(directory) if f.endswith(".csv"))
    if sorted(named) != present:
        errors.append(f"import.sh names {sorted(named)}, the directory holds {present}")

    ids = {}  # space -> set of ids
    rows_by_group = []
    for kind, labels, files in groups:
        header = parse_header(os.path.join(directory, files[0]), errors)
        kinds = [f["kind"] for f in header]
        if kind == "node" and kinds.count("ID") != 1:
            errors.append(f"{files[0]}: a node header has exactly one ID field")
        if kind == "relationship" and (kinds.count("START_ID") != 1 or kinds.count("END_ID") != 1 or "ID" in kinds):
            errors.append(f"{files[0]}: a relationship header has one START_ID, one END_ID and no ID")
        rows = []
        for data in files[1:]:
            path = os.path.join(directory, data)
            with open(path, encoding="utf-8", newline="") as f:
                for line, row in enumerate(csv.reader(f, strict=True), 1):
                    if len(row) != len(header):
                        errors.append(f"{data}:{line}: {len(row)} fields, the header has {len(header)}")
                        continue
                    for field, value in zip(header, row):
                        if "\n" in value or "\r" in value:
                            errors.append(f"{data}:{line}: a line break inside {field['name'] or field['kind']}")
                        check_value(data, line, field, value, errors)
                    rows.append(row)
        rows_by_group.append((kind, labels, header, rows))
        if kind == "node":
            at = kinds.index("ID") if "ID" in kinds else None
            if at is not None:
                space = ids.setdefault(header[at]["space"], set())
                for row in rows:
                    if row[at] in space:
                        errors.append(f"{files[1]}: id '{row[at]}' twice in ID space '{header[at]['space']}'")
                    space.add(row[at])
    counts = {"nodes": {}, "relationships": {}}
    for kind, labels, header, rows in rows_by_group:
        counts["nodes" if kind == "node" else "relationships"][labels] = len(rows)
        if kind != "relationship":
            continue
        for end in ("START_ID", "END_ID"):
            at = [f["kind"] for f in header].index(end) if end in [f["kind"] for f in header] else None
            if at is None:
                continue
            space = header[at]["space"]
            known = ids.get(space, set())
            missing = [row[at] for row in rows if row[at] not in known]
            if missing:
                errors.append(f"{labels}: {len(missing)} {end} not in ID space '{space}', e.g. '{missing[0]}'")
    counts["errors"] = errors
    print(json.dumps(counts, ensure_ascii=False, sort_keys=True))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
