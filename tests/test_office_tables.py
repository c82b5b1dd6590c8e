"""The office tables: consistent, current, and matched whatever the diacritics."""
from __future__ import annotations

import datetime as dt

import pytest

from realpolitik.actors import person_status, resolve_phrase
from realpolitik.actors.checks import check_office_tables
from realpolitik.actors.tables import fold, get_tables, office_table_files


def test_packaged_office_tables_have_no_problems():
    problems = check_office_tables()
    assert problems == [], "\n".join(problems[:20])


def test_world_tables_are_loaded():
    files = office_table_files()
    assert files[0].name == "offices.tsv"
    assert all(f.exists() for f in files)
    names = set(get_tables().offices)
    # every row of every file is in the compiled tables
    from realpolitik.actors.tables import read_office_table
    for path in files:
        assert {row.name for row in read_office_table(path)} <= names, path


def _write(tmp_path, rows):
    path = tmp_path / "table.tsv"
    path.write_text("# test table\n" + "\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_checker_finds_two_holders_at_once(tmp_path):
    path = _write(tmp_path, [
        ["Anna Testova", "", "FIN", "prime minister", "GOV", "2003-01-01", "2006-01-01"],
        ["Boris Proovi", "", "FIN", "prime minister", "GOV", "2005-06-01", ""],
    ])
    problems = check_office_tables([path], context=[], world=True)
    assert any("both prime minister of FIN" in p for p in problems)


def test_checker_allows_a_same_day_handover(tmp_path):
    path = _write(tmp_path, [
        ["Anna Testova", "", "FIN", "prime minister", "GOV", "2003-01-01", "2006-01-05"],
        ["Boris Proovi", "", "FIN", "prime minister", "GOV", "2006-01-01", ""],
    ])
    assert check_office_tables([path], context=[], world=True) == []


def test_checker_finds_bad_codes_dates_offices_and_shared_names(tmp_path):
    path = _write(tmp_path, [
        ["Anna Testova", "Testova", "XYZ", "prime minister", "GOV", "2006-01-01", "2003-01-01"],
        ["Boris Testova", "Testova", "FIN", "head cook", "GOV", "2005-06-01", ""],
    ])
    problems = "\n".join(check_office_tables([path], context=[], world=True))
    assert "unknown country or organisation code 'XYZ'" in problems
    assert "ends (2003-01-01) before it starts" in problems
    assert "office 'head cook'" in problems
    assert "'testova' is given to 2 people" in problems
    assert "table.tsv:2:" in problems  # the file and line of the row


def test_checker_finds_a_person_written_in_two_tables(tmp_path):
    a = _write(tmp_path, [["Anna Testova", "", "FIN", "president", "GOV", "2003-01-01", ""]])
    b = tmp_path / "other.tsv"
    b.write_text("Anna Testova\t\tFIN\tforeign minister\tGOV\t1999-01-01\t2003-01-01\n", encoding="utf-8")
    problems = check_office_tables([a], context=[b], world=True)
    assert any("also in other.tsv" in p for p in problems)


@pytest.mark.parametrize("text, folded", [
    ("Nausėda", "nauseda"), ("Khürelsükh", "khurelsukh"), ("Støre", "store"), ("Łukasz", "lukasz"),
    ("Erdoğan", "erdogan"), ("Putin", "putin"),
])
def test_fold_drops_diacritics_and_case(text, folded):
    assert fold(text) == folded


def test_names_match_with_or_without_diacritics(tmp_path):
    from realpolitik.actors import load_user_actors
    from realpolitik.actors.tables import clear_user_rows

    path = _write(tmp_path, [["Jürgen Øvrebø-Testsson", "", "NOR", "foreign minister", "GOV", "2030-01-01", ""]])
    load_user_actors(path)
    try:
        for spelling in ("Jürgen Øvrebø-Testsson", "Jurgen Ovrebo-Testsson"):
            actors = resolve_phrase(spelling, "2031-01-01")
            assert [(a.country, a.sector, a.office) for a in actors] == [("NOR", "GOV", "foreign minister")]
    finally:
        clear_user_rows()


@pytest.mark.parametrize("text, day, code, sector", [
    # heads of state and government of states outside the core table, in and out of office
    ("Ghanaian President Nana Akufo-Addo", "2020-03-01", "GHA", "GOV"),
    ("Nana Akufo-Addo", "2026-01-10", "GHA", "ELI"),
    ("Sanna Marin", "2021-05-01", "FIN", "GOV"),
    ("Sanna Marin", "2024-05-01", "FIN", "ELI"),
    ("Jacinda Ardern", "2019-03-20", "NZL", "GOV"),
    ("Kassym-Jomart Tokayev", "2005-06-01", "KAZ", "GOV"),   # then foreign minister
    ("Kassym-Jomart Tokayev", "2010-06-01", "KAZ", "ELI"),   # between his offices in our scope
])
def test_world_tables_resolve_by_date(text, day, code, sector):
    actors = resolve_phrase(text, day)
    assert [(a.country, a.sector) for a in actors] == [(code, sector)]


def test_world_tables_cover_every_state():
    table = get_tables().offices
    heads = {"president", "prime minister", "chancellor", "king", "queen", "emir", "sultan", "grand duke", "prince",
             "supreme leader", "head of state", "premier"}
    day = dt.date(2015, 6, 1)
    held = {r.code for rows in table.values() for r in rows
            if r.office in heads and (r.start is None or r.start <= day) and (r.end is None or day < r.end)}
    members = [c for c, row in get_tables().countries.items()
               if row.get("population") and int(row["population"]) >= 1_000_000]
    territories = {"HKG", "PRI", "SCG"}  # no state offices of their own (SCG: Serbia and Montenegro, gone in 2006)
    missing = sorted(set(members) - held - territories)
    # every state of a million people has a head of state or government on a given day
    assert missing == []


def test_packaged_org_tables_have_no_problems():
    from realpolitik.actors.checks import check_org_tables

    problems = check_org_tables()
    assert problems == [], "\n".join(problems[:20])


def test_org_checker_finds_bad_rows_and_shared_names(tmp_path):
    from realpolitik.actors.checks import check_org_tables

    path = tmp_path / "orgs.tsv"
    path.write_text("# test\n"
                    "Testland Liberation Front\tTLF\tTLF\t\tFIN\tREB\tarmed\n"
                    "Testland Lumber Federation\tTLF\t\tFIN\t\tBUS\tbusiness\n"
                    "Nowhere Corp\t\t\tXYZ\t\tBUS\tshop\n", encoding="utf-8")
    problems = "\n".join(check_org_tables([path], context=[]))
    assert "'tlf' is given to" in problems
    assert "unknown country code 'XYZ'" in problems
    assert "family 'shop'" in problems
    assert "orgs.tsv:4:" in problems


def test_bare_surname_goes_to_the_namesake_in_office(tmp_path):
    """A surname alias of a person out of office means the one namesake who holds office on the day."""
    from realpolitik.actors import load_user_actors
    from realpolitik.actors.tables import clear_user_rows

    path = _write(tmp_path, [
        ["Arvo Testamaa", "Testamaa", "EST", "president", "GOV", "2030-01-01", "2034-01-01"],
        ["Liisa Testamaa", "", "EST", "president", "GOV", "2034-01-01", ""],
    ])
    load_user_actors(path)
    try:
        def who(day):
            return [(a.name, a.sector) for a in resolve_phrase("Testamaa", day)]
        assert who("2031-01-01") == [("Arvo Testamaa", "GOV")]
        assert who("2035-01-01") == [("Liisa Testamaa", "GOV")]
        assert who("2029-01-01") == [("Arvo Testamaa", "ELI")]   # nobody of the name in office: the alias owner
    finally:
        clear_user_rows()
