"""Stamps: a short hash of the English page, kept in the translation's front matter."""

import textwrap

import pytest

from translations.stamps import read_stamp, source_hash, translates, write_stamp


def test_hash_is_short_stable_and_blind_to_line_endings():
    """The same page gives the same 12 hex digits on any machine, CRLF or LF."""
    stamp = source_hash("# Title\n\nText.\n")
    assert len(stamp) == 12
    assert int(stamp, 16) >= 0
    assert source_hash("# Title\r\n\r\nText.\r\n") == stamp
    assert source_hash("# Title\n\nText!\n") != stamp


def test_page_without_front_matter_has_no_stamp_and_gets_one():
    """Stamping a page with no front matter adds one, and the page text follows unchanged."""
    page = "# Título { #title }\n\nTexto.\n"
    assert read_stamp(page) is None
    stamped = write_stamp(page, "0123456789ab")
    assert stamped == "---\nsource_hash: 0123456789ab\n---\n\n# Título { #title }\n\nTexto.\n"
    assert read_stamp(stamped) == "0123456789ab"


def test_restamping_replaces_the_stamp_and_keeps_other_keys():
    """Other front matter keys, their order and the page body stay exactly as written."""
    page = textwrap.dedent(
        """\
        ---
        title: Фоновые задачи
        source_hash: 000000000000
        hide:
          - toc
        ---

        # Фоновые задачи
        """
    )
    stamped = write_stamp(page, "fedcba987654")
    assert stamped == page.replace("000000000000", "fedcba987654")
    assert read_stamp(stamped) == "fedcba987654"


def test_stamp_is_added_to_existing_front_matter():
    """A page with front matter but no stamp gets the stamp as the last key."""
    page = "---\ntitle: T\n---\n\n# T\n"
    assert (
        write_stamp(page, "aaaaaaaaaaaa")
        == "---\ntitle: T\nsource_hash: aaaaaaaaaaaa\n---\n\n# T\n"
    )


def test_a_stamp_outside_front_matter_is_not_one():
    """Only the front matter holds the stamp: the same words in the body are text."""
    assert read_stamp("# T\n\nsource_hash: 0123456789ab\n") is None
    assert read_stamp("---\ntitle: T\n---\n\nsource_hash: 0123456789ab\n") is None


@pytest.mark.parametrize(
    ("page", "translated"),
    [
        ("# Notes\n", True),
        ("---\ntitle: Notes\n---\n\n# Notes\n", True),
        ("---\ntranslate: true\n---\n\n# Notes\n", True),
        ("---\ntranslate: false\n---\n\n# Notes\n", False),
        ("---\r\ntitle: Notes\r\ntranslate: no\r\n---\r\n\r\n# Notes\r\n", False),
        ("---\ntranslate: [false\n---\n\n# Notes\n", True),  # not YAML: MkDocs reports it
        ("# Notes\n\ntranslate: false\n", True),  # in the text, not the front matter
    ],
)
def test_translate_false_in_front_matter_keeps_a_page_english(page, translated):
    """Only a front matter that says `translate: false` (YAML's false) keeps a page English."""
    assert translates(page) is translated
